import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart, PciAddOn } from '../helpers/fake-host/part.js';
import { firmwareRows } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';
import { buildConfigSpace } from './config-image.js';

const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}\n`;

/** The vendor of a description that names none: Red Hat's (QEMU's devices), which no rule selects; 0xffff would read as no device. */
const UNNAMED_VENDOR = 0x1b36;

/** The error names of the kernel's aer_dev_* files (drivers/pci/pcie/aer.c aer_correctable_error_string, aer_uncorrectable_error_string). */
const AER_CORRECTABLE = ['RxErr', 'BadTLP', 'BadDLLP', 'Rollover', 'Timeout', 'NonFatalErr', 'CorrIntErr', 'HeaderOF'];
const AER_UNCORRECTABLE = ['Undefined', 'DLP', 'SDES', 'TLP', 'FCP', 'CmpltTO', 'CmpltAbrt', 'UnxCmplt', 'RxOF', 'MalfTLP', 'ECRC', 'UnsupReq', 'ACSViol', 'UncorrIntErr', 'BlockedTLP', 'AtomicOpBlocked', 'TLPBlockedErr', 'PoisonTLPBlocked'];
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
export function pciPart(addOns: readonly PciAddOn[]): FakeHostPart {
  const addOnFor = (d: RuleTestDevice): PciAddOn[] => addOns.filter((a) => d.settings?.some((s) => a.ownsSetting(s.namespace)) || firmwareRows(d).some((f) => a.ownsFirmware(f.component)));
  return {
    classes: ['pci'],
    unsupported(d) {
      const own = (d.settings ?? []).filter((s) => !addOns.some((a) => a.ownsSetting(s.namespace)));
      const bad = own.filter((s) => s.namespace !== 'aer' || !AER_FILES[s.key.split('.')[0]!] || typeof s.value !== 'number');
      if (bad.length) return `PCI settings (${[...new Set(bad.map((s) => `${s.namespace}/${s.key}`))].join(', ')}) have no renderer`;
      const fw = firmwareRows(d).filter((f) => !addOns.some((a) => a.ownsFirmware(f.component)));
      if (fw.length) return `PCI firmware rows (${fw.map((f) => f.component).join(', ')}) come from no class's tool`;
      if ((d.links?.length ?? 0) > 1) return 'a PCI function has one link';
      if (d.model) return 'a PCI model name comes from pci.ids, not from the host';
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
      tree.file(`${dir}/class`, '0x010802\n');
      if (d.driver) {
        tree.link(`${dir}/driver`, `${'../'.repeat(dir.split('/').length - 1)}bus/pci/drivers/${d.driver}`);
        tree.link(`sys/bus/pci/drivers/${d.driver}/${bdf}`, `../../../../${dir.slice('sys/'.length)}`);
      }
      const link = d.links?.[0];
      if (link && (link.source ?? 'config') === 'config') {
        tree.file(`${dir}/config`, buildConfigSpace({
          vendor, device, subVendor: d.subsystem_vendor_id, subDevice: d.subsystem_device_id, classCode: 0x010802,
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
