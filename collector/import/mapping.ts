import { commandArtifactName, fileArtifactName, type ArtifactOrigin } from '../../bundle/format.js';
import { replayAllowed } from '../command-allowlist.js';

export type ReportKind = 'sosreport' | 'supportconfig';

/** One file of the captured tree an import builds, and where in the report it came from. */
export interface Mapped {
  /** Name in the tree (and in the bundle, when no class stores it under another): `cmd/ethtool/-i_eth0.out`, `proc/cpuinfo`. */
  tree: string;
  /** Path inside the report. */
  reportPath: string;
  /** The origin the artifact has when the import stores it itself (no class read it). */
  origin: ArtifactOrigin;
  /** The bytes, when they are not the report file's own (a section of a supportconfig topic file, a value derived from a command's output). */
  data?: Buffer;
  /** The bytes were derived from the report's rather than copied (documented per case in docs/import.md). */
  derived?: boolean;
  /**
   * Stored by the import itself, never put in the tree: no class reads it, and its presence would make a class
   * look for something else (`dmesg` without --raw).
   */
  direct?: boolean;
}

const DISK = /^\/dev\/[A-Za-z0-9_.:+/-]+$/;

/**
 * Commands whose output an import keeps: what the collector stores or the classes read (the replay allow-list),
 * and the device listings a report has instead (lspci text, dmidecode, hdparm, lsscsi, nvme list, uname, lsmod, dmesg,
 * the running boot's journal).
 */
export function commandKept(argv: readonly string[]): boolean {
  const [tool, ...a] = argv;
  switch (tool) {
    case 'lspci':
      return a.length === 1 && ['-nnvv', '-vvv', '-nnvvv', '-vv', '-nn'].includes(a[0]!);
    case 'ethtool':
    case 'devlink':
    case 'nvme':
    case 'smartctl':
    case 'mstconfig':
    case 'mlxconfig':
    case 'mstflint':
    case 'flint':
      return replayAllowed(argv);
    case 'nvidia-smi':
      return replayAllowed(argv);
    case 'hdparm':
      return a.length >= 1 && a.length <= 2 && DISK.test(a[a.length - 1]!) && (a.length === 1 || ['-I', '-i', '-vi'].includes(a[0]!));
    case 'lsscsi':
      return a.every((w) => /^-[a-zA-Z]+$/.test(w));
    case 'dmidecode':
    case 'lsmod':
    case 'hostname':
      return a.length === 0;
    case 'uname':
      return a.length === 1 && a[0] === '-a';
    case 'dmesg':
      return a.length === 0 || (a.length === 1 && a[0] === '-T');
    case 'journalctl':
      return journalOfRunningBoot(a);
    default:
      return false;
  }
}

const JOURNAL_FORMATS = new Set(['short', 'short-precise', 'short-iso', 'short-iso-precise', 'short-full', 'short-monotonic']);

/**
 * A `journalctl` text output that holds the running boot's kernel lines: `--boot` of this boot (no value, `0`)
 * or `-k`/`--dmesg`, in one of the `short*` formats, with no filter on units or identifiers. sos's logs plugin
 * keeps `journalctl --no-pager [--catalog] --boot` (and `--boot -1`, the previous boot's: not the running
 * kernel's log); supportconfig `journalctl --no-pager --boot=0 --output=short-iso`.
 */
export function journalOfRunningBoot(args: readonly string[]): boolean {
  let thisBoot = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const value = (): string | undefined => (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--') && !/^-[a-z]$/i.test(args[i + 1]!) ? args[++i] : undefined);
    if (w === '--no-pager' || w === '--catalog' || w === '-x' || w === '--no-hostname' || w === '-a' || w === '--all') continue;
    // `--this-boot`: journalctl's old spelling of `--boot` (sos 3.x logs plugin: `journalctl --all --this-boot --no-pager`).
    if (w === '-k' || w === '--dmesg' || w === '--this-boot') thisBoot = true;
    else if (w === '--boot' || w === '-b') {
      const v = value();
      if (v !== undefined && v !== '0') return false;
      thisBoot = true;
    } else if (/^(?:--boot=|-b)0$/.test(w)) thisBoot = true;
    else if (w === '-o' || w === '--output') {
      if (!JOURNAL_FORMATS.has(value() ?? '')) return false;
    } else if (w.startsWith('--output=')) {
      if (!JOURNAL_FORMATS.has(w.slice('--output='.length))) return false;
    } else return false;
  }
  return thisBoot;
}

