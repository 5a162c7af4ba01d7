import type { LabDevice } from './qemu-args.js';

/**
 * What a class's lab scenario needs of the one guest (test/<class>/lab-scenario.ts), listed in test/lab/scenario-list.ts:
 * the lab machine boots with every part's devices, in list order, and the guest waits for every part's paths.
 */
export interface LabMachinePart {
  /** The QEMU devices it adds (root ports before the devices on them). */
  devices: readonly LabDevice[];
  /** Guest paths that must exist before the reference tools and the collector run. */
  wait?: readonly string[];
  /** Guest modules to load that no PCI or SCSI modalias brings in (ACPI-enumerated devices, buses of their own). */
  modules?: readonly string[];
}

/** Every part's devices, paths and modules, in list order; a device id used twice is refused (qemuArgs also checks). */
export function composeMachine(parts: readonly LabMachinePart[]): { devices: LabDevice[]; wait: string[]; modules: string[] } {
  return {
    devices: parts.flatMap((p) => p.devices),
    wait: parts.flatMap((p) => p.wait ?? []),
    modules: [...new Set(parts.flatMap((p) => p.modules ?? []))],
  };
}
