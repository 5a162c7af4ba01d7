/** One emulated device of the lab guest; each becomes QEMU arguments with real Linux drivers behind them. */
export type LabDevice =
  | { kind: 'pcie-root-port'; id: string; chassis: number; slot: number; speed?: '2_5' | '5' | '8' | '16'; width?: 1 | 2 | 4 | 8 | 16 | 32 }
  | { kind: 'nvme'; id: string; serial: string; bus?: string; sizeBytes?: number }
  /** sshPort: QEMU forwards 127.0.0.1:sshPort on the host to port 22 of the guest's 10.0.2.15 (the only way into a restricted user network). */
  | { kind: 'e1000e'; id: string; mac: string; bus?: string; sshPort?: number }
  /** A disk on one port of the q35 AHCI controller (bus ide.0 … ide.5); model ≤ 40 and firmware ≤ 8 characters. */
  | { kind: 'ata-disk'; id: string; port: number; model: string; firmware: string; serial: string; sizeBytes?: number }
  /** A SAS/RAID HBA QEMU emulates: `megasas` (LSI MegaRAID SAS 1078, megaraid_sas) or `mptsas1068` (LSI SAS 1068, mptsas). */
  | { kind: 'scsi-hba'; id: string; model: 'megasas' | 'mptsas1068'; bus?: string }
  /** A SCSI disk on an HBA with the INQUIRY strings it answers: vendor ≤ 8, product ≤ 16, revision ≤ 4 characters; wwn gives VPD 0x83 an NAA. */
  | { kind: 'scsi-disk'; id: string; hba: string; vendor: string; product: string; revision: string; serial: string; wwn?: string; sizeBytes?: number }
  /** A TPM 2.0 on the CRB interface (tpm_crb), backed by the swtpm whose control socket the harness started. */
  | { kind: 'tpm-crb'; id: string; socket: string }
  /**
   * QEMU's simulated BMC behind a KCS interface (ipmi_si): the Get Device ID answer it gives. ipmiVersion is the
   * spec's BCD byte (0x51 = 1.5, 0x02 = 2.0); fwrev2 is BCD too (0x40 = .40). QEMU keeps only the low 4 bits of deviceRev.
   */
  | { kind: 'ipmi-bmc'; id: string; ioport: number; deviceId: number; deviceRev: number; fwrev1: number; fwrev2: number; ipmiVersion: number; mfgId: number; productId: number; guid: string }
  /** A CXL host bridge (pxb-cxl) on the root complex, with a fixed memory window of windowGiB routed to it (needs `-M cxl=on`). */
  | { kind: 'cxl-host-bridge'; id: string; busNr: number; windowGiB: number }
  /**
   * A CXL type-3 memory device (cxl_pci, cxl_mem) behind a CXL root port of a host bridge: persistent memory and a
   * label storage area in host RAM. serial (hex) becomes its PCIe Device Serial Number; without one QEMU gives it no
   * DSN capability. Its FW Revision is QEMU's own, "BWFW VERSION 00".
   */
  | { kind: 'cxl-type3'; id: string; bridge: string; port: number; chassis: number; slot: number; serial?: string; sizeMiB?: number };

export interface GuestSpec {
  kernel: string;
  initramfs: string;
  /** Host directory shared read-write with the guest as /run/lab. */
  outDir: string;
  devices: readonly LabDevice[];
  memoryMiB?: number;
  cpus?: number;
  /** QEMU accelerator; TCG unless the caller knows KVM works. */
  accel?: string;
  /** The guest powers itself off after this many seconds, even if nobody is left to kill QEMU. */
  deadlineSeconds?: number;
  /** Host directories under a path the guest covers with tmpfs (/tmp…) that must stay visible there. */
  expose?: readonly string[];
  /**
   * Boot through UEFI: OVMF's code (read-only) and a writable copy of its variable store as the two flash chips;
   * the kernel is still loaded by QEMU (-kernel), and OVMF starts it through its EFI stub. Without it: SeaBIOS.
   */
  uefi?: { code: string; vars: string };
}

