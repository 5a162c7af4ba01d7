import { PciIds } from '../../../analyzer/classes/pci/pci-ids.js';
import { PCI_IDS } from '../../../analyzer/classes/pci/pci-names.js';
import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import { resolveVendorFile } from '../../../analyzer/vendor-data/vendor-data.js';
import type { Allocator, FakeHostPart, PciAddOn } from '../../fake-host/part.js';
import { firmwareRows } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';
import { buildConfigSpace } from './fake-host-config-image.js';
import { pciMany } from './fake-host-many.js';
import { AER_CORRECTABLE, AER_UNCORRECTABLE, buildVpd, writePciFunction, type PciLink } from './fake-host-function.js';

const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}\n`;

/** The vendor of a description that names none: Red Hat's (QEMU's devices), which no rule selects; 0xffff would read as no device. */
const UNNAMED_VENDOR = 0x1b36;

const AER_FILES: Record<string, { names: string[]; total: string }> = {
  dev_correctable: { names: AER_CORRECTABLE, total: 'TOTAL_ERR_COR' },
  dev_fatal: { names: AER_UNCORRECTABLE, total: 'TOTAL_ERR_FATAL' },
  dev_nonfatal: { names: AER_UNCORRECTABLE, total: 'TOTAL_ERR_NONFATAL' },
};

/** An aer_dev_* file: one "<name> <count>" line per error, then the total; a total larger than the counts given goes to the first error. */
export function aerCounters(file: string, counts: Readonly<Record<string, number>>): string {
  const { names, total } = AER_FILES[file]!;
  const c = { ...counts };
  const sum = names.reduce((a, n) => a + (c[n] ?? 0), 0);
  if (c[total] !== undefined && c[total] > sum) c[names[0]!] = (c[names[0]!] ?? 0) + c[total] - sum;
  return `${[...names.map((n) => `${n} ${c[n] ?? 0}`), `${total} ${c[total] ?? sum}`].join('\n')}\n`;
}

/** `8` → `8.0`, `2.5` → `2.5`: the spelling of the kernel's `current_link_speed` ("8.0 GT/s PCIe"). */
const gts = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n));

/**
 * PCI functions: /sys/devices/pci0000:00/[<parent>/]<bdf> with its id attributes, driver link, AER counter files,
 * link attributes, and for a described config-space link a configuration space image with its PCI Express
 * capability; listed in /sys/bus/pci/devices. Settings and firmware rows of other classes' tools come from their
 * add-ons (mlx5: mstconfig, mstflint).
 */
let pciIds: PciIds | undefined;
/** What the pci.ids an analysis of a fake host uses (no copy in the bundle: the pinned or the system one) names a function. */
function pciIdsModel(d: RuleTestDevice): string | undefined {
  if (d.vendor_id === undefined) return undefined;
  if (!pciIds) {
    const { data, use } = resolveVendorFile(PCI_IDS);
    pciIds = PciIds.fromText(data?.toString('utf8') ?? '', use.path ?? 'none');
  }
  const n = pciIds.lookup({ vendorId: d.vendor_id, deviceId: d.device_id ?? null, subsystemVendorId: d.subsystem_vendor_id ?? null, subsystemDeviceId: d.subsystem_device_id ?? null });
  return n.vendor && n.device ? `${n.vendor} ${n.device}` : undefined;
}

export function pciPart(addOns: readonly PciAddOn[]): FakeHostPart {
  const addOnFor = (d: RuleTestDevice): PciAddOn[] => addOns.filter((a) => d.settings?.some((s) => a.ownsSetting(s.namespace)) || firmwareRows(d).some((f) => a.ownsFirmware(f.component)));
  return {
    classes: ['pci'],
    pciFunctions: true,
    many: pciMany,
    unsupported(d) {
      const own = (d.settings ?? []).filter((s) => !addOns.some((a) => a.ownsSetting(s.namespace)));
      const bad = own.filter((s) => s.namespace !== 'aer' || !AER_FILES[s.key.split('.')[0]!] || typeof s.value !== 'number');
      if (bad.length) return `PCI settings (${[...new Set(bad.map((s) => `${s.namespace}/${s.key}`))].join(', ')}) have no renderer`;
      const fw = firmwareRows(d).filter((f) => !addOns.some((a) => a.ownsFirmware(f.component)));
      if (fw.length) return `PCI firmware rows (${fw.map((f) => f.component).join(', ')}) come from no class's tool`;
      if ((d.links?.length ?? 0) > 1) return 'a PCI function has one link';
      if (d.model && d.model !== pciIdsModel(d)) return 'a PCI model name comes from pci.ids, not from the host (and this one is not what it names these ids)';
      for (const a of addOnFor(d)) {
        const why = a.unsupported(d);
        if (why) return why;
      }
      return undefined;
    },
    render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
      const bdf = names.bdf(d.key);
      if (d.parent_key) names.placeBelow(bdf, names.bdf(d.parent_key));
      const dir = names.pciDir(bdf);
      const vendor = d.vendor_id ?? addOnFor(d).find((a) => a.vendor !== undefined)?.vendor ?? UNNAMED_VENDOR;
      const device = d.device_id ?? 0xffff;
      tree.file(`${dir}/vendor`, hex4(vendor));
      tree.file(`${dir}/device`, hex4(device));
      tree.file(`${dir}/subsystem_vendor`, hex4(d.subsystem_vendor_id ?? 0));
      tree.file(`${dir}/subsystem_device`, hex4(d.subsystem_device_id ?? 0));
      const classCode = d.class_code ?? 0x010802;
      tree.file(`${dir}/class`, `0x${classCode.toString(16).padStart(6, '0')}\n`);
      if (d.driver) {
        tree.link(`${dir}/driver`, `${'../'.repeat(dir.split('/').length - 1)}bus/pci/drivers/${d.driver}`);
        tree.link(`sys/bus/pci/drivers/${d.driver}/${bdf}`, `../../../../${dir.slice('sys/'.length)}`);
      }
      const link = d.links?.[0];
      if (link && (link.source ?? 'config') === 'config') {
        tree.file(`${dir}/config`, buildConfigSpace({
          vendor, device, subVendor: d.subsystem_vendor_id, subDevice: d.subsystem_device_id, classCode,
          pcie: { speed: gts(link.speed_gts ?? 0), width: link.width ?? 0, maxSpeed: gts(link.max_speed_gts ?? 0), maxWidth: link.max_width ?? 0 },
        }));
      } else if (link) {
        if (link.speed_gts !== undefined) tree.file(`${dir}/current_link_speed`, `${gts(link.speed_gts)} GT/s PCIe\n`);
        if (link.width !== undefined) tree.file(`${dir}/current_link_width`, `${link.width}\n`);
        if (link.max_speed_gts !== undefined) tree.file(`${dir}/max_link_speed`, `${gts(link.max_speed_gts)} GT/s PCIe\n`);
        if (link.max_width !== undefined) tree.file(`${dir}/max_link_width`, `${link.max_width}\n`);
      }
      const aer = new Map<string, Record<string, number>>();
      for (const s of d.settings ?? []) {
        if (s.namespace !== 'aer') continue;
        const [file, name] = [s.key.slice(0, s.key.indexOf('.')), s.key.slice(s.key.indexOf('.') + 1)];
        aer.set(file, { ...(aer.get(file) ?? {}), [name]: s.value as number });
      }
      for (const [file, counts] of aer) tree.file(`${dir}/aer_${file}`, aerCounters(file, counts));
      tree.link(`sys/bus/pci/devices/${bdf}`, `../../../${dir.slice('sys/'.length)}`);
      for (const a of addOnFor(d)) a.render(tree, d, bdf);
      return bdf;
    },
  };
}

