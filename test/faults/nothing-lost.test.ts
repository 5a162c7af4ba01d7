import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt, isRoot, runCli, writeTree } from './fault-helpers.js';

const STACK = /^\s+at .+[:(]/m;

function tree(): string {
  const root = join(tempDir(), 'tree');
  writeTree(root, { 'proc/sys/kernel/osrelease': '6.1.0-test\n', 'proc/sys/kernel/hostname': 'lost-and-found\n' });
  return root;
}

const collectTo = (out: string, ...more: string[]) => runCli(['collect', '--root', tree(), '--only', 'platform', '-o', out, ...more]);

async function expectVerifies(path: string): Promise<void> {
  expect((await verifyBundle(path)).ok).toBe(true);
}

describe('-o never replaces what is not a bundle, and replaces a bundle only with --force', () => {
  beforeAll(ensureBuilt);

  it('an existing file: refused without --force and left as it was; replaced with --force', async () => {
    const out = join(tempDir(), 'b.tar.gz');
    writeFileSync(out, 'precious\n');
    const r = await collectTo(out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`fwsnap collect: -o ${out} already exists; give --force to replace it\n`);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    const forced = await collectTo(out, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    await expectVerifies(out);
  });

  it('a symbolic link: refused, and with --force written through to the regular file it points to (the link kept)', async () => {
    const dir = tempDir();
    const target = join(dir, 'real.tar.gz');
    writeFileSync(target, 'old\n');
    const link = join(dir, 'link.tar.gz');
    symlinkSync(target, link);
    const r = await collectTo(link);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a symbolic link; fwsnap does not replace it/);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    const forced = await collectTo(link, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    await expectVerifies(target);
  });

  it('a link to a directory, a dangling link, a directory, a FIFO and a device node: refused even with --force', async () => {
    const dir = tempDir();
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const cases: [string, RegExp][] = [];
    symlinkSync(sub, join(dir, 'to-dir'));
    cases.push([join(dir, 'to-dir'), /symbolic link to a directory/]);
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    cases.push([join(dir, 'dangling'), /symbolic link to nothing/]);
    cases.push([sub, /is a directory/]);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    cases.push([join(dir, 'fifo'), /is a FIFO/]);
    if (isRoot) {
      execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
      cases.push([join(dir, 'null'), /is a device node/]);
    }
    const before = readdirSync(dir).sort();
    for (const [out, why] of cases) {
      for (const force of [[], ['--force']]) {
        const r = await collectTo(out, ...force);
        expect(r.code, `${out} ${force}`).toBe(2);
        expect(r.stderr).toMatch(force.length ? why : /is (a symbolic link|a directory|a FIFO|a device node)/);
        expect(r.stderr).not.toMatch(STACK);
      }
    }
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(sub)).toEqual([]);
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    if (isRoot) expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('check -o and rules doc -o follow the same rules', async () => {
    const dir = tempDir();
    const out = join(dir, 'kept.tar.gz');
    writeFileSync(out, 'precious\n');
    const r = await runCli(['check', '--root', tree(), '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists; give --force/);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    symlinkSync(out, join(dir, 'doc.md'));
    const doc = await runCli(['rules', 'doc', '-o', join(dir, 'doc.md')]);
    expect(doc.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
  });
});

describe('redact never loses its input, its output or its map', () => {
  beforeAll(ensureBuilt);

  async function source(dir: string): Promise<string> {
    const input = join(dir, 'in.tar.gz');
    const r = await collectTo(input);
    expect(r.code, r.stderr).toBe(0);
    return input;
  }

  it('OUT = IN is refused, whatever path names it (same path, ./.., hard link, symbolic link), even with --force', async () => {
    const dir = tempDir();
    const input = await source(dir);
    const bytes = readFileSync(input);
    mkdirSync(join(dir, 'sub'));
    linkSync(input, join(dir, 'hard.tar.gz'));
    symlinkSync(input, join(dir, 'soft.tar.gz'));
    for (const out of [input, join(dir, 'sub', '..', 'in.tar.gz'), join(dir, 'hard.tar.gz'), join(dir, 'soft.tar.gz')]) {
      for (const force of [[], ['--force']]) {
        const r = await runCli(['redact', input, out, ...force]);
        expect(r.code, `${out} ${force}`).toBe(2);
        expect(r.stderr).toMatch(/is the input bundle itself/);
        expect(readFileSync(input).equals(bytes)).toBe(true);
      }
    }
    await expectVerifies(input);
  });

  it('an existing OUT is replaced only with --force', async () => {
    const dir = tempDir();
    const input = await source(dir);
    const out = join(dir, 'out.tar.gz');
    writeFileSync(out, 'precious\n');
    const r = await runCli(['redact', input, out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    expect((await runCli(['redact', input, out, '--force'])).code).toBe(0);
    await expectVerifies(out);
  });

  it('when the map cannot be written, no bundle is left at OUT and the exit status says so', async () => {
    const dir = tempDir();
    const input = await source(dir);
    const out = join(dir, 'out.tar.gz');
    for (const map of [join(dir, 'missing-dir', 'map.json'), join(dir, 'a-dir')]) {
      mkdirSync(join(dir, 'a-dir'), { recursive: true });
      const r = await runCli(['redact', input, out, '--map', map]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/redaction map|--map/);
      expect(r.stderr).not.toMatch(STACK);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((n) => n.includes('out.tar.gz'))).toEqual([]);
    }
    const c = await runCli(['collect', '--root', tree(), '--only', 'platform', '--redact', '--map', join(dir, 'missing-dir', 'map.json'), '-o', out]);
    expect(c.code, c.stderr).toBe(2);
    expect(c.stderr).toMatch(/cannot write redaction map .*; no bundle was written/);
    expect(existsSync(out)).toBe(false);
  });
});