const DEFAULT_DISK_BYTES = 1024 * 1024 * 1024;

/** QEMU's option syntax separates properties with commas; a comma inside a value is doubled. */
export function optionValue(v: string | number): string {
  const s = String(v);
  if (/[\n\r]/.test(s)) throw new Error(`QEMU option value contains a line break: ${JSON.stringify(s)}`);
  return s.replace(/,/g, ',,');
}

function props(head: string, p: Record<string, string | number | undefined>): string {
  return [head, ...Object.entries(p).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${optionValue(v!)}`)].join(',');
}

/** A zero-reading null block device: drivers see a disk, no file is needed. */
function nullDisk(node: string, size: number): string[] {
  return ['-blockdev', props('driver=null-co', { 'node-name': node, size, 'read-zeroes': 'on' })];
}

export function deviceArgs(d: LabDevice): string[] {
  switch (d.kind) {
    case 'pcie-root-port':
      return ['-device', props('pcie-root-port', { id: d.id, bus: 'pcie.0', chassis: d.chassis, slot: d.slot, 'x-speed': d.speed, 'x-width': d.width })];
    case 'nvme':
      return [...nullDisk(`${d.id}-disk`, d.sizeBytes ?? DEFAULT_DISK_BYTES), '-device', props('nvme', { id: d.id, serial: d.serial, drive: `${d.id}-disk`, bus: d.bus })];
    case 'e1000e':
      return ['-netdev', props('user', { id: `${d.id}-net`, restrict: 'on', hostfwd: d.sshPort === undefined ? undefined : `tcp:127.0.0.1:${d.sshPort}-10.0.2.15:22` }), '-device', props('e1000e', { id: d.id, netdev: `${d.id}-net`, mac: d.mac, bus: d.bus })];
    case 'ata-disk':
      if (d.port < 0 || d.port > 5) throw new Error(`ATA disk ${d.id}: port ${d.port} does not exist (q35 AHCI has ports 0–5)`);
      if (d.model.length > 40) throw new Error(`ATA disk ${d.id}: model ${JSON.stringify(d.model)} is longer than IDENTIFY's 40 characters`);
      if (d.firmware.length > 8) throw new Error(`ATA disk ${d.id}: firmware ${JSON.stringify(d.firmware)} is longer than IDENTIFY's 8 characters`);
      return [
        ...nullDisk(`${d.id}-disk`, d.sizeBytes ?? DEFAULT_DISK_BYTES),
        '-device', props('ide-hd', { id: d.id, bus: `ide.${d.port}`, drive: `${d.id}-disk`, model: d.model, ver: d.firmware, serial: d.serial }),
      ];
    case 'scsi-hba':
      return ['-device', props(d.model, { id: d.id, bus: d.bus })];
    case 'scsi-disk':
      for (const [field, value, max] of [['vendor', d.vendor, 8], ['product', d.product, 16], ['revision', d.revision, 4]] as const) {
        if (value.length > max) throw new Error(`SCSI disk ${d.id}: ${field} ${JSON.stringify(value)} is longer than INQUIRY's ${max} characters`);
      }
      return [
        ...nullDisk(`${d.id}-disk`, d.sizeBytes ?? DEFAULT_DISK_BYTES),
        '-device', props('scsi-hd', { id: d.id, bus: `${d.hba}.0`, drive: `${d.id}-disk`, vendor: d.vendor, product: d.product, ver: d.revision, serial: d.serial, wwn: d.wwn }),
      ];
    case 'tpm-crb':
      if (!d.socket) throw new Error(`TPM ${d.id}: no swtpm control socket`);
      return [
        '-chardev', props('socket', { id: `${d.id}-chr`, path: d.socket }),
        '-tpmdev', props('emulator', { id: `${d.id}-be`, chardev: `${d.id}-chr` }),
        '-device', props('tpm-crb', { id: d.id, tpmdev: `${d.id}-be` }),
      ];
    case 'cxl-host-bridge':
      return ['-device', props('pxb-cxl', { id: d.id, bus_nr: d.busNr, bus: 'pcie.0' })];
    case 'cxl-type3': {
      // CXL capacity comes in multiples of 256 MiB (CXL 2.0 8.2.9.5); the backends stay unallocated until the guest writes.
      const size = d.sizeMiB ?? 256;
      if (size % 256 !== 0) throw new Error(`CXL memory device ${d.id}: ${size} MiB is not a multiple of 256 MiB`);
      return [
        '-object', props('memory-backend-ram', { id: `${d.id}-mem`, size: `${size}M` }),
        '-object', props('memory-backend-ram', { id: `${d.id}-lsa`, size: '1M' }),
        '-device', props('cxl-rp', { id: `${d.id}-rp`, bus: d.bridge, port: d.port, chassis: d.chassis, slot: d.slot }),
        '-device', props('cxl-type3', { id: d.id, bus: `${d.id}-rp`, memdev: `${d.id}-mem`, lsa: `${d.id}-lsa`, sn: d.serial }),
      ];
    }
    case 'ipmi-bmc':
      return [
        '-device', props('ipmi-bmc-sim', { id: d.id, device_id: d.deviceId, device_rev: d.deviceRev, fwrev1: d.fwrev1, fwrev2: d.fwrev2, ipmi_version: d.ipmiVersion, mfg_id: d.mfgId, product_id: d.productId, guid: d.guid }),
        '-device', props('isa-ipmi-kcs', { id: `${d.id}-kcs`, bmc: d.id, ioport: d.ioport }),
      ];
  }
}

