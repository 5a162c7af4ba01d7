/**
 * An empty input (a failed download, an empty pipe, an empty file) is unusable input, not a bundle that fails to
 * verify: `verify` and `redact` end with status 2 and one line saying it is empty (README: 2, cannot be read).
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

  it('one byte that is not a bundle still does not verify (status 1, the report)', async () => {
    const r = await runCli(['verify', '-'], { cwd: dir, input: 'x' });
    expect(r.stdout).toMatch(/^-: FAILED/);
    expect(r.status).toBe(1);
  }, 60_000);
});
