import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * sos's rule for a command's file name (sos/report/plugins/__init__.py, `_mangle_command`, as documented there):
 * a leading /bin, /sbin, /usr/bin or /usr/sbin is dropped, every run of characters other than letters, digits,
 * `_`, `-`, `.` and `/` becomes `_`, `/` becomes `.`, and spaces, dots, underscores and dashes are stripped from
 * both ends. Written here from that description so that tests name files as sos does.
 */
export function sosFileName(argv: readonly string[]): string {
  return argv
    .join(' ')
    .replace(/^\/(usr\/)?(bin|sbin)\//, '')
    .replace(/[^\w\-./]+/g, '_')
    .replace(/\//g, '.')
    .replace(/^[ ._-]+|[ ._-]+$/g, '');
}

/** Writes files (path → content) under dir/top. */
export function writeReport(dir: string, top: string, files: Record<string, string | Buffer>): string {
  const root = join(dir, top);
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

/** Packs dir/top as sos and supportconfig do (tar with the top directory inside), compressed by the system tools. */
export function packReport(dir: string, top: string, compression: 'xz' | 'gzip' | 'bzip2', out: string): string {
  const flag = { xz: '-J', gzip: '-z', bzip2: '-j' }[compression];
  const r = spawnSync('tar', ['-c', flag, '-f', out, '-C', dir, top], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  return out;
}

/** The files that make a directory a sosreport: sos 4.0 writes version.txt, sos 4.x also sos_reports/manifest.json. */
export function sosMarkers(version: '4.0' | '4.12'): Record<string, string> {
  return version === '4.0'
    ? { 'version.txt': 'sosreport: 4.0\n', 'sos_logs/sos.log': '' }
    : { 'version.txt': 'sosreport: 4.12.0\n', 'sos_reports/manifest.json': JSON.stringify({ version: '4.12.0', cmdline: 'sos report --batch' }) };
}
