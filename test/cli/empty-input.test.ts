/**
 * An empty input (a failed download, an empty pipe, an empty file) is unusable input, not a bundle that fails to
 * verify: `verify` and `redact` end with status 2 and one line saying it is empty (README: 2, cannot be read); `analyze`,
 * `diff`, `collect --root` and `import` name the file as empty too.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-empty-input-'));
const empty = join(dir, 'empty.tar.gz');
writeFileSync(empty, '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an empty bundle input', () => {
  it.each([
    [['verify', '-'], /^fwsnap verify: cannot read -: stdin is empty \(0 bytes\); no bundle was piped in\n$/],
    [['verify', empty], /^fwsnap verify: cannot read \S+empty\.tar\.gz: the file is empty \(0 bytes\), not a bundle\n$/],
    [['redact', '-', join(dir, 'out.tar.gz')], /^fwsnap redact: cannot read -: stdin is empty \(0 bytes\); no bundle was piped in\n$/],
    [['redact', empty, join(dir, 'out.tar.gz')], /^fwsnap redact: cannot read \S+empty\.tar\.gz: the file is empty \(0 bytes\), not a bundle\n$/],
  ])('%j: status 2, one line, nothing on stdout, nothing written', async (args, line) => {
    const r = await runCli(args, { cwd: dir, input: '' });
    expect(r.stderr).toMatch(line);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'out.tar.gz'))).toBe(false);
  }, 60_000);

  // A ticket or a saved output that came out empty, given where a bundle, a captured tree or a report goes: each says
  // the file is empty, not that a compressed stream was cut, nor only that it is no directory.
  const emptyText = join(dir, 'ticket.txt');
  writeFileSync(emptyText, '');
  it.each([
    [['analyze', emptyText], /^fwsnap: \S+ticket\.txt: unusable bundle — not a bundle: the file is empty \(0 bytes\)[^\n]*\n$/],
    [['diff', emptyText, empty], /^fwsnap diff: \S+ticket\.txt: unusable bundle — not a bundle: the file is empty \(0 bytes\)/],
    [['collect', '--root', emptyText, '-o', join(dir, 'out.tar.gz')], /^fwsnap collect: --root \S+ticket\.txt: not a directory; the file is empty \(0 bytes\): it holds no tool output to read\n$/],
    [['import', emptyText, '-o', join(dir, 'out.tar.gz')], /^fwsnap import: \S+ticket\.txt: not a report \(the file is empty \(0 bytes\);/],
  ])('%j: status 2, the file named as empty', async (args, line) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.stderr).toMatch(line);
    expect(r.stderr).not.toMatch(/truncated after 0 entries|not gzip-compressed, as every bundle is/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'out.tar.gz'))).toBe(false);
  }, 60_000);

  it('one byte that is not a bundle still does not verify (status 1, the report)', async () => {
    const r = await runCli(['verify', '-'], { cwd: dir, input: 'x' });
    expect(r.stdout).toMatch(/^-: FAILED/);
    expect(r.status).toBe(1);
  }, 60_000);
});
