import type { IoctlTransport } from '../../../collector/ioctl/transport.js';
import type { FakeTree } from '../../../collector/fake-host/tree.js';
import { fakehostPci } from '../../../collector/classes/pci/fake-host.js';
import { fakehostStorage } from '../../../collector/classes/ata/fake-host.js';
import { fakehostRdma } from '../../../collector/classes/rdma/fake-host.js';
import { fakehostPlatform } from '../../../collector/classes/platform/fake-host.js';
import { fakehostCpus } from '../../../collector/classes/cpu/fake-host.js';
import { fakehostKernelLog } from '../../../collector/classes/kernel-log/fake-host.js';
import { fakehostNics } from '../../../collector/classes/nic/fake-host.js';
import { FAKEHOST_ETHTOOL } from '../../nic/fake-kernel.js';
import { fakehostNvme } from '../../../collector/classes/nvme/fake-host.js';
import { FAKEHOST_NVME_ADMIN } from '../../nvme/fake-kernel.js';
import { fakehostMlx5 } from '../../../collector/classes/mlx5/fake-host.js';
import { FAKEHOST_FWCTL } from '../../mlx5/fwctl-fake.js';

/** A class's share of the shared fake host (fakehost.ts). */
export interface SharedHostPart {
  /** Writes the class's files of the host. */
  write(tree: FakeTree): void;
  /** A source whose ioctl answers the class stores in the tree, run live against the fake device that gives them. */
  ioctls?: { source: string; transport(): IoctlTransport };
}

/** The classes' parts of the shared fake host, one line per class, written in this order (ioctl runs after all files). */
export const SHARED_HOST_PARTS: readonly SharedHostPart[] = [
  { write: fakehostPci },
  { write: fakehostStorage },
  { write: fakehostRdma },
  { write: fakehostPlatform },
  { write: fakehostCpus },
  { write: fakehostKernelLog },
  { write: fakehostNics, ioctls: FAKEHOST_ETHTOOL },
  { write: fakehostNvme, ioctls: FAKEHOST_NVME_ADMIN },
  { write: fakehostMlx5, ioctls: FAKEHOST_FWCTL },
];
