import { ataFacts } from '../classes/ata/facts.js';
import { coreFacts } from '../classes/core/facts.js';
import { cpuFacts } from '../classes/cpu/facts.js';
import { kernelLogFacts } from '../classes/kernel-log/facts.js';
import { mlx5Facts } from '../classes/mlx5/facts.js';
import { nicFacts } from '../classes/nic/facts.js';
import { nvmeFacts } from '../classes/nvme/facts.js';
import { pciFacts } from '../classes/pci/facts.js';
import { platformFacts } from '../classes/platform/facts.js';
import { FactContract } from './contract.js';
import type { ClassFacts } from './types.js';

/** The declared facts of every class (one line each). */
export const CLASS_FACTS: readonly ClassFacts[] = [
  pciFacts,
  nicFacts,
  nvmeFacts,
  ataFacts,
  mlx5Facts,
  platformFacts,
  cpuFacts,
  coreFacts,
  kernelLogFacts,
];

let shipped: FactContract | undefined;

/** The contract of the shipped classes. */
export function shippedFacts(): FactContract {
  return (shipped ??= new FactContract(CLASS_FACTS));
}