/** The shared fake host's CPU lists per NUMA node. */
export const CPULIST0 = '0-1';
export const CPULIST1 = '2-3';

/** A Sky Lake-E PCIe root port (8086:2030) at the top of its own host bridge, leading to bus `secondary`. */
function rootPort(tree: FakeTree, bus: string, secondary: string, link: PciLink, slot: number): void {
  const bdf = `0000:${bus}:00.0`;
  const sec = parseInt(secondary, 16);
  writePciFunction(tree, {
    bdf, path: `sys/devices/pci0000:${bus}/${bdf}`, vendor: 0x8086, device: 0x2030, subVendor: 0x1028, subDevice: 0x0715, classCode: 0x060400,
    revision: 0x04, driver: 'pcieport', iommuGroup: sec - 1, numa: sec >= 0x80 ? 1 : 0, cpulist: sec >= 0x80 ? CPULIST1 : CPULIST0, irq: 26,
    link, aer: {}, rootPortAer: true,
    config: buildConfigSpace({
      vendor: 0x8086, device: 0x2030, classCode: 0x060400, revision: 0x04, bridge: { primary: parseInt(bus, 16), secondary: sec, subordinate: sec },
      msi: true, pcie: { type: 4, speed: link.speed, width: link.width, maxSpeed: link.maxSpeed, maxWidth: link.maxWidth, maxPayload: 256, slot, aspm: 2 },
      aer: {}, secondaryPcie: link.maxWidth,
    }),
  });
  tree.attrs(`sys/devices/pci0000:${bus}/${bdf}`, { secondary_bus_number: String(sec), subordinate_bus_number: String(sec) });
}

