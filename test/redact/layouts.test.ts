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
