import { FORBIDDEN, type FakeTree } from '../../fake-host/tree.js';

export { FORBIDDEN };
export const FORBIDDEN_PCI_FILES = ['resource', 'resource0', 'resource0_wc', 'resource2', 'rom', 'reset', 'reset_method', 'remove', 'rescan', 'bind', 'unbind'];

const hex = (n: number, w: number): string => `0x${n.toString(16).padStart(w, '0')}`;

export const AER_CORRECTABLE = ['RxErr', 'BadTLP', 'BadDLLP', 'Rollover', 'Timeout', 'NonFatalErr', 'CorrIntErr', 'HeaderOF'];
export const AER_UNCORRECTABLE = ['Undefined', 'DLP', 'SDES', 'TLP', 'FCP', 'CmpltTO', 'CmpltAbrt', 'UnxCmplt', 'RxOF', 'MalfTLP', 'ECRC', 'UnsupReq', 'ACSViol', 'UncorrIntErr', 'BlockedTLP', 'AtomicOpBlocked', 'TLPBlockedErr', 'PoisonTLPBlocked'];

/** The aer_dev_* text format (drivers/pci/pcie/aer.c): one "<name> <count>" line per error, then the total. */
export function aerText(names: readonly string[], total: string, counts: Readonly<Record<string, number>> = {}): string {
  const lines = names.map((n) => `${n} ${counts[n] ?? 0}`);
  lines.push(`${total} ${Object.values(counts).reduce((a, b) => a + b, 0)}`);
  return `${lines.join('\n')}\n`;
}

export interface PciLink {
  speed: string;
  width: number;
  maxSpeed: string;
  maxWidth: number;
}

export interface PciFunction {
  bdf: string;
  /** Its sysfs directory, e.g. sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0. */
  path: string;
  vendor: number;
  device: number;
  subVendor: number;
  subDevice: number;
  classCode: number;
  revision: number;
  driver?: string;
  module?: string;
  iommuGroup?: number;
  numa: number;
  cpulist: string;
  cpumask?: string;
  irq: number;
  link?: PciLink;
  sriov?: { total: number; num: number; offset: number; stride: number; vfDevice: number };
  aer?: { correctable?: Record<string, number> };
  rootPortAer?: boolean;
  config: Buffer;
  vpd?: Buffer;
}

/**
 * One PCI function as the kernel shows it (drivers/pci/pci-sysfs.c): ids, class, modalias and uevent, power and
 * DMA attributes, link attributes, SR-IOV counts, AER counter files, config space and VPD; the files the collector
 * must never open hold FORBIDDEN; links to its bus, IOMMU group, driver and module.
 */