/**
 * The shared fake host's PCI functions (a Dell PowerEdge R740): host bridge, AHCI controller, three root ports and
 * behind them a dual-port ConnectX-6 Dx (SR-IOV capable, VPD), an X710 (VPD) and a Samsung PM9A3 NVMe drive.
 */
export function fakehostPci(tree: FakeTree): void {
  rootPort(tree, '3a', '3b', { speed: '16.0', width: 16, maxSpeed: '16.0', maxWidth: 16 }, 2);
  rootPort(tree, '5d', '5e', { speed: '8.0', width: 8, maxSpeed: '8.0', maxWidth: 8 }, 4);
  rootPort(tree, 'ae', 'af', { speed: '16.0', width: 4, maxSpeed: '16.0', maxWidth: 4 }, 6);
  const hostBridge = '0000:00:00.0';
  writePciFunction(tree, {
    bdf: hostBridge, path: `sys/devices/pci0000:00/${hostBridge}`, vendor: 0x8086, device: 0x2020, subVendor: 0x1028, subDevice: 0x0715,
    classCode: 0x060000, revision: 0x04, iommuGroup: 0, numa: 0, cpulist: CPULIST0, irq: 0,
    config: buildConfigSpace({ vendor: 0x8086, device: 0x2020, subVendor: 0x1028, subDevice: 0x0715, classCode: 0x060000, revision: 0x04, command: 0x0000, interruptPin: 0, pcie: { type: 9, speed: '2.5', width: 0, maxSpeed: '2.5', maxWidth: 0, maxPayload: 128 }, aer: {} }),
  });
  const ahci = '0000:00:17.0';
  writePciFunction(tree, {
    bdf: ahci, path: `sys/devices/pci0000:00/${ahci}`, vendor: 0x8086, device: 0xa352, subVendor: 0x1028, subDevice: 0x0715,
    classCode: 0x010601, revision: 0x09, driver: 'ahci', module: 'ahci', iommuGroup: 25, numa: 0, cpulist: CPULIST0, irq: 34,
    config: buildConfigSpace({
      vendor: 0x8086, device: 0xa352, subVendor: 0x1028, subDevice: 0x0715, classCode: 0x010601, revision: 0x09, size: 256,
      bars: [{ index: 5, value: 0x92d00000 }], msi: true, sata: true,
    }),
  });
  for (const fn of [0, 1]) {
    const bdf = `0000:3b:00.${fn}`;
    const sriov = fn === 0 ? { total: 8, num: 0, offset: 2, stride: 1, vfDevice: 0x101e } : undefined;
    writePciFunction(tree, {
      bdf, path: `sys/devices/pci0000:3a/0000:3a:00.0/${bdf}`, vendor: 0x15b3, device: 0x101d, subVendor: 0x15b3, subDevice: 0x0016,
      classCode: 0x020000, revision: 0x00, driver: 'mlx5_core', module: 'mlx5_core', iommuGroup: 40 + fn, numa: 0, cpulist: CPULIST0, irq: 16,
      link: { speed: '16.0', width: 16, maxSpeed: '16.0', maxWidth: 16 }, sriov, aer: { correctable: fn === 0 ? { BadTLP: 2, RxErr: 1 } : {} },
      config: buildConfigSpace({
        vendor: 0x15b3, device: 0x101d, subVendor: 0x15b3, subDevice: 0x0016, classCode: 0x020000, revision: 0x00, multiFunction: true,
        bars: [{ index: 0, value: 0x0000000c }, { index: 1, value: 0x000038ff }], vpd: true, msix: { size: 64 }, vendorCap: 0x18,
        pcie: { speed: '16.0', width: 16, maxSpeed: '16.0', maxWidth: 16, maxPayload: 512 }, aer: { correctable: fn === 0 }, ari: { next: fn === 0 ? 1 : 0 },
        sriov, secondaryPcie: 16, dsn: 0xb83fd20300a1b2c0n,
      }),
      vpd: buildVpd('Nvidia ConnectX-6 Dx EN adapter card, 100GbE, Dual-port QSFP56, PCIe 4.0 x16, No Crypto', [
        ['PN', 'MCX623106AN-CDAT'], ['EC', 'AB'], ['V2', 'MCX623106AN-CDAT'], ['SN', 'MT2231X12345'], ['V3', '8a3c1e2f9b77ec1180006cb311a1b2c0'],
        ['VA', 'MLX:MN=MLNX:CSKU=V2:UUID=V3:PCI=V0:MODL=CX623106A'], ['V0', 'PCIeGen4 x16'], ['VU', `MT2231X12345MLNXS0D0F${fn}`],
      ]),
    });
  }
  const x710 = '0000:5e:00.0';
  writePciFunction(tree, {
    bdf: x710, path: `sys/devices/pci0000:5d/0000:5d:00.0/${x710}`, vendor: 0x8086, device: 0x1572, subVendor: 0x8086, subDevice: 0x0007,
    classCode: 0x020000, revision: 0x02, driver: 'i40e', module: 'i40e', iommuGroup: 60, numa: 0, cpulist: CPULIST0, irq: 17,
    link: { speed: '8.0', width: 8, maxSpeed: '8.0', maxWidth: 8 }, aer: {},
    config: buildConfigSpace({
      vendor: 0x8086, device: 0x1572, subVendor: 0x8086, subDevice: 0x0007, classCode: 0x020000, revision: 0x02,
      bars: [{ index: 0, value: 0xab00000c }, { index: 3, value: 0xac80000c }], msi: true, msix: { size: 129 }, vpd: true,
      pcie: { speed: '8.0', width: 8, maxSpeed: '8.0', maxWidth: 8, maxPayload: 256, aspm: 3 }, aer: {}, ari: { next: 0 }, dsn: 0x3cfdfeffff9a1b40n, secondaryPcie: 8,
    }),
    vpd: buildVpd('Intel(R) Ethernet Converged Network Adapter X710-2', [['PN', 'X710DA2G1P5'], ['EC', 'K56876-007'], ['SN', '3CFDFE9A1B40'], ['V0', 'FFV20.0.12'], ['V1', 'FFV20.0.12']]),
  });
  const nvme = '0000:af:00.0';
  writePciFunction(tree, {
    bdf: nvme, path: `sys/devices/pci0000:ae/0000:ae:00.0/${nvme}`, vendor: 0x144d, device: 0xa80a, subVendor: 0x144d, subDevice: 0xa812,
    classCode: 0x010802, revision: 0x00, driver: 'nvme', module: 'nvme', iommuGroup: 80, numa: 1, cpulist: CPULIST1, irq: 18,
    link: { speed: '16.0', width: 4, maxSpeed: '16.0', maxWidth: 4 }, aer: {},
    config: buildConfigSpace({
      vendor: 0x144d, device: 0xa80a, subVendor: 0x144d, subDevice: 0xa812, classCode: 0x010802, revision: 0x00,
      bars: [{ index: 0, value: 0xc5e10004 }], msi: true, msix: { size: 130 },
      pcie: { speed: '16.0', width: 4, maxSpeed: '16.0', maxWidth: 4, maxPayload: 256, aspm: 2 }, aer: {}, dsn: 0x0025384500000001n, secondaryPcie: 4,
    }),
  });
}
