import type { SharedHostChecks } from './shared-host-checks.js';
import { pciSharedHost } from '../../pci/shared-host-checks.js';
import { ataSharedHost } from '../../ata/shared-host-checks.js';
import { rdmaSharedHost } from '../../rdma/shared-host-checks.js';
import { platformSharedHost } from '../../platform/shared-host-checks.js';
import { cpuSharedHost } from '../../cpu/shared-host-checks.js';
import { kernelLogSharedHost } from '../../kernel-log/shared-host-checks.js';
import { nicSharedHost } from '../../nic/shared-host-checks.js';
import { nvmeSharedHost } from '../../nvme/shared-host-checks.js';

/**
 * The classes' expectations of the shared fake host (test/<class>/shared-host-checks.ts), one line per class; the
 * whole-host tests run them all and name no class. Kept apart from shared-host-parts.ts, so that building the host
 * (bench/storage.ts builds it outside vitest) loads no test.
 */
export const SHARED_HOST_CHECKS: readonly SharedHostChecks[] = [
  pciSharedHost,
  ataSharedHost,
  rdmaSharedHost,
  platformSharedHost,
  cpuSharedHost,
  kernelLogSharedHost,
  nicSharedHost,
  nvmeSharedHost,
];