export function writePciFunction(tree: FakeTree, f: PciFunction): void {
  const d = f.path;
  const cls = f.classCode;
  const up = (n: number, w: number): string => n.toString(16).toUpperCase().padStart(w, '0');
  const modalias = `pci:v0000${up(f.vendor, 4)}d0000${up(f.device, 4)}sv0000${up(f.subVendor, 4)}sd0000${up(f.subDevice, 4)}bc${up(cls >> 16, 2)}sc${up((cls >> 8) & 0xff, 2)}i${up(cls & 0xff, 2)}`;
  tree.attrs(d, {
    vendor: hex(f.vendor, 4),
    device: hex(f.device, 4),
    subsystem_vendor: hex(f.subVendor, 4),
    subsystem_device: hex(f.subDevice, 4),
    class: hex(cls, 6),
    revision: hex(f.revision, 2),
    modalias,
    enable: f.driver ? '1' : '0',
    irq: String(f.irq),
    numa_node: String(f.numa),
    local_cpulist: f.cpulist,
    local_cpus: f.cpumask ?? 'ffffffff',
    msi_bus: '1',
    power_state: 'D0',
    d3cold_allowed: '1',
    ari_enabled: '0',
    broken_parity_status: '0',
    dma_mask_bits: f.driver ? '64' : '32',
    consistent_dma_mask_bits: f.driver ? '64' : '32',
    driver_override: '(null)',
  });
  tree.file(`${d}/uevent`, [
    ...(f.driver ? [`DRIVER=${f.driver}`] : []),
    `PCI_CLASS=${up(cls, 1)}`,
    `PCI_ID=${up(f.vendor, 4)}:${up(f.device, 4)}`,
    `PCI_SUBSYS_ID=${up(f.subVendor, 4)}:${up(f.subDevice, 4)}`,
    `PCI_SLOT_NAME=${f.bdf}`,
    `MODALIAS=${modalias}`,
    '',
  ].join('\n'));
  if (f.link) {
    tree.attrs(d, {
      current_link_speed: `${f.link.speed} GT/s PCIe`,
      current_link_width: String(f.link.width),
      max_link_speed: `${f.link.maxSpeed} GT/s PCIe`,
      max_link_width: String(f.link.maxWidth),
    });
    tree.attrs(`${d}/link`, { clkpm: '0', l0s_aspm: '0', l1_aspm: '0' });
  }
  if (f.sriov) {
    tree.attrs(d, {
      sriov_totalvfs: String(f.sriov.total),
      sriov_numvfs: String(f.sriov.num),
      sriov_offset: String(f.sriov.offset),
      sriov_stride: String(f.sriov.stride),
      sriov_vf_device: f.sriov.vfDevice.toString(16),
      sriov_drivers_autoprobe: '1',
    });
  }
  if (f.aer) {
    tree.file(`${d}/aer_dev_correctable`, aerText(AER_CORRECTABLE, 'TOTAL_ERR_COR', f.aer.correctable));
    tree.file(`${d}/aer_dev_fatal`, aerText(AER_UNCORRECTABLE, 'TOTAL_ERR_FATAL'));
    tree.file(`${d}/aer_dev_nonfatal`, aerText(AER_UNCORRECTABLE, 'TOTAL_ERR_NONFATAL'));
  }
  if (f.rootPortAer) tree.attrs(d, { aer_rootport_total_err_cor: '0', aer_rootport_total_err_fatal: '0', aer_rootport_total_err_nonfatal: '0' });
  tree.file(`${d}/config`, f.config);
  if (f.vpd) tree.file(`${d}/vpd`, f.vpd);
  for (const name of FORBIDDEN_PCI_FILES) tree.file(`${d}/${name}`, FORBIDDEN);
  tree.linkTo(`${d}/subsystem`, 'sys/bus/pci');
  tree.linkTo(`sys/bus/pci/devices/${f.bdf}`, d);
  if (f.iommuGroup !== undefined) {
    tree.linkTo(`${d}/iommu_group`, `sys/kernel/iommu_groups/${f.iommuGroup}`);
    tree.linkTo(`sys/kernel/iommu_groups/${f.iommuGroup}/devices/${f.bdf}`, d);
  }
  if (f.driver) {
    const drv = `sys/bus/pci/drivers/${f.driver}`;
    tree.linkTo(`${d}/driver`, drv);
    tree.linkTo(`${drv}/${f.bdf}`, d);
    if (f.module) tree.linkTo(`${drv}/module`, `sys/module/${f.module}`);
    tree.file(`${drv}/bind`, FORBIDDEN);
    tree.file(`${drv}/unbind`, FORBIDDEN);
  }
}

/** A PCI VPD image (PCI Local Bus 3.0 §6.4): identifier string, the VPD-R keywords, a valid RV checksum, the end tag. */
export function buildVpd(productName: string, fields: readonly [string, string][]): Buffer {
  const id = Buffer.from(productName, 'latin1');
  const body: Buffer[] = [];
  for (const [k, v] of fields) {
    const val = Buffer.from(v, 'latin1');
    body.push(Buffer.from(k, 'latin1'), Buffer.from([val.length]), val);
  }
  const ro = Buffer.concat(body);
  const roLen = ro.length + 4; // + "RV", length, checksum byte
  const head = Buffer.concat([Buffer.from([0x82, id.length & 0xff, id.length >> 8]), id, Buffer.from([0x90, roLen & 0xff, roLen >> 8]), ro, Buffer.from('RV', 'latin1'), Buffer.from([1])]);
  const sum = head.reduce((a, x) => (a + x) & 0xff, 0);
  return Buffer.concat([head, Buffer.from([(0x100 - sum) & 0xff, 0x78])]);
}
