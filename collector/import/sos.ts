import { commandKept, commandMapped, fileMapped, hostFileEntries, hostFileKept, type Mapped } from './mapping.js';

/**
 * sos (`sos report`) archives: files copied at their host paths, command outputs in
 * `sos_commands/<plugin>/<command line made into a file name>`. sos makes the name by dropping a leading
 * `/usr/bin/`-style directory, turning every run of characters other than letters, digits, `_`, `-`, `.` and
 * `/` into `_`, and `/` into `.` (`nvme id-ctrl -H /dev/nvme0n1` → `nvme_id-ctrl_-H_.dev.nvme0n1`,
 * `mstflint -d 0000:3b:00.0 q` → `mstflint_-d_0000_3b_00.0_q`). The same since sos 3; sos 4.x adds
 * `sos_reports/manifest.json` and per-namespace subdirectories.
 */

/** Plugins whose command outputs an import looks at (the rest of a sosreport has nothing the classes read). */
const PLUGINS = new Set(['pci', 'networking', 'nvme', 'ata', 'block', 'scsi', 'mellanox_firmware', 'nvidia', 'hardware', 'kernel', 'host', 'processor', 'logs']);

/** Files a sosreport holds that tell it apart: at least one of them at the top. */
export function looksLikeSos(paths: readonly string[]): boolean {
  return paths.some((p) => p.startsWith('sos_commands/') || p === 'sos_reports/manifest.json' || p === 'sos_logs/sos.log');
}

const BDF = /(?<![0-9a-f])([0-9a-f]{4})_([0-9a-f]{2})_([0-9a-f]{2}\.[0-7])(?![0-9a-f])/g;

/** A sos command-file name read back into the command line: `_` between words, `.dev.x` as `/dev/x`, PCI addresses with their colons. */
export function sosArgv(fileName: string): string[] {
  const ethtool = /^ethtool_(-i|--driver)_(.+)$/.exec(fileName);
  // An interface name may itself hold `_`: everything after `-i` is the name.
  if (ethtool) return ['ethtool', ethtool[1]!, ethtool[2]!];
  return fileName
    .replace(BDF, '$1:$2:$3')
    .split('_')
    .filter((w) => w !== '')
    .map((w) => (/^\.dev\./.test(w) ? w.replace(/\./g, '/') : w));
}

/** Whether an import copies this path out of the report at all (read while streaming, before anything else is known). */
export function sosWants(path: string): boolean {
  if (path === 'sos_reports/manifest.json' || path === 'version.txt') return true;
  if (/^proc\/bus\/pci\/(devices|[0-9a-f]{2}(?:[0-9a-f]{2})?(?::[0-9a-f]{2})?\/[0-9a-f]{2}\.[0-7])$/.test(path)) return true;
  if (hostFileKept(path)) return true;
  const m = /^sos_commands\/([^/]+)\/([^/]+)$/.exec(path);
  if (!m || !PLUGINS.has(m[1]!)) return false;
  return sosCommandKept(m[2]!);
}

function sosCommandKept(fileName: string): boolean {
  const argv = sosArgv(fileName);
  if (argv[0] === 'smartctl' && (argv.includes('-l') || argv.includes('--log'))) return false;
  return commandKept(argv);
}

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

export interface SosMapping {
  files: Mapped[];
  /** Outputs of device tools the report holds that no bundle entry corresponds to. */
  unmapped: string[];
  version?: string;
}

const TOOLS_OF_INTEREST = /^(lspci|ethtool|devlink|nvme|smartctl|hdparm|mstconfig|mlxconfig|mstflint|flint|mstreg|mlxreg|mstlink|mlxlink|mstdump|mlxdump|nvidia-smi|lsscsi|sg_\w+|dmidecode|lshw|dmesg|journalctl|modinfo)(_|$)/;

/**
 * Maps the files an import kept from a sosreport to tree entries. `read` gives a kept file's bytes.
 */
export function mapSos(paths: readonly string[], kept: readonly string[], read: (path: string) => Buffer): SosMapping {
  const files: Mapped[] = [];
  const keptSet = new Set(kept);
  const pciFunctions: string[] = [];
  for (const path of kept) {
    const bdf = procPciAddress(path);
    if (bdf) {
      pciFunctions.push(bdf);
      files.push(fileMapped(`/sys/bus/pci/devices/${bdf}/config`, path));
    } else if (hostFileKept(path)) files.push(fileMapped(`/${path}`, path));
    else if (path.startsWith('sos_commands/')) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const argv = sosArgv(name);
      if (argv[0] === 'hostname' || argv[0] === 'uname') files.push(...hostFileEntries(argv, path, read(path)));
      files.push(commandMapped(argv, path));
    }
  }
  if (keptSet.has('proc/bus/pci/devices') && pciFunctions.every((b) => b.startsWith('0000:'))) {
    for (const [bdf, driver] of procPciDrivers(read('proc/bus/pci/devices').toString('latin1'))) {
      if (!pciFunctions.includes(bdf)) continue;
      files.push({ ...fileMapped(`/sys/bus/pci/devices/${bdf}/driver`, 'proc/bus/pci/devices', Buffer.from(`../../../bus/pci/drivers/${driver}`), true), origin: { kind: 'link', path: `/sys/bus/pci/devices/${bdf}/driver` } });
    }
  }
  const unmapped = paths.filter((p) => {
    const m = /^sos_commands\/([^/]+)\/([^/@]+)$/.exec(p);
    return m !== null && PLUGINS.has(m[1]!) && TOOLS_OF_INTEREST.test(m[2]!) && !keptSet.has(p);
  });
  let version: string | undefined;
  if (keptSet.has('version.txt')) version = /^sosreport:\s*(\S+)/m.exec(read('version.txt').toString('utf8'))?.[1];
  if (keptSet.has('sos_reports/manifest.json')) {
    try {
      const v = (JSON.parse(read('sos_reports/manifest.json').toString('utf8')) as { version?: unknown }).version;
      if (typeof v === 'string' && /^[\w.+-]{1,40}$/.test(v)) version = v;
    } catch {
      /* a manifest that does not parse gives no version */
    }
  }
  return { files, unmapped, version };
}

