import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';

const NAMES = [
  'dev/kmsg',
  'proc/cmdline',
  'sys/class/net/eth0/address',
  'sys/class/dmi/id/product_serial',
  'sys/class/dmi/id/product_uuid',
  'sys/class/ata_device/dev1.0/id',
  'sys/class/infiniband/mlx5_0/ports/1/gids/0',
  'sys/bus/pci/devices/0000:3b:00.0/vpd',
  'sys/bus/pci/devices/0000:3b:00.0/config',
  'ioctl/nvme/nvme0/id-ctrl.bin',
  'ioctl/net/eth0/permaddr.bin',
  'ioctl/net/eth0/module-eeprom.bin',
  'ioctl/fwctl/fwctl0/access-reg-mgir.bin',
  'ioctl/net/eth0/regs.bin',
  'cmd/devlink/-j_dev_info.out',
  'cmd/mstflint/-d_0000:3b:00.0_query.out',
];

const hexByte = fc.integer({ min: 0, max: 255 }).map((n) => n.toString(16).padStart(2, '0'));
/** Unicast, globally administered MACs (the kind that identifies hardware). */
const mac = fc.array(hexByte, { minLength: 6, maxLength: 6 }).filter((b) => b.some((x) => x !== '00')).map((b) => [(parseInt(b[0]!, 16) & 0xfc).toString(16).padStart(2, '0'), ...b.slice(1)]);

describe('redactor properties', () => {
  it('never throws on arbitrary bytes, whatever the artifact, and keeps binary layouts the same length', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 1024 }), fc.boolean(), (name, data, keepBinary) => {
        const out = new Redactor({ catalog: REDACTION, keepBinary }).redact(name, undefined, data);
        if (out !== null && name.startsWith('ioctl/')) expect(out.length).toBe(data.length);
      }),
      { numRuns: 600 },
    );
  });

  it('never throws on text made of address-like pieces', () => {
    const piece = fc.constantFrom('de:ad:be:ef:00:01', 'fe80::1', '10.0.0.1', ':', '::', '.', '-', ' ', 'serial: ', 'Serial Number=', 'GUID: ', '0x', 'ffff', '\n', 'a', '0');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom(...NAMES), (parts, name) => {
        new Redactor({ catalog: REDACTION }).redact(name, undefined, Buffer.from(parts.join('')));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same MAC the same token in every spelling and every artifact, and different MACs different tokens', () => {
    fc.assert(
      fc.property(fc.uniqueArray(mac, { minLength: 1, maxLength: 5, selector: (m) => m.join('') }), (macs) => {
        const r = new Redactor({ catalog: REDACTION });
        const tokens = macs.map((m) => {
          const a = Buffer.from(r.redact('sys/class/net/x/address', undefined, Buffer.from(m.join(':') + '\n'))!).toString().trim();
          const b = Buffer.from(r.redact('dev/kmsg', undefined, Buffer.from(`link ${m.join('-').toUpperCase()} up\n`))!).toString().trim().split(' ')[1]!;
          const c = Buffer.from(r.redact('cmd/tool/x.out', undefined, Buffer.from(`hw ${m.join('')}`))!).toString().split(' ')[1]!;
          expect(b.toLowerCase().replace(/-/g, ':')).toBe(a);
          expect(c).toBe(a.replace(/:/g, ''));
          expect(parseInt(a.slice(0, 2), 16) & 3).toBe(2);
          return a;
        });
        expect(new Set(tokens).size).toBe(macs.length);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same artifacts in the same order give the same bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 256 })), { maxLength: 8 }), (artifacts) => {
        const run = (): (string | null)[] => {
          const r = new Redactor({ catalog: REDACTION, keepBinary: true });
          return artifacts.map(([n, d]) => {
            const out = r.redact(n, undefined, d);
            return out && Buffer.from(out).toString('hex');
          });
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 200 },
    );
  });
});
