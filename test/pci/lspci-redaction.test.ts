import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { parseLspciText } from '../../analyzer/classes/pci/lspci-text.js';

const sample = (name: string): Buffer => readFileSync(new URL(`./fixtures/real-lspci/${name}.txt`, import.meta.url));
const redact = (r: Redactor, name: string, data: Buffer): string => Buffer.from(r.redact(name, undefined, data)!).toString('utf8');

describe('lspci text in a redacted bundle', () => {
  it('VPD serial number, asset-like hex ids and the serial inside other fields are replaced; part number and product kept', () => {
    const r = new Redactor({ catalog: REDACTION });
    const out = redact(r, 'cmd/lspci/-vv.out', sample('connectx7-vpd-linux-pci-quoted'));
    expect(out).not.toContain('MT2314XZ0JUZ');
    expect(out).not.toContain('0a5efb8958deed118000946dae7db798');
    const vpd = parseLspciText(out).functions[0]!.vpd!;
    expect(vpd.fields.PN).toBe('MCX713106AEHEA_QP1');
    expect(vpd.productName).toMatch(/^NVIDIA ConnectX-7 HHHL adapter Card/);
    expect(vpd.fields.SN).toMatch(/^SN0+1$/);
    expect(vpd.fields.VU).toBe(`${vpd.fields.SN}MLNXS0D0F0`);
  });

  it('the Device Serial Number is replaced by an EUI-64 token in lspci\'s notation', () => {
    const r = new Redactor({ catalog: REDACTION });
    const out = redact(r, 'cmd/lspci/-vvv_-s_45:00.0.out', sample('bnxt-bcm57416-vvv-netdev-flattened-wrapped'));
    expect(out).not.toContain('3c-ec-ef-ff-fe-91-5c-92');
    const dsn = parseLspciText(out).functions[0]!.capabilities!.find((c) => c.fields?.kind === 'dsn')!.fields;
    expect(dsn).toMatchObject({ kind: 'dsn', serial: expect.stringMatching(/^[0-9a-f]{2}(-[0-9a-f]{2}){7}$/) });
  });

  it('a serial masked by the uploader (...) and a VPD without fields are left as they are', () => {
    const r = new Redactor({ catalog: REDACTION });
    const nvme = sample('nvme-pm173x-hptnvme-vvnn-u2004');
    expect(redact(r, 'cmd/lspci/-vvnn.out', nvme)).toBe(nvme.toString('utf8'));
  });
});
