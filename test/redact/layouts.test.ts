import { describe, expect, it } from 'vitest';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';

const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');

describe('redaction across classes (each class\'s own layouts: test/<class>/redaction-layouts.test.ts)', () => {
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

describe('the generic scrub of an artifact no class layout reads (a whole paste kept under unread/)', () => {
  const scrub = (r: Redactor, s: string): string => text(r.redact('unread/notes.txt', undefined, Buffer.from(s)));

  it("gives a serial token, not a MAC one, to a serial that only reads as hex digits with a dash (real: an OSFP DAC's C2604279049-2)", () => {
    const r = new Redactor({ catalog: REDACTION });
    // Lines of a real mlxlink --show_module output (a ConnectX-7's OSFP DAC), pasted whole into a note.
    const original = [
      'Cable Type                         : Passive copper cable',
      'Vendor Name                        : FS',
      'Vendor Part Number                 : OSFPFL-400G-PC01',
      'Vendor Serial Number               : C2604279049-2',
      'Rev                                : 00',
      '',
    ].join('\n');
    const out = scrub(r, original);
    expect(out).not.toContain('C2604279049-2');
    expect(out.split('\n').filter((l) => /Serial Number/.test(l))).toEqual(['Vendor Serial Number               : SN00000000001']);
    expect(r.tokens.toJson().tokens.mac).toEqual({});
    expect(scrub(r, 'serial_number(AB12-CD34EF56)\nSN: 1a2b3c4d5e6f-01\n')).toBe('serial_number(SN00000000002)\nSN: sn0000000000003\n');
    expect(r.tokens.toJson().tokens.mac).toEqual({});
  });

  it('still gives a MAC token to a MAC written as six groups of two hex digits with one separator, or as 12 hex digits alone', () => {
    const r = new Redactor({ catalog: REDACTION });
    const macs = ['0c:42:a1:b2:c3:d4', '0C-42-A1-B2-C3-D5', '0c42.a1b2.c3d6', '0c42a1b2c3d7', '0x0c42a1b2c3d8'];
    const out = scrub(r, macs.map((m) => `Serial Number: ${m}\n`).join('') + 'Base MAC: 0c42a1b2c3d9\n');
    expect(out).toBe(
      'Serial Number: 02:00:00:00:00:01\nSerial Number: 02-00-00-00-00-02\nSerial Number: sn000000000001\nSerial Number: 020000000004\nSerial Number: 0x020000000005\nBase MAC: 020000000003\n',
    );
  });
});
