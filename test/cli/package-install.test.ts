import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FAKEHOST } from './cli-helpers.js';

/**
 * The npm package as a user gets it: `npm pack`, installed into an empty directory with nothing but the
 * npm cache (filled by `npm ci`), then run from the installed copy.
 */

interface LockEntry {
  dev?: boolean;
  [key: string]: unknown;
}
interface Manifest {
  version: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const REPO = resolve('.');
const RECORD_WORKERS = join(REPO, 'test/fixtures/faults/record-workers.mjs');

/** A directory no ancestor of which holds node_modules: else Node would find the checkout's packages. */
function isolatedTemp(): string {
  for (const base of [tmpdir(), '/tmp']) {
    let dir = resolve(base);
    let shared = false;
    for (;;) {
      if (existsSync(join(dir, 'node_modules'))) shared = true;
      if (dirname(dir) === dir) break;
      dir = dirname(dir);
    }
    if (!shared) return mkdtempSync(join(base, 'fwsnap-pack-'));
  }
  throw new Error('no temporary directory outside a node_modules tree');
}

/**
 * An app depending on the packed tarball, with a lockfile made of the checkout's own resolution of the
 * runtime dependencies: `npm ci --offline` then needs only the cached tarballs, no registry metadata.
 */
function writeApp(dir: string, tarball: string): void {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { dependencies: { fwsnap: spec } },
    'node_modules/fwsnap': {
      version: pkg.version,
      resolved: spec,
      dependencies: pkg.dependencies,
      optionalDependencies: pkg.optionalDependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fwsnap-install-test', private: true, dependencies: { fwsnap: spec } }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'fwsnap-install-test', lockfileVersion: 3, requires: true, packages }));
}

describe('the packed npm package', () => {
  let work: string;
  let app: string;
  let files: string[];

  beforeAll(() => {
    ensureBuilt();
    work = isolatedTemp();
    // The suite has just built dist/; --ignore-scripts keeps `prepare` from rebuilding it under other tests.
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: REPO, encoding: 'utf8' })) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = packed[0]!.files.map((f) => f.path);
    app = join(work, 'app');
    execFileSync('mkdir', [app]);
    writeApp(app, join(work, packed[0]!.filename));
    // --ignore-scripts: nothing is built at install; the one compiled part (better-sqlite3's addon, whose
    // build needs node headers from the network) is copied below from the checkout's own npm ci.
    execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: app, stdio: 'pipe' });
    cpSync(join(REPO, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const run = (args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(join(app, 'node_modules/.bin/fwsnap'), args, { cwd: app, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('holds the built CLI, the compiled rules and the rule sources, and no TypeScript sources or tests', () => {
    for (const f of ['bin/fwsnap', 'dist/cli/main.js', 'dist/collector/run/worker-main.cjs', 'dist/analyzer/rules/rules-cache.json', 'package.json', 'README.md']) expect(files).toContain(f);
    expect(files.some((f) => f.startsWith('rules/') && f.endsWith('.yaml'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('dist/bench/'))).toEqual([]);
    // The worker runs as one bundled CommonJS file; tsc's unbundled copy and the single-file collector's entry are not built.
    expect(files.filter((f) => (f.startsWith('dist/collector/run/worker-main.') && f !== 'dist/collector/run/worker-main.cjs') || f.startsWith('dist/collector/executable/'))).toEqual([]);
    // The fake-host builder and its class parts are test code kept beside the collector: not shipped.
    expect(files.filter((f) => /(?:^|\/)fake-host/.test(f))).toEqual([]);
  });

  it('installs without TypeScript and runs --version and check from the installed copy', () => {
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    const v = run(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest).version);
    const c = run(['check', '--format', 'json']);
    expect(c.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(c.status);
    const report = JSON.parse(c.stdout) as { schema: string; bundles: unknown[] };
    expect(report.schema).toMatch(/^fwsnap-report\//);
    expect(report.bundles).toHaveLength(1);
  });

  it('collects without the database module; analyze then names the missing module', () => {
    // What npm leaves when the optional better-sqlite3 fails to build: no package at all.
    renameSync(join(app, 'node_modules/better-sqlite3'), join(work, 'better-sqlite3.away'));
    try {
      const bundle = join(app, 'host.tar.gz');
      const c = run(['collect', '--root', FAKEHOST, '-o', bundle]);
      expect(c.stderr).toBe('');
      expect(c.status).toBe(0);
      expect(run(['verify', bundle]).status).toBe(0);
      const a = run(['analyze', bundle]);
      expect(a.status).toBe(2);
      expect(a.stderr).toMatch(/^fwsnap analyze: this command needs the npm package better-sqlite3 .*npm install better-sqlite3/);
      expect(a.stderr).not.toMatch(/internal error|\n\s+at /);
      const help = run(['--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/\bcollect\b/);
    } finally {
      renameSync(join(work, 'better-sqlite3.away'), join(app, 'node_modules/better-sqlite3'));
    }
  });

  it('its bin is the launcher, found through npm\'s symlink: collect starts the worker beside the collector', () => {
    expect(readlinkSync(join(app, 'node_modules/.bin/fwsnap'))).toMatch(/bin\/fwsnap$/);
    const rec = join(work, 'workers');
    mkdirSync(rec);
    const bundle = join(app, 'launched.tar.gz');
    const c = run(['collect', '--root', FAKEHOST, '-q', '-o', bundle], { NODE_OPTIONS: `--import=${RECORD_WORKERS}`, FWSNAP_TEST_RECORD_WORKERS: rec });
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    const workers = readdirSync(rec).map((f) => JSON.parse(readFileSync(join(rec, f), 'utf8')) as { args: string[] });
    // The launched worker; a loaded machine may fork a second lane beside it.
    expect(workers.filter((w) => w.args[1] === 'stdin')).toHaveLength(1);
    expect(run(['verify', bundle]).status).toBe(0);
  });
});
