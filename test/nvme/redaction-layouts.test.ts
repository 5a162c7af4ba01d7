import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdCtrl } from '../../analyzer/classes/nvme/nvme.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const host = (rel: string): Buffer => readFileSync(join(FAKEHOST, rel));
const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');

describe('the nvme class\'s redaction layout', () => {
  it('NVMe Identify Controller: sn replaced in place (space padded), the same token as the sysfs serial', () => {
    const r = new Redactor({ catalog: REDACTION });
    const sysfs = text(r.redact('sys/class/nvme/nvme0/serial', undefined, host('sys/class/nvme/nvme0/serial')));
    const raw = Buffer.alloc(4096);
    raw.write('S64HNE0R700123      ', 4, 'latin1');
    raw.write('SAMSUNG MZQL23T8HCLS-00A07              ', 24, 'latin1');
    raw.write('GDC5602Q', 64, 'latin1');
    const id = parseIdCtrl(Buffer.from(r.redact('ioctl/nvme/nvme0/id-ctrl.bin', undefined, raw)!));
    expect(sysfs.trim()).toBe('SN000000000001');
    expect(id).toMatchObject({ serial: 'SN000000000001', model: 'SAMSUNG MZQL23T8HCLS-00A07', firmware: 'GDC5602Q' });
  });
});
