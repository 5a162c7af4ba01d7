/**
 * rules doc / rules facts -o into a directory that does not exist: one line naming the file asked for and the missing
 * directory, status 2 — it showed Node's errno text and the temporary file beside the output (.x.md.<pid>.partial).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('rules doc and rules facts writing into a missing directory', () => {
  it.each([['doc'], ['facts']])('rules %s -o nodir/x.md', async (sub) => {
    const dir = tempDir();
    const r = await runCli(['rules', sub, '-o', join('nodir', 'x.md')], { cwd: dir });
    expect(r.stderr).toBe(`fwsnap rules: cannot write ${join(dir, 'nodir', 'x.md')}: the directory ${join(dir, 'nodir')} does not exist\n`);
    expect(r.stderr).not.toMatch(/partial|ENOENT/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
