import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MlxconfigDb } from '../../../analyzer/classes/mlx5/config-db.js';
import { fakehostStorage } from '../../../collector/classes/ata/fake-host.js';
import { FakeKernel } from '../../collector/fake-kernel/fake-kernel.js';
import { FAKEHOST_NICS } from '../../collector/fake-kernel/nics.js';
import { SAMSUNG_NVME0 } from '../../../collector/classes/nvme/fake-host-drives.js';
import { runSource } from '../../collector/fake-kernel/run-source.js';
import { fakehostCpus } from '../../../collector/classes/cpu/fake-host.js';
import { fakehostKernelLog } from '../../../collector/classes/kernel-log/fake-host.js';
import { fakehostMlx5 } from '../../../collector/classes/mlx5/fake-host.js';
import { FakeFwctl, connectxFwctlDevice } from '../../mlx5/fwctl-fake.js';
import { fakehostNics } from '../../../collector/classes/nic/fake-host.js';
import { fakehostNvme } from '../../../collector/classes/nvme/fake-host.js';
import { fakehostPci } from '../../../collector/classes/pci/fake-host.js';
import { fakehostPlatform } from '../../../collector/classes/platform/fake-host.js';
import { fakehostRdma } from '../../../collector/classes/rdma/fake-host.js';
import { FakeTree } from '../../../collector/fake-host/tree.js';

export { FAKEHOST } from '../../../collector/fake-host/fakehost-facts.js';

/**
 * The shared fake host, a Dell PowerEdge R740 (see fakehost-facts.ts), written under `root` by the class parts; the
 * ioctl answers (ethtool, NVMe admin, fwctl) are what the net, nvme and fwctl sources store when they run against
 * its sysfs with the fake kernel and the fake fwctl device, so they are the bytes a live collection of it would give.
 */
export async function buildFakehost(root: string): Promise<void> {
  const tree = new FakeTree(root);
  fakehostPci(tree);
  fakehostStorage(tree);
  fakehostRdma(tree);
  fakehostPlatform(tree);
  fakehostCpus(tree);
  fakehostKernelLog(tree);
  fakehostNics(tree);
  fakehostNvme(tree);
  fakehostMlx5(tree);
  const kernel = new FakeKernel({ nics: FAKEHOST_NICS, nvme: [SAMSUNG_NVME0] });
  const db = MlxconfigDb.open();
  const fwctl = new FakeFwctl(new Map([['/dev/fwctl/fwctl0', connectxFwctlDevice(db)], ['/dev/fwctl/fwctl1', connectxFwctlDevice(db)]]));
  for (const [name, transport] of [['net', kernel], ['nvme', kernel], ['fwctl', fwctl]] as const) {
    const run = await runSource(name, { root, replay: false, transport: () => transport });
    if (run.status !== 'ok') throw new Error(`building the fake host: ${name} ${run.status} ${run.reason ?? ''} ${JSON.stringify(run.issues)}`);
    for (const [artifactName, a] of run.artifacts) if (artifactName.startsWith('ioctl/')) tree.file(artifactName, a.data);
  }
}

let built: Promise<string> | undefined;

/**
 * The shared fake host, built once per test file in a temporary directory removed after the file's tests. Await it at
 * the top level of the test file (vitest then removes it in an afterAll of that file).
 */
export function fakehostRoot(): Promise<string> {
  built ??= (async () => {
    const root = mkdtempSync(join(tmpdir(), 'fwsnap-fakehost-'));
    // Test workers are ended by a signal, so an 'exit' handler alone would leave the tree behind.
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    await buildFakehost(join(root, 'fakehost'));
    return join(root, 'fakehost');
  })();
  return built;
}
