import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandAllowed } from '../../collector/command-allowlist.js';
import { artifact, runSource } from '../collector/fake-kernel/run-source.js';
import { tempDir } from '../helpers/tmp.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();

/** A tree whose only content is replayed `devlink -j dev show` output. */
function treeWithDevShow(stdout: string, stderr = '', status?: number): string {
  const root = tempDir();
  const dir = join(root, 'cmd/devlink');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '-j_dev_show.out'), stdout);
  writeFileSync(join(dir, '-j_dev_show.err'), stderr);
  if (status !== undefined) writeFileSync(join(dir, '-j_dev_show.status'), `${status}\n`);
  return root;
}

describe('devlink source', () => {
  it('stores dev info, params, health and ports of the fake host’s ConnectX-6 Dx', async () => {
    const run = await runSource('devlink', { root: FAKEHOST });
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([]);
    expect(run.devices).toEqual(['devlink:pci/0000:3b:00.0', 'devlink:pci/0000:3b:00.1']);
    const names = [...run.artifacts.keys()].filter((n) => n.endsWith('.out'));
    expect(names).toEqual([
      'cmd/devlink/-j_dev_show.out',
      'cmd/devlink/-j_dev_info.out',
      'cmd/devlink/-j_dev_param_show.out',
      'cmd/devlink/-j_health_show.out',
      'cmd/devlink/-j_port_show.out',
    ]);
    const info = JSON.parse(artifact(run, 'cmd/devlink/-j_dev_info.out').toString()) as { info: Record<string, { versions: { fixed: Record<string, string>; running: Record<string, string> } }> };
    expect(info.info['pci/0000:3b:00.1']!.versions.fixed['fw.psid']).toBe('MT_0000000359');
    expect(info.info['pci/0000:3b:00.0']!.versions.running.fw).toBe('22.39.1002');
    for (const a of run.artifacts.values()) {
      if (a.origin.kind !== 'cmd') throw new Error('devlink stores command output only');
      expect(commandAllowed(a.origin.argv), a.origin.argv.join(' ')).toBe(true);
      expect(a.origin.argv.some((w) => ['set', 'dump', 'reload', 'flash'].includes(w))).toBe(false);
    }
  });

  it('skips, with the reason, when devlink is absent, fails or lists no device', async () => {
    // A captured tree without devlink outputs says so: "not installed" spoke of the machine replaying it.
    const absent = await runSource('devlink', { root: tempDir() });
    expect([absent.status, absent.reason]).toEqual(['skipped', 'the captured tree holds no devlink output (cmd/devlink/)']);
    const none = await runSource('devlink', { root: treeWithDevShow('{"dev":{}}\n') });
    expect([none.status, none.reason]).toEqual(['skipped', 'no devlink devices']);
    const noNetlink = await runSource('devlink', { root: treeWithDevShow('', 'Failed to connect to devlink Netlink\n', 1) });
    expect([noNetlink.status, noNetlink.reason]).toEqual(['skipped', 'devlink -j dev show failed (status 1): Failed to connect to devlink Netlink']);
    // What devlink said is kept even when there is nothing more to collect.
    expect(artifact(noNetlink, 'cmd/devlink/-j_dev_show.err').toString()).toContain('Netlink');
  });

  it('fails with a message naming the command when its output is not JSON', async () => {
    const run = await runSource('devlink', { root: treeWithDevShow('pci/0000:3b:00.0\n') });
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/^devlink -j dev show printed no JSON/);
  });

  it('records a query that exits non-zero as an issue and keeps its output', async () => {
    const root = treeWithDevShow('{"dev":{"pci/0000:3b:00.0":{}}}\n');
    writeFileSync(join(root, 'cmd/devlink/-j_dev_info.out'), '');
    writeFileSync(join(root, 'cmd/devlink/-j_dev_info.err'), 'kernel answers: Operation not supported\n');
    writeFileSync(join(root, 'cmd/devlink/-j_dev_info.status'), '2\n');
    const run = await runSource('devlink', { root });
    expect(run.issues).toEqual([{ target: 'devlink -j dev info', code: 'EXIT', message: 'exited with status 2: kernel answers: Operation not supported' }]);
    expect(run.artifacts.get('cmd/devlink/-j_dev_info.err')!.exitStatus).toBe(2);
  });
});
