/**
 * Inputs that are no bundle file at all: a character device that never ends (/dev/zero), one that is always
 * empty (/dev/null), an empty file, a directory, a FIFO nobody writes, a socket. Every command that reads a
 * bundle answers at once with status 2 (verify: 1, does not verify, or 2) and one plain line, never a result
 * nor a stack trace, and never waits. A pipe is read as `-` (stdin) or as bash's `<(…)`, which passes an
 * inherited /dev/fd/N (docs/faults.md).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD } from '../fixtures/hostile/build.js';
import { writeBundle } from '../helpers/bundle.js';
import { CLI, runCli, STACK_TRACE } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-input-paths-'));
const good = join(dir, 'good.tar.gz');
const fifo = join(dir, 'fifo');
const socket = join(dir, 'sock');
let server: Server | undefined;

beforeAll(async () => {
  await writeBundle(good, GOOD);
  writeFileSync(join(dir, 'empty'), '');
  mkdirSync(join(dir, 'adir'));
  await new Promise<void>((done, fail) => execFile('mkfifo', [fifo], (e) => (e ? fail(e) : done())));
  server = createServer();
  await new Promise<void>((done) => server!.listen(socket, done));
});

afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI under bash (for process substitution); a run that hangs is killed and fails. */
function viaBash(script: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('bash', ['-c', script], { cwd: dir, timeout: 120_000, killSignal: 'SIGKILL', env: { ...process.env, FWSNAP: `${process.execPath} ${CLI}` } }, (e, stdout, stderr) =>
      done({ status: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('inputs that are not bundles', () => {
  it('/dev/zero, /dev/null, an empty file, a directory, a FIFO and a socket: status 2 (verify 1 or 2) for every command', async () => {
    for (const input of ['/dev/zero', '/dev/null', join(dir, 'empty'), join(dir, 'adir'), fifo, socket]) {
      const runs: [string[], number[]][] = [
        [['verify', input], [1, 2]],
        [['analyze', input, '--db', join(dir, 'a.db')], [2]],
        [['query', input, 'SELECT 1 AS one'], [2]],
        [['redact', input, join(dir, 'r.tar.gz')], [1, 2]],
        [['diff', input, good], [2]],
        [['fleet', input, good], [2]],
      ];
      for (const [args, exits] of runs) {
        // A FIFO nobody writes blocks an open(2) without O_NONBLOCK forever: the timeout kills such a run (no status).
        const r = await runCli(args, { cwd: dir, timeoutMs: 60_000 });
        const what = `${args.join(' ')}: exit ${r.status} ${r.signal ?? ''}\n${r.stdout.slice(0, 200)}${r.stderr.slice(0, 300)}`;
        expect(exits, what).toContain(r.status);
        expect(`${r.stdout}${r.stderr}`, what).not.toMatch(STACK_TRACE);
        expect(`${r.stdout}${r.stderr}`.trim().length, what).toBeGreaterThan(0);
        if (args[0] === 'query') expect(r.stdout, what).not.toMatch(/one/);
        if (input === fifo || input === socket) {
          expect(r.stderr, what).toMatch(input === fifo ? /is a FIFO \(named pipe\), not a regular file/ : /is a socket, not a regular file/);
          // fleet reads files only: it must not suggest stdin.
          if (args[0] === 'fleet') expect(r.stderr, what).not.toMatch(/stdin/);
          if (args[0] === 'verify') expect(r.stderr, what).toMatch(/or - to read one from stdin/);
        }
      }
    }
  }, 600_000);

  it('a FIFO or a socket where a database, a report or a tree belongs: status 2 naming it, nothing waits', async () => {
    for (const [args, says] of [
      [['analyze', good, '--db', fifo], /database .*fifo is a FIFO/],
      [['analyze', good, '--db', socket], /database .*sock is a socket/],
      [['import', fifo], /fifo: not a regular file or a directory/],
      [['collect', '--root', fifo, '-o', join(dir, 'c.tar.gz')], /--root .*fifo: not a directory/],
      [['check', '--root', fifo], /--root .*fifo: not a directory/],
    ] as [string[], RegExp][]) {
      const r = await runCli(args, { cwd: dir, timeoutMs: 60_000 });
      const what = `${args.join(' ')}: exit ${r.status} ${r.signal ?? ''}\n${r.stderr.slice(0, 300)}`;
      expect(r.status, what).toBe(2);
      expect(r.stderr, what).toMatch(says);
      expect(r.stderr, what).not.toMatch(STACK_TRACE);
    }
  }, 300_000);

  it('a bundle through a pipe: `-` and bash\'s <(…) (an inherited /dev/fd/N) are read, the report names the pipe', async () => {
    const cases: [string, number, RegExp][] = [
      ['$FWSNAP verify <(cat good.tar.gz)', 0, /^\/dev\/fd\/\d+: OK/m],
      ['cat good.tar.gz | $FWSNAP verify -', 0, /^-: OK/m],
      ["$FWSNAP query <(cat good.tar.gz) 'SELECT COUNT(*) AS n FROM artifacts WHERE verified = 1'", 0, new RegExp(`^${GOOD.length}$`, 'm')],
      ['$FWSNAP diff <(cat good.tar.gz) <(cat good.tar.gz) --format json', 0, /"schema": "fwsnap-diff\/1"/],
      ['$FWSNAP analyze <(cat good.tar.gz) --db p.db --format json', 0, /"\/dev\/fd\/\d+"/],
      ['$FWSNAP redact <(cat good.tar.gz) piped.tar.gz && $FWSNAP verify piped.tar.gz', 0, /piped\.tar\.gz: OK/],
      // A pipe that carries no bundle: refused as an unusable input, not waited for.
      ['$FWSNAP verify <(printf "not a bundle")', 1, /FAILED/],
      ['$FWSNAP analyze <(true) --db q.db', 2, /\/dev\/fd\/\d+: unusable bundle/],
    ];
    for (const [script, status, says] of cases) {
      const r = await viaBash(script);
      const what = `${script}: exit ${r.status}\n${r.stdout.slice(0, 300)}${r.stderr.slice(0, 300)}`;
      expect([status, ...(status === 0 ? [1] : [])], what).toContain(r.status);
      expect(`${r.stdout}${r.stderr}`, what).toMatch(says);
      expect(`${r.stdout}${r.stderr}`, what).not.toMatch(STACK_TRACE);
    }
  }, 600_000);
});
