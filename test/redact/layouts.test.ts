import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAtaIdentify } from '../../analyzer/classes/ata/ata.js';
import { parseIdCtrl } from '../../analyzer/classes/nvme/nvme.js';
import { vpdFields } from '../../collector/classes/pci/redaction.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { FAKEHOST } from '../analyzer/load/fakehost-bundle.js';
import { REDACTION } from '../../collector/classes/index.js';

const host = (rel: string): Buffer => readFileSync(join(FAKEHOST, rel));
const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');
const sum = (b: Uint8Array, from: number, to: number): number => b.subarray(from, to).reduce((s, x) => (s + x) & 0xff, 0);

describe('known layouts', () => {
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

  it('ATA IDENTIFY text: serial words and WWN replaced, model and firmware kept, checksum still valid', () => {
    const id = host('sys/class/ata_device/dev1.0/id');
    const before = parseAtaIdentify(id.toString('latin1'));
    const after = parseAtaIdentify(text(new Redactor({ catalog: REDACTION }).redact('sys/class/ata_device/dev1.0/id', undefined, id)));
    expect(before.checksumValid).toBe(true);
    expect(after).toMatchObject({ model: before.model, firmware: before.firmware, checksumValid: true });
    expect(after.serial).toBe('SN0000000001');
    expect(after.serial).not.toBe(before.serial);
  });

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

  it('InfiniBand: node GUID, PCI DSN (little-endian) and link-local GID share a token; IPv4-mapped GIDs get documentation addresses', () => {
    const r = new Redactor({ catalog: REDACTION });
    const guid = text(r.redact('sys/class/infiniband/mlx5_0/node_guid', undefined, Buffer.from('b83f:d203:00a1:b2c0\n')));
    const config = Buffer.from(r.redact('sys/bus/pci/devices/0000:3b:00.0/config', undefined, host('sys/bus/pci/devices/0000:3b:00.0/config'))!);
    const gid0 = text(r.redact('sys/class/infiniband/mlx5_0/ports/1/gids/0', undefined, Buffer.from('fe80:0000:0000:0000:b83f:d203:00a1:b2c0\n')));
    const gid1 = text(r.redact('sys/class/infiniband/mlx5_0/ports/1/gids/1', undefined, Buffer.from('0000:0000:0000:0000:0000:ffff:0a14:1e2a\n')));
    expect(guid).toBe('0200:0000:0000:0001\n');
    expect(Buffer.from(config.subarray(0x14c, 0x154)).reverse().toString('hex')).toBe('0200000000000001');
    expect(gid0).toBe('fe80:0000:0000:0000:0200:0000:0000:0001\n');
    expect(gid1).toBe('0000:0000:0000:0000:0000:ffff:c000:0201\n');
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

  it('leaves placeholders, version numbers and loopback addresses alone', () => {
    const r = new Redactor({ catalog: REDACTION });
    expect(text(r.redact('sys/class/dmi/id/chassis_serial', undefined, Buffer.from('To Be Filled By O.E.M.\n')))).toBe('To Be Filled By O.E.M.\n');
    const log = '6,1,0,-;i40e 0000:5e:00.0: fw 9.120.73026 api 1.15 nvm 9.20 0x8000d8c5 1.3429.0; bnxt fw ver 216.1.216.0; lo 127.0.0.1 at 10:29:16\n';
    expect(text(r.redact('dev/kmsg', undefined, Buffer.from(log)))).toBe(log);
    expect(text(r.redact('dev/kmsg', undefined, Buffer.from('dhcp: lease 10.1.2.3 from 10.1.2.1\n')))).toBe('dhcp: lease 192.0.2.1 from 192.0.2.2\n');
  });

  it('drops binary artifacts of unknown layout unless --keep-binary, and then still replaces known secrets', () => {
    const regs = Buffer.concat([Buffer.from([4, 0, 0, 0]), Buffer.from('b8cef64a102e', 'hex'), Buffer.alloc(6)]);
    const seen = new Redactor({ catalog: REDACTION });
    seen.redact('sys/class/net/ens1f0np0/address', undefined, Buffer.from('b8:ce:f6:4a:10:2e\n'));
    expect(seen.redact('ioctl/net/ens1f0np0/regs.bin', undefined, regs)).toBeNull();
    expect(seen.dropped).toEqual([{ name: 'ioctl/net/ens1f0np0/regs.bin', reason: expect.stringContaining('unknown layout') }]);
    const keep = new Redactor({ catalog: REDACTION, keepBinary: true });
    keep.redact('sys/class/net/ens1f0np0/address', undefined, Buffer.from('b8:ce:f6:4a:10:2e\n'));
    expect(Buffer.from(keep.redact('ioctl/net/ens1f0np0/regs.bin', undefined, regs)!).subarray(4, 10).toString('hex')).toBe('020000000001');
  });
});
