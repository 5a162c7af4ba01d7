import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Report } from '../../analyzer/report/model.js';
import { CLI, ensureBuilt, FAKEHOST, fwsnap } from './cli-helpers.js';
import { collectTree, suiteDir } from './fake-bundle.js';

/** Runs a shell line (for pipes and stdin); the CLI is `$FWSNAP`. */
function sh(line: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', line], { encoding: 'utf8', env: { ...process.env, FWSNAP: `${process.execPath} ${CLI}`, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command line on a real pseudo-terminal (util-linux script), as a person at a terminal would. */
function onTerminal(line: string, env: Record<string, string> = {}): string {
  const r = spawnSync('script', ['-qec', line, '/dev/null'], { encoding: 'utf8', env: { ...process.env, FWSNAP: `${process.execPath} ${CLI}`, TERM: 'xterm', ...env }, timeout: 120_000 });
  expect(r.status, r.stderr).not.toBeNull();
  return r.stdout;
}

const ESC = '\x1b[';

describe('a CLI that fits its ecosystem', () => {
  let dir = '';
  let bundle = '';
  beforeAll(() => {
    ensureBuilt();
    dir = suiteDir();
    bundle = collectTree(dir, 'fake.tar.gz');
  });

  // Seven fwsnap runs, each needed: two collections, a verify, a query (which loads the bundle and runs the rules), an
  // analysis, a diff (two analyses) and a piped analysis: 25 s at a load of 12 on 2 cores, close to the 60 s default
  // at a load of 20.
  it('-o - writes the bundle to stdout and the summary to stderr; - reads it back from stdin', () => {
    const out = join(dir, 'piped.tar.gz');
    const w = sh(`$FWSNAP collect --root '${FAKEHOST}' -o - > '${out}'`);
    expect(w.status, w.stderr).toBe(0);
    expect(w.stderr).toMatch(/^devices: /m);
    expect(w.stderr).toMatch(/bundle: written to stdout/);
    const sha = /sha256: ([0-9a-f]{64})/.exec(w.stderr)![1];
    expect(sh(`sha256sum '${out}'`).stdout.slice(0, 64)).toBe(sha);
    const v = sh(`$FWSNAP verify - < '${out}'`);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^-: OK/);
    const a = sh(`cat '${out}' | $FWSNAP analyze --format json -`);
    expect(a.status, a.stderr).toBe(1);
    const report = JSON.parse(a.stdout) as Report;
    expect(report.bundles[0]!.path).toBe('-');
    expect(a.stdout).not.toContain('fwsnap-stdin-');
    const q = sh(`$FWSNAP query --format csv - "SELECT count(*) AS n FROM devices" < '${out}'`);
    expect(q.stdout).toBe(`n\n${report.bundles[0]!.devices}\n`);
    const d = sh(`$FWSNAP diff '${bundle}' - < '${bundle}'`);
    expect([d.status, d.stdout], d.stderr).toEqual([0, expect.stringMatching(/: no differences\n$/)]);
    // Piped straight from collect to analyze, nothing in between.
    const p = sh(`$FWSNAP -q collect --root '${FAKEHOST}' -o - | $FWSNAP analyze -`);
    expect(p.status, p.stderr).toBe(1);
    expect(p.stdout).toMatch(/^fakehost: 4 problem\(s\)/);
  }, 240_000);

  it('- twice, or - from a terminal, is a usage error; -o - refuses a terminal and check', () => {
    const twice = sh(`$FWSNAP analyze - - < '${bundle}'`);
    expect([twice.status, twice.stderr]).toEqual([2, 'fwsnap analyze: - (stdin) can be given only once\n']);
    expect(onTerminal(`$FWSNAP verify -; echo "status $?"`)).toMatch(/stdin is a terminal[^]*status 2/);
    expect(onTerminal(`$FWSNAP collect --root '${FAKEHOST}' -o -; echo "status $?"`)).toMatch(/stdout, which is a terminal[^]*status 2/);
    const check = fwsnap(['check', '--root', FAKEHOST, '-o', '-']);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/check writes its report to stdout/);
  });

  it('-q prints only results and errors; -v tells what ran and how long it took; not both', () => {
    const q = fwsnap(['-q', 'collect', '--root', FAKEHOST, '-o', join(dir, 'quiet.tar.gz')]);
    expect([q.status, q.stdout, q.stderr]).toEqual([0, '', '']);
    const qa = fwsnap(['analyze', '-q', bundle, '--format', 'json']);
    expect(JSON.parse(qa.stdout)).toHaveProperty('inventory');
    expect(qa.stderr).toBe('');
    const v = fwsnap(['-v', 'collect', '--root', FAKEHOST, '-o', join(dir, 'verbose.tar.gz')]);
    expect(v.status).toBe(0);
    expect(v.stderr).toMatch(/^fwsnap: source [a-z0-9-]+: ok in \d+\.\d\d s, \d+ artifacts, saw [a-z0-9_-]+ [1-9]\d*(?:, [a-z0-9_-]+ \d+)*$/m);
    expect(v.stderr).toMatch(/^fwsnap: collected in \d+\.\d\d s$/m);
    const va = fwsnap(['analyze', '--verbose', bundle]);
    expect(va.stderr).toMatch(/^fwsnap: .*fake\.tar\.gz: bundle 1, \d+ artifacts verified, 28 devices$/m);
    expect(va.stderr).toMatch(/^fwsnap: \d+ rules run on 1 bundle\(s\) in \d+\.\d\d s$/m);
    const both = fwsnap(['-q', '-v', 'rules', 'list']);
    expect([both.status, both.stderr]).toEqual([2, 'fwsnap rules: -q/--quiet and -v/--verbose exclude each other\n']);
  });

  it('colours severities on a terminal only, and never with NO_COLOR', () => {
    expect(fwsnap(['analyze', bundle]).stdout).not.toContain(ESC);
    const high = (JSON.parse(fwsnap(['analyze', '--format', 'json', bundle]).stdout) as Report).findings.find((f) => f.severity === 'high');
    expect(high, 'the fake host has a high finding').toBeDefined();
    const tty = onTerminal(`$FWSNAP analyze '${bundle}'`, { NO_COLOR: '' });
    expect(tty).toContain(`${ESC}1;31mHIGH${ESC}0m [${high!.rule}]`);
    expect(tty).toContain(`${ESC}33mMEDIUM${ESC}0m`);
    expect(onTerminal(`$FWSNAP analyze '${bundle}'`, { NO_COLOR: '1' })).not.toContain(`${ESC}1;31m`);
    expect(onTerminal(`$FWSNAP analyze '${bundle}'`, { TERM: 'dumb' })).not.toContain(`${ESC}1;31m`);
    // The other formats are files to keep: never coloured.
    expect(onTerminal(`$FWSNAP analyze --format markdown '${bundle}'`)).not.toContain(`${ESC}1;31m`);
  });

  it('collect, check and the report count each device once, whatever number of sources see it', () => {
    const c = fwsnap(['collect', '--root', FAKEHOST, '-o', join(dir, 'count.tar.gz')]);
    const collected = /^devices: (\d+) \((.*)\)$/m.exec(c.stdout)!;
    // Two sources can see one device (a bus function and its vendor tool's view of it): the total is the sum per class,
    // each device counted once. The per-class counts of the fake host are its classes' own tests'.
    const perClass = collected[2]!.split(', ').map((x) => /^([a-z0-9_-]+) (\d+)$/.exec(x)!);
    expect(perClass.every((m) => m !== null)).toBe(true);
    expect(perClass.reduce((n, m) => n + Number(m[2]), 0)).toBe(Number(collected[1]));
    expect(perClass.length).toBeGreaterThan(1);
    const report = JSON.parse(fwsnap(['analyze', '--format', 'json', join(dir, 'count.tar.gz')]).stdout) as Report;
    expect(report.bundles[0]!.devices).toBe(Number(collected[1]));
    const check = fwsnap(['check', '--root', FAKEHOST]);
    expect(check.stderr).toContain(`devices: ${collected[1]} (${collected[2]})`);
    expect(check.stdout.split('\n')[0]).toContain(`inventory entries (${collected[1]} devices)`);
    expect(fwsnap(['analyze', join(dir, 'count.tar.gz')]).stdout).toContain(`; ${collected[1]} devices`);
  });

  it('check never names the temporary bundle it deletes, and lists a skipped source once', () => {
    const check = fwsnap(['check', '--root', FAKEHOST, '--format', 'json']);
    const all = check.stdout + check.stderr;
    expect(all).not.toMatch(/fwsnap-check-|host\.tar\.gz/);
    expect((JSON.parse(check.stdout) as Report).bundles[0]!.path).toBe(`tree ${FAKEHOST} (bundle not kept)`);
    const text = fwsnap(['check', '--root', FAKEHOST]);
    const skipped = /^\s*(?:fwsnap: )?(?:source )?([a-z0-9-]+): skipped/m.exec(text.stdout + text.stderr);
    expect(skipped, 'the fake host has a skipped source').not.toBeNull();
    expect((text.stdout + text.stderr).match(new RegExp(`\\b${skipped![1]}: skipped`, 'g'))).toHaveLength(1);
    expect(text.stdout + text.stderr).not.toContain('bundle kept');
  });

  it('prints sizes as people read them', () => {
    const c = fwsnap(['collect', '--root', FAKEHOST, '-o', join(dir, 'sizes.tar.gz')]);
    expect(c.stdout).toMatch(/^artifacts: \d+, \d+(\.\d+)? KiB uncompressed$/m);
    expect(c.stdout).toMatch(/^size: \d+(\.\d+)? KiB \(\d+ bytes\)$/m);
  });

  it('rules list --format json: one object per rule, the same rules as the text list', () => {
    const json = JSON.parse(fwsnap(['rules', 'list', '--format', 'json']).stdout) as { id: string; severity: string; kind: string; file: string; tests: number }[];
    const text = fwsnap(['rules', 'list']).stdout.trim().split('\n');
    expect(json.map((r) => r.id)).toEqual(text.map((l) => l.split(/\s+/)[0]));
    // Each entry as its rule file says: a builtin check (check:) and an SQL rule (sql:) as examples.
    for (const kind of ['builtin', 'sql']) {
      const r = json.find((x) => x.kind === kind);
      expect(r, kind).toBeDefined();
      const docs = parseAllDocuments(readFileSync(r!.file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
      const rule = docs.find((x) => x.id === r!.id);
      expect(rule, `${r!.file} holds ${r!.id}`).toBeDefined();
      expect(rule!.severity).toBe(r!.severity);
      expect(kind === 'builtin' ? rule!.check : rule!.sql ?? rule!.when, kind).toBeDefined();
    }
    expect(json.every((r) => r.tests > 0)).toBe(true);
    expect(fwsnap(['rules', 'list', '--format', 'yaml']).status).toBe(2);
  });
});

describe('help, manual page and completion from the command definitions', () => {
  beforeAll(ensureBuilt);
  const man = (): string => fwsnap(['manpage']).stdout;
  const commands = (): string[] => [...man().matchAll(/^\.SS "fwsnap ([a-z -]+?)(?: \[options\]| <| \[|")/gm)].map((m) => m[1]!.trim());

  it('every command has --help with examples', () => {
    const list = commands();
    expect(list).toEqual(expect.arrayContaining(['collect', 'analyze', 'check', 'query', 'rules', 'rules list', 'rules test', 'redact', 'verify', 'diff', 'completion', 'manpage']));
    for (const c of list) {
      const h = fwsnap([...c.split(' '), '--help']);
      expect(h.status, c).toBe(0);
      expect(h.stdout, c).toMatch(/\nExamples:\n {2}\S/);
    }
  });

  it('the shipped manual page and completion are current (regenerate: npm run build && npm run docs:cli)', () => {
    expect(readFileSync('docs/man/fwsnap.1', 'utf8'), 'docs/man/fwsnap.1 is stale: run npm run docs:cli').toBe(man());
    expect(readFileSync('docs/completion/fwsnap.bash', 'utf8'), 'docs/completion/fwsnap.bash is stale: run npm run docs:cli').toBe(fwsnap(['completion', 'bash']).stdout);
  });

  it('the manual page is valid roff that man renders without warnings', () => {
    const r = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z'], { input: man(), encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const text = spawnSync('man', ['-l', '-'], { input: man(), encoding: 'utf8', env: { ...process.env, MANWIDTH: '100', MAN_KEEP_FORMATTING: '' } }).stdout;
    expect(text).toContain('fwsnap - device firmware and configuration snapshots');
    expect(text).toMatch(/EXIT STATUS[^]*\n\s+2\s+usage\s+error\s+or\s+unusable\s+input/);
    expect(text).toContain('NO_COLOR');
  });

  it('bash completes commands, subcommands, options and option values', () => {
    const complete = (line: string): string[] => {
      const words = line.split(' ');
      const script = `source docs/completion/fwsnap.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _fwsnap; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    };
    expect(complete('fwsnap co')).toEqual(['collect', 'completion']);
    expect(complete('fwsnap rules l')).toEqual(['list']);
    expect(complete('fwsnap rules list --fo')).toEqual(['--format']);
    expect(complete('fwsnap rules list --format ')).toEqual(['text', 'json']);
    expect(complete('fwsnap -q analyze --min-severity h')).toEqual(['high']);
    expect(complete('fwsnap analyze --format json --db x.db --re')).toEqual(['--replace']);
  });

  it('npm pack ships the manual page and the completion', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['docs/man/fwsnap.1', 'docs/completion/fwsnap.bash']));
    expect((JSON.parse(readFileSync('package.json', 'utf8')) as { man: string[] }).man).toEqual(['docs/man/fwsnap.1']);
  });
});
