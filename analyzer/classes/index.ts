import { FactContract } from '../facts/contract.js';
import type { AnalyzerClass, ClassLoader, StreamingLoader } from '../load/types.js';
import { pci } from './pci/index.js';
import { nic } from './nic/index.js';
import { nvme } from './nvme/index.js';
import { ata } from './ata/index.js';
import { mlx5 } from './mlx5/index.js';
import { platform } from './platform/index.js';
import { kernelLog } from './kernel-log/index.js';

/** Every device class the analyzer loads, in loading order (devices first, so later loaders can attach to them). */
export const CLASSES: readonly AnalyzerClass[] = [
  pci,
  nic,
  nvme,
  ata,
  mlx5,
  platform,
  kernelLog,
];

export const CLASS_LOADERS: ClassLoader[] = CLASSES.flatMap((c) => c.loaders);
let facts: FactContract | undefined;
/** The declared facts of every registered class: what loaders may write and rules may read. */
export function shippedFacts(): FactContract {
  return (facts ??= new FactContract(CLASSES.flatMap((c) => c.facts)));
}
export const STREAMING_LOADERS: StreamingLoader[] = CLASSES.flatMap((c) => c.streaming ?? []);
