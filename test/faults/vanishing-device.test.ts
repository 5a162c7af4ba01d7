import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt, writeTree } from './fault-helpers.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sources/${name}`, import.meta.url));

function vanishingTree(root: string): void {
  for (const dev of ['dev0', 'dev1', 'dev2']) {
    writeTree(root, {
      [`sys/class/vanishing/${dev}/firmware_version`]: `1.2.${dev.slice(3)}\n`,
      [`sys/class/vanishing/${dev}/serial`]: `SN${dev}\n`,
      [`sys/class/vanishing/${dev}/device`]: { link: '../../../devices/pci0000:00/0000:00:01.0' },
      [`sys/class/vanishing/${dev}/power/control`]: 'auto\n',
    });
  }
}

describe('a device that vanishes mid-run', () => {
  beforeAll(ensureBuilt);

  it('the source finishes ok with what it read before the unplug; missing files afterwards are not news', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    vanishingTree(tree);
    process.env.FWSNAP_TEST_TREE = tree;
    const out = join(dir, 'b.tar.gz');
    const r = await collect({ output: out, root: tree, timeoutSeconds: 20, sources: [{ name: 'vanishing', modulePath: fixture('vanishing.mjs') }] });
    expect(existsSync(join(tree, 'sys/class/vanishing'))).toBe(false);
    expect(r.manifest.sources).toEqual([expect.objectContaining({ name: 'vanishing', status: 'ok', devices: { vanishing: 3 } })]);
    expect(r.manifest.issues).toEqual([]);
    expect(r.manifest.artifacts.map((a) => a.name).sort()).toEqual([
      'sys/class/vanishing/dev0/device',
      'sys/class/vanishing/dev0/firmware_version',
      'sys/class/vanishing/dev0/power/control',
      'sys/class/vanishing/dev0/serial',
    ]);
    expect((await verifyBundle(out)).ok).toBe(true);
  });

  // The built-in sources racing a removal of the whole captured tree: where the removal lands differs
  // from run to run, so only what must always hold is checked.
  for (const delayMs of [20, 120, 400]) {
    it(`every built-in source survives its tree being removed ${delayMs} ms into the run`, async () => {
      const dir = tempDir();
      const tree = await fakehostCopy();
      const out = join(dir, 'b.tar.gz');
      const rm = spawn('sh', ['-c', `sleep ${delayMs / 1000}; rm -rf sys proc dev cmd ioctl etc`], { cwd: tree, stdio: 'ignore' });
      const removed = new Promise<number | null>((resolve) => rm.on('close', resolve));
      const r = await collect({ output: out, root: tree, timeoutSeconds: 20 });
      expect(await removed).toBe(0);
      for (const s of r.manifest.sources) expect(['ok', 'partial', 'skipped'], `${s.name}: ${s.status} ${s.reason ?? ''}`).toContain(s.status);
      expect((await verifyBundle(out)).ok).toBe(true);
    });
  }
});
