import { pciLoader } from './pci.js';
import type { ClassLoader, StreamingLoader } from './types.js';

/** Every class loader, run in this order (devices first, so later loaders can attach to them). */
export const CLASS_LOADERS: ClassLoader[] = [
  pciLoader,
];

export const STREAMING_LOADERS: StreamingLoader[] = [];
