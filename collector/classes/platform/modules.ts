/** Modules whose parameters are always collected, besides the modules of bound PCI drivers. */
export const ALWAYS_MODULES = ['nvme_core', 'libata', 'ahci', 'pcie_aspm', 'scsi_mod'] as const;

/** Per-module files next to parameters/: out-of-tree drivers carry a version, taint says why the kernel is tainted. */
export const MODULE_ATTRIBUTES = ['version', 'srcversion', 'taint'] as const;

const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

/** True when a /sys/bus/pci/drivers/<driver> listing shows at least one bound function. */
export function driverIsBound(entries: readonly string[]): boolean {
  return entries.some((e) => BDF.test(e));
}

/** A driver's module: the `module` link's last component, else the driver name with dashes as underscores (built-ins). */
export function moduleOfDriver(driver: string, moduleLink: string | undefined): string {
  return moduleLink?.split('/').pop() || driver.replace(/-/g, '_');
}
