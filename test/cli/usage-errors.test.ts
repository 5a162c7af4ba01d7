import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt, FAKEHOST, fwsnap } from './cli-helpers.js';

/** A stack trace line as Node prints it. */
const STACK = /^\s+at .+[:(]/m;

function expectUsage(args: string[], message: RegExp): void {
  const r = fwsnap(args);
  expect(r.stderr, args.join(' ')).toMatch(message);
  expect(r.stderr, args.join(' ')).not.toMatch(STACK);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
}

describe('every command validates its options: a one-line message and exit status 2', () => {
  beforeAll(ensureBuilt);

  it('analyze of a bundle path that cannot be opened says why in words, naming the path, with status 2', () => {
    const dir = tempDir();
    const missing = join(dir, 'missing.tar.gz');
    const notDir = join(dir, 'file');
    writeFileSync(notDir, 'x');
    const under = join(notDir, 'b.tar.gz');
    const r = fwsnap(['analyze', missing, under, '--db', join(dir, 'a.db')]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toContain(`${missing}: unusable bundle — no such file\n`);
    expect(r.stderr).toContain(`${under}: unusable bundle — a component of the path is not a directory\n`);
    expect(r.stderr).not.toMatch(/corrupt|manifest/);
  });

  it('analyze and check: --format, --min-severity, --rules, --mlxconfig-db', () => {
    const dir = tempDir();
    const bundle = join(dir, 'fake.tar.gz');
    expect(fwsnap(['collect', '--root', FAKEHOST, '-o', bundle]).status).toBe(0);
    const badRules = join(dir, 'bad-rules');
    mkdirSync(badRules);
    writeFileSync(join(badRules, 'broken.yaml'), 'id: [unclosed\n');
    const notYaml = join(dir, 'rules-file.txt');
    writeFileSync(notYaml, 'x');
    expectUsage(['analyze', bundle, '--format', 'xml'], /--format must be one of text, json, markdown/);
    expectUsage(['analyze', bundle, '--min-severity', 'urgent'], /--min-severity must be one of critical, high, medium, low, info/);
    expectUsage(['analyze', bundle, '--rules', join(dir, 'none')], /--rules .*none: no such directory/);
    expectUsage(['analyze', bundle, '--rules', notYaml], /--rules .*rules-file\.txt: not a directory/);
    expectUsage(['analyze', bundle, '--rules', badRules], /^fwsnap analyze: invalid rules:/m);
    expectUsage(['analyze', bundle, '--mlxconfig-db', join(dir, 'none.db')], /--mlxconfig-db .*: no such file/);
    expectUsage(['check', '--root', FAKEHOST, '--format', 'yaml'], /--format must be one of/);
    expectUsage(['rules', 'list', '--rules', join(dir, 'none')], /no such directory/);
    expectUsage(['rules', 'test', '--rules', badRules], /^fwsnap rules: invalid rules:/m);
    expectUsage(['rules', 'show', 'no.such.rule'], /^fwsnap rules: no rule with id no\.such\.rule$/m);
    // A rules directory without a rule file judged nothing and reported a clean host, status 0.
    const noRules = join(dir, 'no-rules');
    mkdirSync(join(noRules, 'sub'), { recursive: true });
    writeFileSync(join(noRules, 'README.md'), '# rules\n');
    for (const args of [['analyze', bundle], ['diff', bundle, bundle], ['fleet', bundle], ['rules', 'test'], ['rules', 'list']]) {
      expectUsage([...args, '--rules', noRules], /--rules .*no-rules: no rule file \(\*\.yaml\) in it; nothing would be checked/);
    }
    // Rule files in a folder below it are found, as the loader finds them.
    const nested = join(dir, 'nested-rules');
    mkdirSync(join(nested, 'a', 'b'), { recursive: true });
    writeFileSync(join(nested, 'a', 'b', 'broken.yml'), 'id: [unclosed\n');
    expectUsage(['analyze', bundle, '--rules', nested], /^fwsnap analyze: invalid rules:/m);
    // --db in a directory that does not exist: named, in words.
    expectUsage(['analyze', bundle, '--db', join(dir, 'nodir', 'a.db')], new RegExp(`^fwsnap analyze: database \\S+a\\.db: the directory \\S+nodir does not exist\n$`));
  });

  it('--root naming nothing: said as a missing file or directory, since --root takes a captured tree or a saved text', () => {
    const dir = tempDir();
    for (const cmd of ['collect', 'check']) {
      for (const root of [join(dir, 'ticket.txt'), join(dir, 'tree')]) {
        expectUsage([cmd, '--root', root, '-o', join(dir, 'b.tar.gz')].slice(0, cmd === 'check' ? 3 : 5), new RegExp(`^fwsnap ${cmd}: --root \\S+: no such file or directory \\(a captured tree, or a text file of saved outputs\\)$`, 'm'));
      }
    }
    expect(existsSync(join(dir, 'b.tar.gz'))).toBe(false);
  });

  it('--timeout: not a number, not positive, or beyond what a timer holds (a huge value used to kill every source and exit 0)', () => {
    const out = join(tempDir(), 'b.tar.gz');
    for (const t of ['abc', '', '-1', '0', 'NaN', 'Infinity', '1e10', '400000']) {
      expectUsage(['collect', '--root', FAKEHOST, '--only', 'platform', '--timeout', t, '-o', out], /--timeout must be/);
    }
    expectUsage(['check', '--root', FAKEHOST, '--timeout', '3000000'], /--timeout must be at most \d+ seconds/);
    const ok = fwsnap(['collect', '--root', FAKEHOST, '--only', 'platform', '--timeout', '357913', '-o', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).not.toMatch(/timed.out/);
  });

  it('analyze of a tree of saved outputs (a directory that is no sosreport): exit 2, its one line saying to collect it first and how', () => {
    const tree = join(tempDir(), 'ticket 4711');
    mkdirSync(join(tree, 'cmd/ethtool'), { recursive: true });
    writeFileSync(join(tree, 'cmd/ethtool/ethtool -i eth0.txt'), 'driver: ixgbe\nfirmware-version: 0x800003e7\nbus-info: 0000:01:00.0\n');
    const quoted = `'${tree}'`;
    for (const args of [['analyze', tree], ['analyze', '--format', 'json', tree]]) {
      const r = fwsnap(args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toBe(`fwsnap: ${tree}: unusable bundle — is a directory; a tree of saved tool outputs or of a host's files is made into a bundle first: \`fwsnap collect --root ${quoted} -o 'ticket 4711.tar.gz'\`, then analyze that (or \`fwsnap check --root ${quoted}\` in one step)\n`);
      expect(r.stdout).toBe('');
    }
  });

  it('analyze of a file that is no gzip and no text: exit 2, its one line saying so', () => {
    const tree = join(tempDir(), 'ticket 4712');
    mkdirSync(tree, { recursive: true });
    const binary = join(tree, 'capture.bin');
    writeFileSync(binary, Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x00, 0x10, 0x42, 0x00]));
    const b = fwsnap(['analyze', binary]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/; it is not gzip-compressed, as every bundle is \(a \.tar\.gz that fwsnap collect writes\)\n$/);
    expect(b.stderr).not.toMatch(STACK);
  });

  it('query and verify: a bad --format, and an input that cannot be opened, exit 2 (verify used to exit 1)', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a bundle and not a database\n');
    expectUsage(['query', text, 'SELECT 1', '--format', 'xml'], /--format must be one of table, json, csv/);
    expectUsage(['query', join(dir, 'none.db'), 'SELECT 1'], /cannot open .*none\.db: no such file/);
    expectUsage(['query', dir, 'SELECT 1'], /cannot open .*: is a directory/);
    expectUsage(['query', text, 'SELECT 1'], /cannot open .*notes\.txt: neither a bundle nor an analyzer database/);
    // A /proc file's size says 0 while it holds text: it is not called empty; an empty file is.
    // A file that exists but cannot be read is refused when the option is read, not taken later as absent data.
    expectUsage(['analyze', '--mlxconfig-db', '/proc/self/mem', join(dir, 'none.tar.gz')], /^error: option '--mlxconfig-db <file>' argument '\/proc\/self\/mem' is invalid\. --mlxconfig-db \/proc\/self\/mem: cannot be read \(EIO/m);
    expectUsage(['query', '/proc/self/status', 'SELECT 1'], /^fwsnap query: cannot open \/proc\/self\/status: neither a bundle nor an analyzer database \(it holds no table\)$/m);
    writeFileSync(join(dir, 'empty.db'), '');
    expectUsage(['query', join(dir, 'empty.db'), 'SELECT 1'], /empty\.db: neither a bundle nor an analyzer database \(it is empty\)$/m);
    expectUsage(['verify', join(dir, 'none.tar.gz')], /^fwsnap verify: cannot open .*none\.tar\.gz: no such file$/m);
    expectUsage(['verify', dir], /is a directory/);
    expectUsage(['redact', join(dir, 'none.tar.gz'), join(dir, 'out.tar.gz')], /cannot open .*: no such file/);
  });

  it('collect and import: --map and --keep-binary without --redact are usage errors alike (collect used to ignore them), and nothing is written', () => {
    const dir = tempDir();
    const out = join(dir, 'b.tar.gz');
    const map = join(dir, 'm.json');
    expectUsage(['collect', '--root', FAKEHOST, '--only', 'platform', '-o', out, '--map', map], /^fwsnap collect: --map needs --redact$/m);
    expectUsage(['collect', '--root', FAKEHOST, '--only', 'platform', '-o', out, '--keep-binary'], /^fwsnap collect: --keep-binary needs --redact$/m);
    expectUsage(['import', join(dir, 'none.tar.xz'), '-o', out, '--keep-binary'], /^fwsnap import: --keep-binary needs --redact$/m);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(map)).toBe(false);
    const ok = fwsnap(['collect', '--root', FAKEHOST, '--only', 'platform', '-o', out, '--redact', '--map', map]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(map)).toBe(true);
  });

  it('unknown commands and options, missing arguments', () => {
    expectUsage(['frobnicate'], /unknown command/);
    expectUsage(['analyze'], /missing required argument/);
    expectUsage(['analyze', 'x.tar.gz', '--no-such-option'], /unknown option/);
    expectUsage(['query', 'x.tar.gz'], /missing required argument/);
  });

  it('--help and --version still exit 0', () => {
    expect(fwsnap(['--version']).status).toBe(0);
    expect(fwsnap(['analyze', '--help']).status).toBe(0);
  });
});
