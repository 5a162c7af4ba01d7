import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const TOP = 'sosreport-host-2026-12-02-abcdefg';

/** A report whose sos_commands/ exists but holds no file: import says so (not "no sos_commands/"), status 2 (docs/import.md). */
describe('import of a sosreport whose sos_commands/ is empty', () => {
  const cases: [string, (dir: string) => string][] = [
    ['an extracted directory, sos_commands/ empty', (dir) => {
      mkdirSync(join(dir, TOP, 'sos_commands'), { recursive: true });
      writeFileSync(join(dir, TOP, 'version.txt'), 'sosreport: 4.5.0\n');
      return join(dir, TOP);
    }],
    ['an extracted directory, sos_commands/ with empty plugin folders only', (dir) => {
      mkdirSync(join(dir, TOP, 'sos_commands', 'plugin-a'), { recursive: true });
      mkdirSync(join(dir, TOP, 'sos_commands', 'plugin-b'), { recursive: true });
      return join(dir, TOP);
    }],
    ['a tar.gz archive holding the empty folder', (dir) => {
      mkdirSync(join(dir, TOP, 'sos_commands'), { recursive: true });
      writeFileSync(join(dir, TOP, 'version.txt'), 'sosreport: 4.5.0\n');
      execFileSync('tar', ['-czf', `${TOP}.tar.gz`, TOP], { cwd: dir });
      return join(dir, `${TOP}.tar.gz`);
    }],
  ];
  it.each(cases)('%s: one line saying it is empty, status 2, no bundle', async (_what, make) => {
    const dir = tempDir();
    const input = make(dir);
    const r = await runCli(['import', input, '-o', join(dir, 'b.tar.gz')], { cwd: dir });
    expect(r.stderr).toBe(`fwsnap import: ${input}: its sos_commands/ is empty (no command output in it, nor any file in its folders); nothing to import\n`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'b.tar.gz'))).toBe(false);
  }, 60_000);

  it('a folder with no sos_commands/ at all is still "neither a sosreport nor a supportconfig"', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes', 'sos_commandsX'), { recursive: true });
    const r = await runCli(['import', join(dir, 'notes'), '-o', join(dir, 'b.tar.gz')], { cwd: dir });
    expect(r.stderr).toMatch(/neither a sosreport \(no sos_commands\/\) nor a supportconfig/);
    expect(r.status).toBe(2);
  }, 60_000);
});
