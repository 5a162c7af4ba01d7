import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vpdFields } from '../../collector/classes/pci/redaction.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const host = (rel: string): Buffer => readFileSync(join(FAKEHOST, rel));
const sum = (b: Uint8Array, from: number, to: number): number => b.subarray(from, to).reduce((s, x) => (s + x) & 0xff, 0);

describe('the pci class\'s redaction layout', () => {
  it('PCI VPD: SN and hex-id vendor fields replaced, the RV checksum still valid', () => {
    const vpd = host('sys/bus/pci/devices/0000:3b:00.0/vpd');
    const rv = (b: Uint8Array): number => vpdFields(Buffer.from(b)).find((f) => f.key === 'RV')!.valueAt;
    expect(sum(vpd, 0, rv(vpd) + 1)).toBe(0);
    const out = new Redactor({ catalog: REDACTION }).redact('sys/bus/pci/devices/0000:3b:00.0/vpd', undefined, vpd)!;
    expect(out.length).toBe(vpd.length);
    const fields = Object.fromEntries(vpdFields(Buffer.from(out)).map((f) => [f.key, Buffer.from(out).toString('latin1', f.valueAt, f.valueAt + f.length)]));
    expect(fields.SN).toBe('SN0000000001');
    expect(fields.V3).toBe('00000000000040008000000000000001');
    expect(fields.VU).toBe('SN0000000001MLNXS0D0F0');
    expect(fields.PN).toBe('MCX623106AN-CDAT');
    expect(fields.V0).toBe('PCIeGen4 x16');
    expect(sum(out, 0, rv(out) + 1)).toBe(0);
  });
});
