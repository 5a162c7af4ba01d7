/**
 * import and fleet read files only: `-` is refused in words (status 2), not looked up as a file named "-" ("-: no
 * such file or directory", or, with a file of that name in the current directory, read from it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('- where a command reads files only', () => {
  it.each([
    [['import', '-', '-o', 'x.tar.gz'], /^fwsnap import: import reads a report file or directory, not stdin \(-\); save the report to a file first\n$/],
    [['fleet', '-'], /^fwsnap fleet: fleet reads bundle files and databases, not stdin \(-\): save each bundle to a file \(or analyze - --db FILE, then fleet FILE\)\n$/],
  ])('%j: status 2, one line saying so, even beside a file named "-"', async (args, line) => {
    const dir = tempDir();
    writeFileSync(join(dir, '-'), 'not a report\n');
    const r = await runCli(args, { cwd: dir, input: 'piped\n' });
    expect(r.stderr).toMatch(line);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  }, 60_000);
});
