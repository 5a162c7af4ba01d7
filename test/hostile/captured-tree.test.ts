import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../bundle/reader.js';
import { collect } from '../../collector/collect.js';
import { ensureBuilt, isRoot, writeTree } from '../faults/fault-helpers.js';
import { MEMORY_BOUND, runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * A captured tree from a stranger (a bundle from a ticket, extracted with tar, or a tree made to look like
 * one) whose links point out of it, at a canary file this test owns: `collect --root` must never read it.
 */
const CANARY = `canary-${process.pid}-${Date.now()}-do-not-leak`;
const ESCAPE = '../'.repeat(16);

function hostileTree(root: string, outside: string): void {
  writeTree(root, {
    'proc/sys/kernel/osrelease': '6.1.0-hostile\n',
    'proc/sys/kernel/hostname': { link: `${outside}/secret` },
    'etc/os-release': { link: '/etc/passwd' },
    'proc/cpuinfo': { link: `${ESCAPE}${outside.slice(1)}/secret` },
    // A link to an absolute path inside the capture: looked up inside the tree, as copied sysfs needs.
    'sys/devices/virtual/net/eth0/address': '02:00:00:00:00:01\n',
    'sys/devices/virtual/net/eth0/mtu': '1500\n',
    'sys/class/net/eth0': { link: '/sys/devices/virtual/net/eth0' },
    // Links in a middle directory, absolute and relative, to a directory holding what a source looks for.
    'sys/class/net/eth1': { link: `${ESCAPE}${outside.slice(1)}` },
    'sys/class/nvme/nvme0': { link: outside },
    'sys/class/net/eth3/address': { link: `../eth3/../../../../../../../../../..${outside}/secret` },
    'cmd/devlink': { link: `${outside}/cmd-devlink` },
    'cmd/dmesg/--raw.out': { link: `${outside}/secret` },
    'ioctl/net/eth0/drvinfo.bin': { link: `${outside}/secret` },
    // Loops: a directory that is itself, two links naming each other.
    'sys/class/net/loop0': { link: 'loop0' },
    'sys/class/nvme/nvme1/model': { link: 'serial' },
    'sys/class/nvme/nvme1/serial': { link: 'model' },
    'sys/class/nvme/nvme2': { link: '../nvme2/../nvme2' },
    'dev/kmsg': { fifo: true },
    'sys/class/net/eth2/address': { fifo: true },
    // An extracted bundle's manifest says which files were links: here it is a FIFO, and a regular file
    // in the tree links to it.
    'manifest.json': { fifo: true },
    'cmd/uname/-r.status': { link: '/manifest.json' },
  });
  if (isRoot) spawnSync('mknod', [join(root, 'proc/modules'), 'c', '1', '3']);
}

function canaryDir(dir: string): string {
  const outside = join(dir, 'outside');
  mkdirSync(join(outside, 'cmd-devlink'), { recursive: true });
  for (const f of ['secret', 'address', 'mtu', 'firmware_rev', 'model', 'serial']) writeFileSync(join(outside, f), `${CANARY}\n`);
  writeFileSync(join(outside, 'cmd-devlink/-j_dev_show.out'), JSON.stringify({ dev: { [`pci/${CANARY}`]: {} } }));
  return outside;
}

/** A writer blocked on the FIFO until someone opens it for reading: it is still waiting if nobody did. */
function blockedWriter(fifo: string): ChildProcess {
  return spawn('sh', ['-c', `printf '%s' '${CANARY}' > '${fifo}'`], { stdio: 'ignore' });
}

async function everything(bundle: string): Promise<string> {
  const parts: string[] = [];
  const r = await readBundle(bundle, (e) => void parts.push(e.name, e.data.toString('latin1')));
  expect(r.problems).toEqual([]);
  return parts.join('\n') + JSON.stringify(r.manifest);
}

describe('collect --root never reads outside the tree', () => {
  beforeAll(ensureBuilt);

  it('links out of the tree (absolute, ../ escapes, in middle directories), loops, FIFOs and device nodes: nothing of the outside reaches the bundle, the map or the manifest, and nothing blocks', async () => {
    const dir = tempDir();
    const outside = canaryDir(dir);
    const tree = join(dir, 'tree');
    hostileTree(tree, outside);
    const writers = [blockedWriter(join(tree, 'sys/class/net/eth2/address')), blockedWriter(join(tree, 'manifest.json'))];
    try {
      const out = join(dir, 'b.tar.gz');
      const mapPath = join(dir, 'map.json');
      const t0 = Date.now();
      const r = await collect({ output: out, root: tree, timeoutSeconds: 20, redact: { mapPath } });
      const plain = await collect({ output: join(dir, 'plain.tar.gz'), root: tree, timeoutSeconds: 20 });
      expect(Date.now() - t0).toBeLessThan(60_000);
      for (const m of [r.manifest, plain.manifest]) {
        for (const s of m.sources) expect(['ok', 'partial', 'skipped'], `${s.name}: ${s.status} ${s.reason ?? ''}`).toContain(s.status);
      }
      expect(plain.manifest.host.hostname).toBe('unknown');
      for (const text of [await everything(out), await everything(join(dir, 'plain.tar.gz')), readFileSync(mapPath, 'latin1')]) {
        expect(text).not.toContain(CANARY);
        expect(text).not.toMatch(/root:x?:0:0:/);
      }
      // The absolute link inside the capture was followed inside it.
      const names = plain.manifest.artifacts.map((a) => a.name);
      expect(names).toContain('sys/class/net/eth0/address');
      expect(names).not.toContain('sys/class/net/eth2/address');
      expect(names).not.toContain('dev/kmsg');
      expect(plain.manifest.issues.filter((i) => i.code === 'ENOTREG').map((i) => i.target)).toContain('/dev/kmsg');
      // check collects and reports in one: the same tree, nothing of the outside in its report, nothing blocks.
      const checked = await runCli(['check', '--root', tree, '--format', 'json', '--timeout', '20'], { cwd: dir, timeoutMs: 180_000 });
      expect([0, 1], checked.stderr).toContain(checked.status);
      expect(`${checked.stdout}${checked.stderr}`).not.toMatch(STACK_TRACE);
      expect(`${checked.stdout}${checked.stderr}`).not.toContain(CANARY);
      expect(checked.peakRss).toBeLessThan(MEMORY_BOUND);
      // No collection opened a FIFO: their writers still wait for a reader.
      for (const w of writers) expect(w.exitCode).toBeNull();
    } finally {
      for (const w of writers) w.kill('SIGKILL');
    }
  }, 400_000);
});
