import { devlinkLoader } from './devlink.js';
import { mlxLoader } from './mlx.js';
import { netLoader, netRegsLoader } from './net.js';
import { nvmeLoader } from './nvme.js';
import { pciLoader } from './pci.js';
import { platformLoader } from './platform.js';
import { storageLoader } from './storage.js';
import { kernelLogLoader } from './kernel-log.js';
import type { ClassLoader, StreamingLoader } from './types.js';

/** Every class loader, run in this order (devices first, so later loaders can attach to them). */
export const CLASS_LOADERS: ClassLoader[] = [
  pciLoader,
  netLoader,
  nvmeLoader,
  storageLoader,
  devlinkLoader,
  mlxLoader,
  platformLoader,
  kernelLogLoader,
];

export const STREAMING_LOADERS: StreamingLoader[] = [
  netRegsLoader,
];
