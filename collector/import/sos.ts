import { importTables } from './declared.js';
import { commandKept, commandMapped, fileMapped, hostFileEntries, hostFileKept, type Mapped } from './mapping.js';

/**
 * sos (`sos report`) archives: files copied at their host paths, command outputs in
 * `sos_commands/<plugin>/<command line made into a file name>`. sos makes the name by dropping a leading
 * `/usr/bin/`-style directory, turning every run of characters other than letters, digits, `_`, `-`, `.` and
 * `/` into `_`, and `/` into `.` (`nvme id-ctrl -H /dev/nvme0n1` → `nvme_id-ctrl_-H_.dev.nvme0n1`,
 * `mstflint -d 0000:3b:00.0 q` → `mstflint_-d_0000_3b_00.0_q`). The same since sos 3; sos 4.x adds
 * `sos_reports/manifest.json` and per-namespace subdirectories.
 */

/** Files a sosreport holds that tell it apart: at least one of them at the top. */
export function looksLikeSos(paths: readonly string[]): boolean {
  return paths.some((p) => p.startsWith('sos_commands/') || p === 'sos_reports/manifest.json' || p === 'sos_logs/sos.log');
}

const BDF = /(?<![0-9a-f])([0-9a-f]{4})_([0-9a-f]{2})_([0-9a-f]{2}\.[0-7])(?![0-9a-f])/g;

/** A sos command-file name read back into the command line: `_` between words, `.dev.x` as `/dev/x`, PCI addresses with their colons. */
export function sosArgv(fileName: string): string[] {
  // A class may read its tool's file names itself (an argument that may hold `_`).
  const cut = fileName.indexOf('_');
  const tool = fileName.slice(0, cut);
  const own = cut > 0 ? importTables().commands.get(tool)?.sosArgs?.(fileName.slice(cut + 1)) : undefined;
  if (own) return [tool, ...own];
  return fileName
    .replace(BDF, '$1:$2:$3')
    .split('_')
    .filter((w) => w !== '')
    .map((w) => (/^\.dev\./.test(w) ? w.replace(/\./g, '/') : w));
}

/** Whether an import copies this path out of the report at all (read while streaming, before anything else is known). */
export function sosWants(path: string): boolean {
  if (path === 'sos_reports/manifest.json' || path === 'version.txt') return true;
  if (hostFileKept(path)) return true;
  const { sosFiles, sosPlugins } = importTables();
  if (sosFiles.some((f) => f.wants(path))) return true;
  // Plugins whose command outputs an import looks at (the rest of a sosreport has nothing the classes read).
  const m = /^sos_commands\/([^/]+)\/([^/]+)$/.exec(path);
  return m !== null && sosPlugins.has(m[1]!) && commandKept(sosArgv(m[2]!));
}

export interface SosMapping {
  files: Mapped[];
  /** Outputs of device tools the report holds that no bundle entry corresponds to. */
  unmapped: string[];
  version?: string;
}

/**
 * Maps the files an import kept from a sosreport to tree entries. `read` gives a kept file's bytes.
 */
export function mapSos(paths: readonly string[], kept: readonly string[], read: (path: string) => Buffer): SosMapping {
  const files: Mapped[] = [];
  const keptSet = new Set(kept);
  const { sosFiles, sosPlugins, reportTools } = importTables();
  for (const path of kept) {
    if (sosFiles.some((f) => f.wants(path))) continue;
    if (hostFileKept(path)) files.push(fileMapped(`/${path}`, path));
    else if (path.startsWith('sos_commands/')) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const argv = sosArgv(name);
      if (argv[0] === 'hostname' || argv[0] === 'uname') files.push(...hostFileEntries(argv, path, read(path)));
      files.push(commandMapped(argv, path));
    }
  }
  for (const f of sosFiles) files.push(...f.map(kept.filter((p) => f.wants(p)), read));
  // Outputs of device tools with no bundle counterpart.
  const ofInterest = new RegExp(`^(${reportTools})(_|$)`);
  const unmapped = paths.filter((p) => {
    const m = /^sos_commands\/([^/]+)\/([^/@]+)$/.exec(p);
    return m !== null && sosPlugins.has(m[1]!) && ofInterest.test(m[2]!) && !keptSet.has(p);
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

