import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { FORMAT_NAME, FORMAT_VERSION, MANIFEST_NAME } from '../../bundle/format.js';
import { CLI } from './cli-helpers.js';

/**
 * A reader that starts late and then takes 16 KiB at a time with pauses: the pipe is full for most of
 * the run, as with `| jq` on a loaded machine. It writes what it got to a file.
 */
const SLOW_READER = `
const fs = require('node:fs');
const out = fs.openSync(process.argv[2], 'w');
const buf = Buffer.alloc(16384);
const nap = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
nap(300);
let n = 0, reads = 0;
for (;;) {
  let got;
  try { got = fs.readSync(0, buf, 0, buf.length, null); } catch (e) { if (e.code === 'EAGAIN') { nap(5); continue; } throw e; }
  if (got === 0) break;
  n += got; fs.writeSync(out, buf, 0, got);
  if (++reads % 8 === 0) nap(2);
}
fs.closeSync(out);
`;

export interface PipedRun {
  status: number;
  /** What the reader received. */
  text: string;
  stderr: string;
}

/** Runs the built CLI with its stdout piped into the slow reader (a real pipe between two processes). */
export function runThroughPipe(dir: string, args: string[]): PipedRun {
  const reader = join(dir, 'slow-reader.cjs');
  writeFileSync(reader, SLOW_READER);
  const result = join(dir, 'received.txt');
  const status = join(dir, 'status');
  const script = 'node "$CLI" "$@" 2>"$ERR" | node "$READER" "$RESULT"; echo "${PIPESTATUS[0]}" > "$STATUS"';
  const r = spawnSync('bash', ['-c', script, 'fwsnap', ...args], {
    env: { ...process.env, CLI, READER: reader, RESULT: result, STATUS: status, ERR: join(dir, 'stderr') },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`pipeline failed: ${r.stderr}`);
  return { status: Number(readFileSync(status, 'utf8')), text: readFileSync(result, 'utf8'), stderr: readFileSync(join(dir, 'stderr'), 'utf8') };
}

/** Runs the built CLI with stdout to a regular file (written synchronously by Node: never cut). */
export function runToFile(dir: string, args: string[]): { status: number | null; text: string; stderr: string } {
  const out = join(dir, 'stdout.txt');
  const r = spawnSync('bash', ['-c', 'node "$CLI" "$@" > "$OUT"', 'fwsnap', ...args], { env: { ...process.env, CLI, OUT: out }, timeout: 180_000 });
  return { status: r.status, text: readFileSync(out, 'utf8'), stderr: String(r.stderr) };
}

/** The report's generation time differs between two runs; everything else must not. */
export const sameRun = (s: string): string => s.replace(/"generatedAt": "[^"]*"/, '"generatedAt": "-"');

/**
 * A bundle with one verified artifact and, `extras` times each, an entry the manifest does not list, a
 * symbolic link and an entry with an unsafe name: each is a problem line in `verify` and a problem in the
 * JSON report, so the outputs run far beyond a pipe's 64 KiB.
 */
export async function bundleWithExtras(path: string, extras: number): Promise<void> {
  const pack = tar.pack();
  const out = createWriteStream(path);
  pack.pipe(createGzip()).pipe(out);
  const data = Buffer.from('ok\n');
  const sha = createHash('sha256').update(data).digest('hex');
  pack.entry({ name: 'sys/listed', size: data.length }, data);
  // Problems of one kind are listed up to a limit: several kinds make the output long.
  for (let i = 0; i < extras; i++) {
    const n = String(i).padStart(6, '0');
    pack.entry({ name: `sys/class/extra/entry-${n}`, size: 1 }, Buffer.from('x'));
    pack.entry({ name: `sys/class/link/entry-${n}`, type: 'symlink', linkname: '/etc/passwd' });
    pack.entry({ name: `sys/class/odd/entry\u202e-${n}`, size: 1 }, Buffer.from('x'));
  }
  const manifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    tool: { name: 'fwsnap', version: 'test' },
    host: { hostname: 'pipehost', kernelRelease: '6.1.0', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom: 'tree' },
    options: { timeoutSeconds: 10, includeEeprom: false, replayTree: true },
    sources: [],
    issues: [],
    artifacts: [{ name: 'sys/listed', source: 'test', origin: { kind: 'file', path: '/sys/listed' }, size: data.length, sha256: sha, truncated: false }],
  };
  pack.entry({ name: MANIFEST_NAME }, JSON.stringify(manifest));
  pack.finalize();
  await once(out, 'close');
}
