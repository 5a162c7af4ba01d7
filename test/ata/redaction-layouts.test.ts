import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAtaIdentify } from '../../analyzer/classes/ata/ata.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const host = (rel: string): Buffer => readFileSync(join(FAKEHOST, rel));
const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');

describe('the ata class\'s redaction layout', () => {
  it('ATA IDENTIFY text: serial words and WWN replaced, model and firmware kept, checksum still valid', () => {
    const id = host('sys/class/ata_device/dev1.0/id');
    const before = parseAtaIdentify(id.toString('latin1'));
    const after = parseAtaIdentify(text(new Redactor({ catalog: REDACTION }).redact('sys/class/ata_device/dev1.0/id', undefined, id)));
    expect(before.checksumValid).toBe(true);
    expect(after).toMatchObject({ model: before.model, firmware: before.firmware, checksumValid: true });
    expect(after.serial).toBe('SN0000000001');
    expect(after.serial).not.toBe(before.serial);
  });
});
