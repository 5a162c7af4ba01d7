import { commandArtifactName, fileArtifactName, type ArtifactOrigin } from '../../bundle/format.js';
import { replayAllowed } from '../command-allowlist.js';
import { importTables } from './declared.js';
import { unameFacts } from '../uname-facts.js';

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

const toolOf = (argv: readonly string[]): string => argv[0]?.split('/').pop() ?? '';

/**
 * Commands whose output an import keeps: what the classes declare (`imports.commands`: what they store or read,
 * and the device listings a report has instead), by default what a class may replay.
 */
export function commandKept(argv: readonly string[]): boolean {
  const declared = importTables().commands.get(toolOf(argv));
  if (!declared) return false;
  return declared.kept ? declared.kept(argv.slice(1)) : replayAllowed(argv);
}

/**
 * The tree entry of a command's output. Outputs no class reads from a tree are stored by the import itself:
 * in the tree they would only make a class look for something else (`dmesg` for `dmesg --raw`, `nvme list` for
 * a per-device output).
 */
export function commandMapped(argv: string[], reportPath: string, data?: Buffer): Mapped {
  const fromTree = importTables().commands.get(toolOf(argv))?.readFromTree;
  const read = typeof fromTree === 'function' ? fromTree(argv.slice(1)) : fromTree === true;
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

/** Host files the classes read, copied by a report at their host paths (`imports.hostFiles`). */
export function hostFileKept(path: string): boolean {
  return importTables().hostFiles.some((re) => re.test(path));
}

/** `hostname` and `uname -a` give the host facts a bundle keeps under proc/sys/kernel. */
export function hostFileEntries(argv: string[], path: string, data: Buffer): Mapped[] {
  if (argv[0] !== 'hostname' && argv[0] !== 'uname') return [];
  const text = data.toString('utf8').trim();
  if (argv[0] === 'hostname' && argv.length === 1 && /^[\w.-]{1,253}$/.test(text)) {
    return [fileMapped('/proc/sys/kernel/hostname', path, Buffer.from(`${text}\n`), true)];
  }
  const u = argv[0] === 'uname' ? unameFacts(text.split('\n')[0]!) : undefined;
  if (!u) return [];
  return [
    fileMapped('/proc/sys/kernel/osrelease', path, Buffer.from(`${u.release}\n`), true),
    ...(u.machine !== undefined ? [fileMapped('/proc/sys/kernel/arch', path, Buffer.from(`${u.machine}\n`), true)] : []),
    fileMapped('/proc/sys/kernel/hostname', path, Buffer.from(`${u.hostname}\n`), true),
  ];
}
