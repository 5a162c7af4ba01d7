import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../bundle/version.js';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt } from './cli-helpers.js';

/**
 * The CLI loads a command's module only when that command runs: `fwsnap --version` loads none (it used to
 * load all ten, ~0.3 s of CPU). Tested on a copy of the build whose command modules throw when loaded.
 */
describe('start-up loads only the command that runs', () => {
  beforeAll(ensureBuilt);

  it('--version loads no command module; a command loads only its own; --help still loads them all', () => {
    const dir = tempDir();
    cpSync(resolve('dist'), join(dir, 'dist'), { recursive: true });
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fwsnap', version: TOOL_VERSION, type: 'module' }));
    const modules = readdirSync(join(dir, 'dist/cli')).filter((f) => f.endsWith('-command.js'));
    expect(modules.length).toBeGreaterThanOrEqual(10);
    for (const m of modules.filter((f) => f !== 'verify-command.js')) writeFileSync(join(dir, 'dist/cli', m), `throw new Error('${m} was loaded');\n`);
    const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'dist/cli/main.js'), ...args], { encoding: 'utf8', timeout: 120_000 });

    for (const flag of ['--version', '-V']) {
      const v = run(flag);
      expect(v.stderr).toBe('');
      expect(v.stdout.trim()).toBe(TOOL_VERSION);
      expect(v.status).toBe(0);
    }
    const verify = run('verify', join(dir, 'none.tar.gz'));
    expect(verify.stderr).toMatch(/^fwsnap verify: cannot open .*none\.tar\.gz: no such file$/m);
    expect(verify.status).toBe(2);
    const help = run('--help');
    expect(help.stderr).toMatch(/-command\.js was loaded/);
    expect(help.status).not.toBe(0);
  }, 120_000);
});