/** The whole QEMU command line (without the binary): q35, serial console on stdio, no default devices. */
export function qemuArgs(g: GuestSpec): string[] {
  const ids = new Set<string>();
  for (const d of g.devices) {
    if (ids.has(d.id)) throw new Error(`two lab devices have the id ${JSON.stringify(d.id)}`);
    ids.add(d.id);
  }
  const cxlBridges = g.devices.filter((d): d is Extract<LabDevice, { kind: 'cxl-host-bridge' }> => d.kind === 'cxl-host-bridge');
  return [
    '-machine', cxlBridges.length ? 'q35,cxl=on' : 'q35',
    '-accel', g.accel ?? 'tcg',
    '-m', String(g.memoryMiB ?? 1536),
    '-smp', String(g.cpus ?? 2),
    '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot',
    '-serial', 'stdio', '-monitor', 'none',
    ...(g.uefi ? ['-drive', props('if=pflash', { format: 'raw', unit: 0, readonly: 'on', file: g.uefi.code }), '-drive', props('if=pflash', { format: 'raw', unit: 1, file: g.uefi.vars })] : []),
    '-kernel', g.kernel,
    '-initrd', g.initramfs,
    // mitigations=off: page-table isolation alone makes every syscall a TLB flush, which TCG pays dearly for.
    '-append', `console=ttyS0 panic=-1 quiet loglevel=4 mitigations=off cryptomgr.notests fwsnap_lab.deadline=${Math.ceil(g.deadlineSeconds ?? 600)}${(g.expose ?? []).map((d) => ` fwsnap_lab.expose=${d}`).join('')}`,
    '-virtfs', props('local', { path: '/', mount_tag: 'hostroot', security_model: 'none', readonly: 'on', multidevs: 'remap' }),
    '-virtfs', props('local', { path: g.outDir, mount_tag: 'labout', security_model: 'none', multidevs: 'remap' }),
    ...g.devices.flatMap(deviceArgs),
    ...cxlBridges.flatMap((b, i) => ['-M', `cxl-fmw.${i}.targets.0=${optionValue(b.id)},cxl-fmw.${i}.size=${b.windowGiB}G`]),
  ];
}
