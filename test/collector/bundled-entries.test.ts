import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FAKEHOST, fwsnap } from '../cli/cli-helpers.js';

// npm run build rewrites collect's two module graphs as one file each (scripts/bundle-collect.mjs).
const dist = resolve('dist');
const relativeImports = (code: string): string[] => [...code.matchAll(/^import\s[^;]*?from\s+"(\.\.?\/[^"]+)"/gm)].map((m) => m[1]!);

describe('the bundled collect entries', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'fwsnap-bundled-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the worker is one CommonJS file: it imports no module of the project', () => {
    const code = readFileSync(join(dist, 'collector/run/worker-main.cjs'), 'utf8');
    expect(relativeImports(code)).toEqual([]);
    expect(code).not.toMatch(/\bimport\(\s*["']\./);
    expect(code).not.toMatch(/\brequire\(\s*["']\./);
    // No ES module syntax: Node would refuse it, or (with an ES module entry) set up its ES module loader first.
    expect(code).not.toMatch(/^(?:import|export)\s/m);
    expect(code).not.toMatch(/\bimport\.meta\b/);
    // What it must still hold: the sources and the parent-death guard.
    expect(code).toContain('PR_SET_PDEATHSIG');
    expect(code).toMatch(/var pci = /);
  });

  it('the build leaves no unbundled worker nor executable entry beside it: nothing starts them, and the package would ship them', () => {
    expect(existsSync(join(dist, 'collector/run/worker-main.cjs'))).toBe(true);
    expect(existsSync(join(dist, 'collector/run/worker-main.js'))).toBe(false);
    expect(existsSync(join(dist, 'collector/executable'))).toBe(false);
  });

  it('the collect command shares the modules the command line has already loaded instead of copying them', () => {
    const code = readFileSync(join(dist, 'cli/collect-command.js'), 'utf8');
    const imports = new Set(relativeImports(code));
    // Copies of these would split state: verbosity, the workers main.js forked first, classes tested with instanceof.
    for (const shared of ['./exit.js', './verbosity.js', '../collector/run/worker-pool.js']) expect(imports).toContain(shared);
    expect(code).not.toMatch(/function prestartWorkers\b/);
    expect(code).not.toMatch(/class UsageError\b/);
    expect(code).not.toMatch(/function setVerbosity\b/);
    // The collector itself is inlined.
    expect(code).toMatch(/async function collect\(/);
    expect([...imports].some((i) => i.includes('/collector/collect.js') || i.includes('/bundle/writer.js'))).toBe(false);
  });

  it('-q and -v set on the command line reach the bundled command', () => {
    const quiet = fwsnap(['-q', 'collect', '--root', FAKEHOST, '-o', join(dir, 'q.tar.gz')]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
    const verbose = fwsnap(['-v', 'collect', '--root', FAKEHOST, '-o', join(dir, 'v.tar.gz')]);
    expect(verbose.status).toBe(0);
    expect(verbose.stderr).toMatch(/^fwsnap: source pci: ok in /m);
    expect(verbose.stdout).toMatch(/^sha256: [0-9a-f]{64}$/m);
  });

  it('a usage error raised inside the bundle is still one line and status 2', () => {
    const r = fwsnap(['collect', '--root', FAKEHOST, '-o', '-']);
    // stdout is a pipe here, so -o - is accepted; --redact without --map is the usage error.
    const bad = fwsnap(['collect', '--root', FAKEHOST, '-o', '-', '--redact']);
    expect(r.status).toBe(0);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--map/);
    // A copy of UsageError would not be recognised by the command line's reportError: an "internal error".
    expect(bad.stderr).not.toMatch(/internal error/);
  });
});
