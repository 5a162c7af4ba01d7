import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PciIds, systemPciIds, type PciIdQuery } from '../../analyzer/classes/pci/pci-ids.js';
import { ConfigSpace } from './fixtures/config-space.js';

const dir = mkdtempSync(join(tmpdir(), 'pci-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `lspci -vmm -nn` fields as names: "Red Hat, Inc. [1af4]" → "Red Hat, Inc."; lspci's "Device [0d57]" placeholder → null. */
function lspciNames(args: string[], idsFile: string): Map<string, Record<string, string | null>> {
  const out = execFileSync('lspci', ['-vmm', '-nn', '-D', '-O', 'hwdb.disable=1', '-i', idsFile, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const devices = new Map<string, Record<string, string | null>>();
  for (const block of out.split(/\n\n+/).filter((b) => b.trim())) {
    const rec: Record<string, string | null> = {};
    for (const line of block.split('\n')) {
      const [key, value] = line.split(':\t') as [string, string];
      const m = value?.match(/^(.*) \[[0-9a-f]{4}\]$/);
      rec[key] = m ? (/^(Device|Vendor) $/.test(`${m[1]} `) ? null : m[1]!) : value;
    }
    devices.set(rec.Slot!, rec);
  }
  return devices;
}

function expectSameNames(ids: PciIds, q: PciIdQuery, lspci: Record<string, string | null> | undefined): void {
  expect(lspci, 'lspci printed the device').toBeDefined();
  const n = ids.lookup(q);
  expect({ vendor: n.vendor, device: n.device }).toEqual({ vendor: lspci!.Vendor, device: lspci!.Device });
  if (lspci!.SVendor !== undefined) expect({ sv: n.subsystemVendor, sd: n.subsystem }).toEqual({ sv: lspci!.SVendor, sd: lspci!.SDevice });
}

const system = systemPciIds();

describe('PciIds against lspci on the same pci.ids', () => {
  it('finds the system pci.ids', () => {
    expect(system.source, 'pci.ids (Debian package pci.ids) must be installed for these tests').not.toBeNull();
  });

  it.skipIf(!existsSync('/sys/bus/pci/devices'))("names this machine's PCI functions as lspci -nn does", () => {
    const lspci = lspciNames([], system.source!);
    const hex = (bdf: string, attr: string): number | null => {
      try {
        return parseInt(readFileSync(`/sys/bus/pci/devices/${bdf}/${attr}`, 'utf8'), 16);
      } catch {
        return null;
      }
    };
    const functions = readdirSync('/sys/bus/pci/devices');
    expect(functions.length).toBeGreaterThan(0);
    for (const bdf of functions) {
      const q = { vendorId: hex(bdf, 'vendor')!, deviceId: hex(bdf, 'device'), subsystemVendorId: hex(bdf, 'subsystem_vendor'), subsystemDeviceId: hex(bdf, 'subsystem_device') };
      expectSameNames(system, q, lspci.get(bdf));
    }
  });

  it('names the fake host devices, known subsystems, unknown ids and unknown vendors like lspci -F', () => {
    const cases: [string, PciIdQuery][] = [
      ['0000:00:00.0', { vendorId: 0x8086, deviceId: 0x2020 }],
      ['0000:00:17.0', { vendorId: 0x8086, deviceId: 0xa352, subsystemVendorId: 0x15d9, subsystemDeviceId: 0x1c48 }],
      ['0000:3b:00.0', { vendorId: 0x15b3, deviceId: 0x101d, subsystemVendorId: 0x15b3, subsystemDeviceId: 0x0016 }],
      ['0000:5e:00.0', { vendorId: 0x8086, deviceId: 0x1572, subsystemVendorId: 0x8086, subsystemDeviceId: 0x0002 }],
      ['0000:af:00.0', { vendorId: 0x144d, deviceId: 0xa80a, subsystemVendorId: 0x144d, subsystemDeviceId: 0xa813 }],
      ['0000:b0:00.0', { vendorId: 0x1af4, deviceId: 0x1041, subsystemVendorId: 0x1af4, subsystemDeviceId: 0x1041 }],
      ['0000:b1:00.0', { vendorId: 0x15b3, deviceId: 0xfffe, subsystemVendorId: 0x1028, subsystemDeviceId: 0x0001 }],
      ['0000:b2:00.0', { vendorId: 0xabcd, deviceId: 0x0001, subsystemVendorId: 0xabcd, subsystemDeviceId: 0x0002 }],
    ];
    const file = join(dir, 'dump.txt');
    writeFileSync(
      file,
      cases
        .map(([bdf, q]) =>
          new ConfigSpace(64)
            .header({ vendor: q.vendorId, device: q.deviceId!, classCode: 0x020000, subsystemVendor: q.subsystemVendorId ?? 0, subsystemDevice: q.subsystemDeviceId ?? 0 })
            .lspciDump(bdf),
        )
        .join(''),
    );
    const lspci = lspciNames(['-F', file], system.source!);
    for (const [bdf, q] of cases) expectSameNames(system, q, lspci.get(bdf));
    expect(system.lookup(cases[4]![1]).subsystem).toBe('General DC NVMe PM9A3');
    expect(system.lookup(cases[2]![1]).device).toBe('MT2892 Family [ConnectX-6 Dx]');
  });
});

describe('PciIds on its own', () => {
  it('gives null names, and no error, when no pci.ids exists', () => {
    const ids = new PciIds([join(dir, 'absent.ids')]);
    expect(ids.lookup({ vendorId: 0x8086, deviceId: 0x1572 })).toEqual({ vendor: null, device: null, subsystemVendor: null, subsystem: null });
    expect(ids.source).toBeNull();
  });

  it('reads lines that straddle its read chunks, CRLF endings and comments, and stops at the class section', () => {
    const pad = `# ${'x'.repeat(100)}\n`.repeat(Math.ceil(65536 / 103));
    const filler = pad.slice(0, 65536 - 11);
    const text = `${filler}\n1234  Caf\u00e9 Syst\u00e8mes\r\n\t5678  R\u00e9seau \u00e9l\u00e9ment\n# comment\n\t\t1234 0001  Carte\n\nC 02  Network controller\n9999  After classes\n`;
    const file = join(dir, 'mini.ids');
    writeFileSync(file, text);
    expect(Buffer.byteLength(text.slice(0, text.indexOf('Caf') + 3))).toBe(65535); // the two bytes of é sit on either side of the first chunk
    const ids = new PciIds([file]);
    expect(ids.lookup({ vendorId: 0x1234, deviceId: 0x5678, subsystemVendorId: 0x1234, subsystemDeviceId: 1 })).toEqual({
      vendor: 'Caf\u00e9 Syst\u00e8mes', device: 'R\u00e9seau \u00e9l\u00e9ment', subsystemVendor: 'Caf\u00e9 Syst\u00e8mes', subsystem: 'Carte',
    });
    expect(ids.lookup({ vendorId: 0x9999 }).vendor).toBeNull();
  });
});
