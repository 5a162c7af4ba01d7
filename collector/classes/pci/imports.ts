import { fileMapped, type Mapped } from '../../import/mapping.js';
import type { ClassImports } from '../../source.js';

/** `proc/bus/pci/<bus>/<dev>.<fn>` (domain 0) or `proc/bus/pci/<domain>:<bus>/<dev>.<fn>` → the function's address. */
function procPciAddress(path: string): string | undefined {
  const m = /^proc\/bus\/pci\/(?:([0-9a-f]{4}):)?([0-9a-f]{2})\/([0-9a-f]{2}\.[0-7])$/.exec(path);
  return m ? `${m[1] ?? '0000'}:${m[2]}:${m[3]}` : undefined;
}

/**
 * `/proc/bus/pci/devices`: one line per function, `BBDF VVVVDDDD IRQ` then 7 BARs and the ROM, their 7 sizes and
 * the ROM's, then the bound driver's name when there is one (drivers/pci/proc.c). The bus-and-devfn word has no
 * domain: the drivers are used only when every function the report copied is in domain 0000.
 */
export function procPciDrivers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f.length < 18 || !/^[0-9a-f]{4}$/.test(f[0]!)) continue;
    const driver = f[17]?.trim();
    if (!driver || !/^[\w.-]+$/.test(driver)) continue;
    const bus = f[0]!.slice(0, 2);
    const devfn = parseInt(f[0]!.slice(2), 16);
    out.set(`0000:${bus}:${((devfn >> 3) & 0x1f).toString(16).padStart(2, '0')}.${devfn & 7}`, driver);
  }
  return out;
}

/** A sosreport's copies of /proc/bus/pci: each function's config space, and the drivers bound to them. */
function mapProcPci(kept: readonly string[], read: (path: string) => Buffer): Mapped[] {
  const files: Mapped[] = [];
  const functions: string[] = [];
  for (const path of kept) {
    const bdf = procPciAddress(path);
    if (!bdf) continue;
    functions.push(bdf);
    files.push(fileMapped(`/sys/bus/pci/devices/${bdf}/config`, path));
  }
  if (kept.includes('proc/bus/pci/devices') && functions.every((b) => b.startsWith('0000:'))) {
    for (const [bdf, driver] of procPciDrivers(read('proc/bus/pci/devices').toString('latin1'))) {
      if (!functions.includes(bdf)) continue;
      files.push({ ...fileMapped(`/sys/bus/pci/devices/${bdf}/driver`, 'proc/bus/pci/devices', Buffer.from(`../../../bus/pci/drivers/${driver}`), true), origin: { kind: 'link', path: `/sys/bus/pci/devices/${bdf}/driver` } });
    }
  }
  return files;
}

const LSPCI_KEPT = ['-nnvv', '-vvv', '-nnvvv', '-vv', '-nn'];

export const imports: ClassImports = {
  commands: { lspci: { kept: (a) => a.length === 1 && LSPCI_KEPT.includes(a[0]!), readFromTree: true } },
  sosPlugins: ['pci'],
  sosFiles: {
    wants: (path) => /^proc\/bus\/pci\/(devices|[0-9a-f]{2}(?:[0-9a-f]{2})?(?::[0-9a-f]{2})?\/[0-9a-f]{2}\.[0-7])$/.test(path),
    map: mapProcPci,
  },
  supportconfigTopics: ['hardware.txt'],
  reportTools: ['lspci'],
};
