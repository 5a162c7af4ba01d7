/**
 * The only names the pci source opens under /sys/bus/pci/devices/<BDF>/. Everything else is left
 * alone on purpose: resource*, rom, reset, reset_method, remove, rescan and the like map BARs or act
 * on the device.
 */
export const PCI_ID_ATTRIBUTES = ['vendor', 'device', 'subsystem_vendor', 'subsystem_device', 'class', 'revision'] as const;

export const PCI_STATE_ATTRIBUTES = [
  'modalias',
  'uevent',
  'enable',
  'irq',
  'numa_node',
  'local_cpulist',
  'msi_bus',
  'power_state',
  'd3cold_allowed',
  'ari_enabled',
  'broken_parity_status',
  'dma_mask_bits',
  'consistent_dma_mask_bits',
  'driver_override',
  'label',
  'index',
  'acpi_index',
  'boot_vga',
  'secondary_bus_number',
  'subordinate_bus_number',
] as const;

export const PCI_LINK_ATTRIBUTES = ['current_link_speed', 'current_link_width', 'max_link_speed', 'max_link_width'] as const;

export const PCI_SRIOV_ATTRIBUTES = [
  'sriov_totalvfs',
  'sriov_numvfs',
  'sriov_offset',
  'sriov_stride',
  'sriov_vf_device',
  'sriov_drivers_autoprobe',
  'sriov_vf_total_msix',
  'sriov_vf_msix_count',
] as const;

export const PCI_AER_ATTRIBUTES = [
  'aer_dev_correctable',
  'aer_dev_fatal',
  'aer_dev_nonfatal',
  'aer_rootport_total_err_cor',
  'aer_rootport_total_err_fatal',
  'aer_rootport_total_err_nonfatal',
] as const;

/** ASPM and clock PM state of the function's link, from its link/ subdirectory. */
export const PCI_ASPM_ATTRIBUTES = ['clkpm', 'l0s_aspm', 'l1_aspm', 'l1_1_aspm', 'l1_2_aspm', 'l1_1_pcipm', 'l1_2_pcipm'] as const;

/** Symlinks stored as their targets. */
export const PCI_LINKS = ['driver', 'iommu_group', 'physfn', 'firmware_node'] as const;

export const PCI_TEXT_ATTRIBUTES: readonly string[] = [
  ...PCI_ID_ATTRIBUTES,
  ...PCI_STATE_ATTRIBUTES,
  ...PCI_LINK_ATTRIBUTES,
  ...PCI_SRIOV_ATTRIBUTES,
  ...PCI_AER_ATTRIBUTES,
];

/** Config space: 4096 bytes for root on PCIe, 256 or 64 otherwise; stored as read() gives it. */
/**
 * Where distributions install pci.ids (Debian `misc`, Fedora/Arch `hwdata`), in the order tried: the collector stores
 * the head of the first present; the analyzer looks for it at these names in a bundle and on its own machine.
 */
export const PCI_IDS_PATHS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids', '/usr/local/share/pci.ids'] as const;

export const CONFIG_SPACE_MAX = 4096;
/** The largest VPD the PCI core will expose (PCI_VPD_MAX_SIZE). */
export const VPD_MAX = 32768;
