import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { checkNobodyCanRunCli, ensureBuilt, isRoot, NOBODY, runCli, writeTree } from './fault-helpers.js';

function tree(): string {
  const root = join(tempDir(), 'tree');
  writeTree(root, { 'proc/sys/kernel/osrelease': '6.1.0-test\n' });
  return root;
}

describe('an output path that cannot be written', () => {
  beforeAll(ensureBuilt);

  it('a directory: refused before collecting, nothing written beside it', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = await runCli(['collect', '--root', tree(), '--only', 'platform', '-o', out]);
    expect(r.stderr).toBe(`fwsnap collect: -o ${out} is a directory; give the bundle's file name\n`);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a directory that does not exist', async () => {
    const out = join(tempDir(), 'missing', 'b.tar.gz');
    const r = await runCli(['collect', '--root', tree(), '--only', 'platform', '-o', out]);
    expect(r.stderr).toBe(`fwsnap collect: cannot write ${out}: the directory ${join(out, '..')} does not exist\n`);
    expect(r.code).toBe(2);
  });

  it.skipIf(!isRoot)('a directory the user may not write in', async () => {
    checkNobodyCanRunCli();
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const root = tree();
    chmodSync(join(root, '..'), 0o755);
    const out = join(dir, 'b.tar.gz');
    const r = await runCli(['collect', '--root', root, '--only', 'platform', '-o', out], { uid: NOBODY });
    expect(r.stderr).toBe(`fwsnap collect: cannot write ${out}: ${dir} is not writable (EACCES)\n`);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
