import { hex } from './pci-config-bytes.js';

/** Capability names as lspci (pciutils 3.9) prints them after "Capabilities: [off]", without details. */
const LEGACY: Record<number, string> = {
  0x00: 'Null',
  0x01: 'Power Management',
  0x02: 'AGP',
  0x03: 'Vital Product Data',
  0x04: 'Slot ID',
  0x05: 'MSI',
  0x06: 'CompactPCI hot-swap',
  0x07: 'PCI-X',
  0x08: 'HyperTransport',
  0x09: 'Vendor Specific Information',
  0x0a: 'Debug port',
  0x0b: 'CompactPCI central resource control',
  0x0c: 'Hot-plug capable',
  0x0d: 'Subsystem',
  0x0e: 'AGP3',
  0x0f: 'Secure device',
  0x10: 'Express',
  0x11: 'MSI-X',
  0x12: 'SATA HBA',
  0x13: 'PCI Advanced Features',
  0x14: 'Enhanced Allocation (EA)',
};

const EXTENDED: Record<number, string> = {
  0x00: 'Null',
  0x01: 'Advanced Error Reporting',
  0x02: 'Virtual Channel',
  0x03: 'Device Serial Number',
  0x04: 'Power Budgeting',
  0x05: 'Root Complex Link',
  0x06: 'Root Complex Internal Link',
  0x07: 'Root Complex Event Collector Endpoint Association',
  0x08: 'Multi-Function Virtual Channel',
  0x09: 'Virtual Channel',
  0x0a: 'Root Complex Register Block',
  0x0b: 'Vendor Specific Information',
  0x0d: 'Access Control Services',
  0x0e: 'Alternative Routing-ID Interpretation (ARI)',
  0x0f: 'Address Translation Service (ATS)',
  0x10: 'Single Root I/O Virtualization (SR-IOV)',
  0x11: 'Multi-Root I/O Virtualization',
  0x12: 'Multicast',
  0x13: 'Page Request Interface (PRI)',
  0x15: 'Physical Resizable BAR',
  0x16: 'Dynamic Power Allocation',
  0x17: 'Transaction Processing Hints',
  0x18: 'Latency Tolerance Reporting',
  0x19: 'Secondary PCI Express',
  0x1a: 'Protocol Multiplexing',
  0x1b: 'Process Address Space ID (PASID)',
  0x1c: 'LN Requester',
  0x1d: 'Downstream Port Containment',
  0x1e: 'L1 PM Substates',
  0x1f: 'Precision Time Measurement',
  0x20: 'PCI Express over M_PHY',
  0x21: 'FRS Queueing',
  0x22: 'Readiness Time Reporting',
  0x23: 'Designated Vendor-Specific',
  0x24: 'Virtual Resizable BAR',
  0x25: 'Data Link Feature',
  0x26: 'Physical Layer 16.0 GT/s',
  0x27: 'Lane Margining at the Receiver',
  0x28: 'Hierarchy ID',
  0x29: 'Native PCIe Enclosure Management',
  0x2a: 'Physical Layer 32.0 GT/s',
  0x2e: 'Data Object Exchange',
  0x2f: 'Device 3',
  0x30: 'Integrity & Data Encryption',
  0x31: 'Physical Layer 64.0 GT/s',
  0x32: 'Flit Logging',
  0x34: 'Flit Error Injection',
  0x36: 'MMIO Register Block Locator',
};

/** Names older pciutils printed for a capability that has another name today. */
const EXTENDED_FORMER: Record<string, number> = {
  'Resizable BAR': 0x15,
  // pciutils up to 3.6 (3.7 for the Event Collector; ls-ecaps.c, show_ext_caps).
  'Root Complex Event Collector': 0x07,
  'Root Bridge Control Block': 0x0a,
  'VF Resizable BAR': 0x24,
};
const LEGACY_FORMER: Record<string, number> = { 'Message Signalled Interrupts': 0x05 };

/** Every name lspci gives a capability id, for SQL that names capabilities as capabilityName() does. */
export const CAPABILITY_NAMES: { readonly legacy: Readonly<Record<number, string>>; readonly extended: Readonly<Record<number, string>> } = { legacy: LEGACY, extended: EXTENDED };

export function capabilityName(id: number, extended: boolean): string {
  if (extended) return EXTENDED[id] ?? `Extended Capability ID ${hex(id, 1)}`;
  return LEGACY[id] ?? `Capability ID ${hex(id, 1)}`;
}

/** Longest first, so `MSI-X` is not read as `MSI`. */
const byLength = (names: Record<number, string>): [string, number][] =>
  Object.entries(names).map(([id, n]): [string, number] => [n, Number(id)]).sort((a, b) => b[0].length - a[0].length);
const LEGACY_NAMES = [...byLength(LEGACY), ...Object.entries(LEGACY_FORMER)];
const EXTENDED_NAMES = [...byLength(EXTENDED), ...Object.entries(EXTENDED_FORMER)];

/**
 * The capability id a name lspci printed after `Capabilities: [off]` stands for (`MSI-X: Enable+ Count=64`,
 * `Express (v2) Endpoint, MSI 00`, `Extended Capability ID 0x2b`, old pciutils' `#19`); null when unknown.
 */
export function capabilityId(title: string, extended: boolean): number | null {
  const numbered = /^(?:Extended )?Capability ID (?:0x)?([0-9a-f]+)\b|^#([0-9a-f]{2})\b/i.exec(title);
  if (numbered) return parseInt(numbered[1] ?? numbered[2]!, 16);
  for (const [name, id] of extended ? EXTENDED_NAMES : LEGACY_NAMES) {
    if (title === name || (title.startsWith(name) && /^[\s:(,<]/.test(title.slice(name.length)))) return id;
  }
  return null;
}

export const CAP = { PM: 0x01, VPD: 0x03, MSI: 0x05, EXPRESS: 0x10, MSIX: 0x11 } as const;
export const EXT_CAP = { AER: 0x01, DSN: 0x03, ACS: 0x0d, ARI: 0x0e, ATS: 0x0f, SRIOV: 0x10, PASID: 0x1b } as const;
