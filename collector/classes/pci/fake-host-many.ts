import type { ManyDevices } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';
import { buildConfigSpace, type PcieSpec } from './fake-host-config-image.js';
import { buildVpd, writePciFunction, type PciFunction } from './fake-host-function.js';

/** An adapter model of the many-devices trees: its ids, driver, link and what its config space and VPD hold. */
interface Model {
  ids: Pick<PciFunction, 'vendor' | 'device' | 'subVendor' | 'subDevice' | 'classCode' | 'revision' | 'driver' | 'module' | 'link'>;
  config: Buffer;
  vpd?: Buffer;
  /** Function 0 of each slot is an SR-IOV physical function with these VFs. */
  sriov?: PciFunction['sriov'];
}

function model(ids: Model['ids'], o: { vpd?: Buffer; sriov?: PciFunction['sriov']; msix: number; maxPayload: PcieSpec['maxPayload']; ari?: boolean }): Model {
  const l = ids.link!;
  const config = buildConfigSpace({
    vendor: ids.vendor, device: ids.device, subVendor: ids.subVendor, subDevice: ids.subDevice, classCode: ids.classCode, revision: ids.revision, vpd: o.vpd !== undefined,
    msix: { size: o.msix }, pcie: { speed: l.speed, width: l.width, maxSpeed: l.maxSpeed, maxWidth: l.maxWidth, maxPayload: o.maxPayload }, aer: {},
    ...(o.ari ? { ari: { next: 0 }, secondaryPcie: l.maxWidth } : {}),
  });
  return { ids, config, vpd: o.vpd, sriov: o.sriov };
}

let models: Model[] | undefined;
/** A ConnectX-6 Dx (VPD, SR-IOV) and an X710, built once: every function of a model shares its config image. */
function adapterModels(): Model[] {
  models ??= [
    model(
      { vendor: 0x15b3, device: 0x101d, subVendor: 0x15b3, subDevice: 0x0016, classCode: 0x020000, revision: 0, driver: 'mlx5_core', module: 'mlx5_core', link: { speed: '16.0', width: 16, maxSpeed: '16.0', maxWidth: 16 } },
      { vpd: buildVpd('Synthetic adapter', [['PN', 'SYN-0001'], ['SN', 'SYN000000001']]), sriov: { total: 8, num: 0, offset: 2, stride: 1, vfDevice: 0x101e }, msix: 64, maxPayload: 512, ari: true },
    ),
    model(
      { vendor: 0x8086, device: 0x1572, subVendor: 0x8086, subDevice: 0x0001, classCode: 0x020000, revision: 2, driver: 'i40e', module: 'i40e', link: { speed: '8.0', width: 8, maxSpeed: '8.0', maxWidth: 8 } },
      { msix: 64, maxPayload: 256 },
    ),
  ];
  return models;
}

/**
 * Many PCI functions, eight to a slot, 1,024 to a PCI domain from domain 0001 (buses 40-bf, each its own host bridge);
 * the model of each slot is the seed's turn through the adapter models.
 */
export const pciMany: ManyDevices = {
  class: 'pci',
  noun: 'PCI functions',
  counted: ['pci'],
  write(tree: FakeTree, count: number, at): string[] {
    const written: string[] = [];
    const all = adapterModels();
    for (let i = 0; i < count; i++) {
      const m = all[(at.seed + (i >> 3)) % all.length]!;
      const domain = (1 + (i >> 10)).toString(16).padStart(4, '0');
      const bus = (0x40 + ((i >> 3) & 0x7f)).toString(16).padStart(2, '0');
      const bdf = `${domain}:${bus}:00.${i & 7}`;
      const path = `sys/devices/pci${domain}:${bus}/${bdf}`;
      writePciFunction(tree, {
        ...m.ids, bdf, path, iommuGroup: i, numa: 0, cpulist: '0-15', irq: 16, aer: {}, config: m.config, vpd: m.vpd,
        sriov: i % 8 === 0 ? m.sriov : undefined,
      });
      written.push(path);
    }
    return written;
  },
};
