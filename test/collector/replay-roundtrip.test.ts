import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

const FAKEHOST = new URL('../fixtures/hosts/fakehost', import.meta.url).pathname;

describe('a bundle is itself a captured tree', () => {
  it('extracts with plain tar and, collected again with --root, gives the same artifacts byte for byte', async () => {
    const dir = tempDir();
    const first = await collect({ output: join(dir, 'first.tar.gz'), root: FAKEHOST, isolation: 'inline' });
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    execFileSync('tar', ['xzf', join(dir, 'first.tar.gz'), '-C', tree]);
    const second = await collect({ output: join(dir, 'second.tar.gz'), root: tree, isolation: 'inline' });
    const hashes = (m: typeof first.manifest): Record<string, string> => Object.fromEntries(m.artifacts.map((a) => [a.name, a.sha256]));
    expect(first.manifest.artifacts.length).toBeGreaterThan(500);
    expect(hashes(second.manifest)).toEqual(hashes(first.manifest));
    expect(second.manifest.sources.map((s) => [s.name, s.status])).toEqual(first.manifest.sources.map((s) => [s.name, s.status]));
  });
});
