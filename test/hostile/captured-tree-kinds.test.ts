import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, linkSync, mkdirSync, openSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readBundle } from '../../bundle/reader.js';
import { collect } from '../../collector/collect.js';
import { MAX_DIR_ENTRIES } from '../../collector/context.js';
import { ensureBuilt, isRoot } from '../faults/fault-helpers.js';
import { fakehostCopy, fakehostRoot } from '../helpers/fake-host/fakehost.js';
import { MEMORY_BOUND, runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * `collect --root` over a captured tree holding every kind of file a stranger's tree may hold (issue 12 items 5
 * and 8): sockets, FIFOs and device nodes where sysfs files belong, a 64 GiB sparse kernel log, a hard link to a
 * file outside, names that are not UTF-8 or carry terminal escapes, a directory far wider than sysfs makes, one
 * very deep. The collection ends in bounded time and memory, reads nothing from outside, says what it left out,
 * and the bundle it makes goes through every command without a stack trace.
 */
const fakehost = await fakehostRoot();
const CANARY = `canary-${process.pid}-kinds-do-not-leak`;
const PCI = 'sys/bus/pci/devices/0000:3b:00.0';

async function hostileCopy(dir: string, o: { wide: boolean }): Promise<{ tree: string; close: () => void }> {
  const tree = await fakehostCopy();
  writeFileSync(join(dir, 'secret'), `${CANARY}\n`);
  const replace = (rel: string, make: (p: string) => void): void => {
    rmSync(join(tree, rel), { force: true });
    make(join(tree, rel));
  };
  replace('proc/sys/kernel/hostname', (p) => linkSync(join(dir, 'secret'), p));
  replace('proc/cpuinfo', (p) => execFileSync('mkfifo', [p]));
  const server = createServer();
  rmSync(join(tree, 'proc/modules'));
  await new Promise<void>((done, fail) => server.once('error', fail).listen(join(tree, 'proc/modules'), done));
  replace('dev/kmsg', (p) => {
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 64 * 2 ** 30);
    closeSync(fd);
  });
  if (isRoot) replace(`${PCI}/config`, (p) => execFileSync('mknod', [p, 'c', '1', '5']));
  const net = join(tree, 'sys/class/net');
  for (const name of ['evil\x1b]0;pwned\x07\x1b[2J', 'x'.repeat(255), '-rf', ' sp ']) {
    mkdirSync(join(net, name));
    writeFileSync(join(net, name, 'address'), '02:00:00:00:00:09\n');
  }
  mkdirSync(Buffer.concat([Buffer.from(`${net}/bad`), Buffer.from([0xff, 0xfe])]));
  // Wider than a sysfs directory ever is: one device's attribute directory.
  if (o.wide) {
    const wide = resolve(net, readlinkSync(join(net, 'ens2f0')));
    for (let i = 0; i <= MAX_DIR_ENTRIES; i++) writeFileSync(join(wide, `a${i}`), '1\n');
  }
  execFileSync('python3', ['-c', `import os\nos.chdir(${JSON.stringify(net)})\nos.mkdir('deep'); os.chdir('deep')\nfor i in range(3000):\n  os.mkdir('d'); os.chdir('d')\nopen('address','w').write('x')`]);
  return { tree, close: () => server.close() };
}

describe('collect --root over every kind of file', () => {
  beforeAll(ensureBuilt);

  it('ends in bounded time, reads nothing outside, names what it left out; every command takes the bundle', async () => {
    const dir = tempDir();
    const { tree, close } = await hostileCopy(dir, { wide: false });
    // Node's recursive removal overflows its stack 3,000 directories deep.
    onTestFinished(() => void execFileSync('rm', ['-rf', tree]));
    const out = join(dir, 'b.tar.gz');
    try {
      const c = await runCli(['collect', '--root', tree, '-o', out, '--timeout', '30'], { cwd: dir });
      expect(c.status, c.stderr).toBe(0);
      expect(c.peakRss).toBeLessThan(MEMORY_BOUND);
      expect(c.ms).toBeLessThan(60_000);
    } finally {
      close();
    }
    const parts: string[] = [];
    const r = await readBundle(out, (e) => void parts.push(e.name, e.data.toString('latin1')));
    expect(r.problems).toEqual([]);
    const m = r.manifest!;
    expect(parts.join('\n') + JSON.stringify(m)).not.toContain(CANARY);
    const issue = (code: string): string[] => m.issues.filter((i) => i.code === code).map((i) => i.target);
    expect(issue('EMLINK')).toContain('/proc/sys/kernel/hostname');
    expect(issue('ENOTREG')).toEqual(expect.arrayContaining(['/proc/cpuinfo', '/proc/modules']));
    expect(issue('EILSEQ').some((t) => t.endsWith('/bad\\xff\\xfe'))).toBe(true);
    expect(m.sources.find((s) => s.name === 'kernel-log')?.status).toBe('ok');
    expect(m.artifacts.find((a) => a.name === 'dev/kmsg')).toMatchObject({ truncated: true });

    const other = join(dir, 'plain.tar.gz');
    expect((await runCli(['collect', '--root', fakehost, '-o', other], { cwd: dir })).status).toBe(0);
    const runs: [string[], number[]][] = [
      [['verify', out], [0]],
      [['analyze', out, '--db', join(dir, 'a.db'), '--format', 'json'], [0, 1]],
      [['query', out, 'SELECT COUNT(*) AS n FROM devices'], [0]],
      [['redact', out, join(dir, 'r.tar.gz')], [0]],
      [['diff', out, other, '--format', 'json'], [1]],
      [['fleet', out, other], [0, 1]],
      // check collects the same tree and reports in one process.
      [['check', '--root', tree, '--format', 'json', '--timeout', '30'], [0, 1]],
    ];
    for (const [args, exits] of runs) {
      const x = await runCli(args, { cwd: dir });
      expect(exits, `${args[0]}: ${x.stderr}`).toContain(x.status);
      expect(`${x.stdout}${x.stderr}`).not.toMatch(STACK_TRACE);
      expect(`${x.stdout}${x.stderr}`).not.toMatch(/\x1b\]0;pwned/);
      expect(`${x.stdout}${x.stderr}`).not.toContain(CANARY);
      expect(x.peakRss).toBeLessThan(MEMORY_BOUND);
    }
  }, 600_000);

  it(`a directory wider than ${MAX_DIR_ENTRIES} entries is read up to that many, in name order, and said so`, async () => {
    const dir = tempDir();
    const { tree, close } = await hostileCopy(dir, { wide: true });
    onTestFinished(() => void execFileSync('rm', ['-rf', tree]));
    const out = join(dir, 'b.tar.gz');
    try {
      const c = await runCli(['collect', '--root', tree, '-o', out, '--only', 'nic'], { cwd: dir });
      expect(c.status, c.stderr).toBe(0);
      expect(c.peakRss).toBeLessThan(MEMORY_BOUND);
    } finally {
      close();
    }
    const r = await readBundle(out, () => undefined);
    const m = r.manifest!;
    expect(m.issues.filter((i) => i.code === 'E2BIG').map((i) => i.message)).toEqual([expect.stringMatching(new RegExp(`^\\d+ entries; only the first ${MAX_DIR_ENTRIES} in name order were read$`))]);
    expect(m.artifacts.filter((a) => /\/a\d+$/.test(a.name)).length).toBeLessThanOrEqual(MAX_DIR_ENTRIES);
  }, 240_000);
});
