import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const host = (rel: string): Buffer => readFileSync(join(FAKEHOST, rel));
const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');
const sum = (b: Uint8Array, from: number, to: number): number => b.subarray(from, to).reduce((s, x) => (s + x) & 0xff, 0);

describe('the nic class\'s redaction layouts', () => {
  it('one MAC, in sysfs, ethtool GPERMADDR, PCI DSN-free text and the kernel log, maps to one locally administered token', () => {
    const r = new Redactor({ catalog: REDACTION });
    const sysfs = text(r.redact('sys/class/net/ens1f0np0/address', undefined, Buffer.from('b8:ce:f6:4a:10:2e\n')));
    const perm = Buffer.from(r.redact('ioctl/net/ens1f0np0/permaddr.bin', undefined, host('ioctl/net/ens1f0np0/permaddr.bin'))!);
    const log = text(r.redact('dev/kmsg', undefined, Buffer.from('6,1,0,-;eth0: B8-CE-F6-4A-10-2E up, hw b8cef64a102e, ll fe80::bace:f6ff:fe4a:102e\n')));
    expect(sysfs).toBe('02:00:00:00:00:01\n');
    expect(perm.subarray(8, 14).toString('hex')).toBe('020000000001');
    expect(log).toMatch(/^6,1,0,-;eth0: 02-00-00-00-00-01 up, hw 020000000001, ll fe80::200:0:0:\d+\n$/);
    expect(parseInt(sysfs.slice(0, 2), 16) & 3).toBe(2);
  });

  it('SFP module EEPROM: vendor serial replaced and CC_EXT fixed', () => {
    const ee = Buffer.alloc(16 + 256, 0x20);
    ee[16] = 0x03;
    ee.write('ACMEOPTICS000001', 16 + 68, 'latin1');
    ee[16 + 95] = sum(ee, 16 + 64, 16 + 95);
    const out = Buffer.from(new Redactor({ catalog: REDACTION }).redact('ioctl/net/eth0/module-eeprom.bin', undefined, ee)!);
    expect(out.toString('latin1', 16 + 68, 16 + 84)).toBe('SN00000000000001');
    expect(out[16 + 95]).toBe(sum(out, 16 + 64, 16 + 95));
    expect(out[16 + 95]).not.toBe(ee[16 + 95]);
  });

  it('devlink: serials in JSON and text; firmware versions (even dotted quads) untouched', () => {
    const r = new Redactor({ catalog: REDACTION });
    const json = '{"info":{"pci/0000:af:00.0":{"driver":"bnxt_en","serial_number":"00-10-18-FF-FE-AD-1A-00","board.serial_number":"433551F+172300000","versions":{"running":{"fw":"216.1.216.0","fw.ncsi":"0.0.0.0"}}}}}';
    const out = text(r.redact('cmd/devlink/-j_dev_info.out', undefined, Buffer.from(json)));
    expect(JSON.parse(out)).toEqual(JSON.parse(json.replace('00-10-18-FF-FE-AD-1A-00', '02-00-00-00-00-00-00-01').replace('433551F+172300000', 'SN000000000000001')));
    const txt = text(r.redact('cmd/devlink/dev_info.out', undefined, Buffer.from('pci/0000:08:00.0:\n  serial_number e4397f872caeed218000846daa7d2f49\n  board.serial_number MT2314XZ00YA\n  function.uid MT2314XZ00YAMLNXS0D0F0\n')));
    expect(txt).toBe('pci/0000:08:00.0:\n  serial_number 00000000000040008000000000000001\n  board.serial_number SN0000000002\n  function.uid SN0000000002MLNXS0D0F0\n');
  });
});