/** Tools whose saved outputs the classes read from a tree (docs/bundle-format.md, "Outputs saved under the names people give them"). */
const READ_FROM_TREE = new Set(['lspci', 'ethtool', 'devlink', 'smartctl', 'mstconfig', 'mlxconfig', 'mstflint', 'flint', 'nvidia-smi']);
const NVME_DEVICE_READS = new Set(['id-ctrl', 'id-ns', 'fw-log', 'smart-log']);

/**
 * The tree entry of a command's output. Outputs no class reads from a tree are stored by the import itself:
 * in the tree they would only make a class look for something else (`dmesg` for `dmesg --raw`, `nvme list` for
 * a per-device output).
 */
export function commandMapped(argv: string[], reportPath: string, data?: Buffer): Mapped {
  const read = READ_FROM_TREE.has(argv[0]!) || (argv[0] === 'nvme' && NVME_DEVICE_READS.has(argv[1] ?? ''));
  return {
    tree: commandArtifactName(argv, 'stdout'),
    reportPath,
    origin: { kind: 'cmd', argv, stream: 'stdout' },
    ...(data ? { data } : {}),
    ...(read ? {} : { direct: true }),
  };
}

export function fileMapped(hostPath: string, reportPath: string, data?: Buffer, derived = false): Mapped {
  return {
    tree: fileArtifactName(hostPath),
    reportPath,
    origin: { kind: 'file', path: hostPath },
    ...(data ? { data } : {}),
    ...(derived ? { derived } : {}),
  };
}

/** Host files both report kinds copy that the classes read, at their host paths. */
const HOST_FILES: RegExp[] = [
  /^proc\/(cpuinfo|cmdline|modules)$/,
  /^proc\/sys\/kernel\/(osrelease|version|hostname|arch|tainted)$/,
  /^sys\/class\/dmi\/id\/[^/]+$/,
  /^sys\/module\/[^/]+\/(version|srcversion|taint)$/,
  /^sys\/module\/[^/]+\/parameters\/[^/]+$/,
  /^sys\/devices\/system\/cpu\/cpu\d+\/microcode\/(version|processor_flags)$/,
  /^etc\/os-release$/,
  /^usr\/lib\/os-release$/,
  /^proc\/driver\/nvidia\/version$/,
  /^proc\/driver\/nvidia\/gpus\/[^/]+\/information$/,
];

export function hostFileKept(path: string): boolean {
  return HOST_FILES.some((re) => re.test(path));
}

/**
 * The host facts a report's `uname -a` gives: `Linux <host> <release> <version…> <machine> [<processor> <platform>] <os>`.
 * The version has spaces; the machine is the word before the OS, or the third from the end when processor and platform are printed.
 */
export function unameFacts(text: string): { hostname: string; release: string; machine: string } | undefined {
  const w = text.trim().split('\n')[0]?.trim().split(/\s+/) ?? [];
  if (w.length < 5 || w[0] !== 'Linux') return undefined;
  const last = w.length - 1;
  // `x86_64 x86_64 x86_64 GNU/Linux` (RHEL, SUSE), `x86_64 unknown unknown GNU/Linux` or `x86_64 GNU/Linux` (Debian).
  const machine = w[last - 1] === 'unknown' ? w[last - 3]! : w[last - 1]!;
  return { hostname: w[1]!, release: w[2]!, machine };
}

/** `hostname` and `uname -a` give the host facts a bundle keeps under proc/sys/kernel. */
export function hostFileEntries(argv: string[], path: string, data: Buffer): Mapped[] {
  const text = data.toString('utf8').trim();
  if (argv[0] === 'hostname' && argv.length === 1 && /^[\w.-]{1,253}$/.test(text)) {
    return [fileMapped('/proc/sys/kernel/hostname', path, Buffer.from(`${text}\n`), true)];
  }
  const u = argv[0] === 'uname' ? unameFacts(text) : undefined;
  if (!u) return [];
  return [
    fileMapped('/proc/sys/kernel/osrelease', path, Buffer.from(`${u.release}\n`), true),
    fileMapped('/proc/sys/kernel/arch', path, Buffer.from(`${u.machine}\n`), true),
    fileMapped('/proc/sys/kernel/hostname', path, Buffer.from(`${u.hostname}\n`), true),
  ];
}
