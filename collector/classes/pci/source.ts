import type { Source, SourceContext } from '../../source.js';
import { presentNames } from '../../sysfs-names.js';
import { CONFIG_SPACE_MAX, PCI_ASPM_ATTRIBUTES, PCI_LINKS, PCI_TEXT_ATTRIBUTES, VPD_MAX } from './attributes.js';

export const PCI_DEVICES = '/sys/bus/pci/devices';

function collectFunction(ctx: SourceContext, bdf: string): void {
  const dir = `${PCI_DEVICES}/${bdf}`;
  ctx.device('pci', bdf);
  ctx.collectLink(dir, { directory: true });
  const present = new Set(ctx.listDir(dir) ?? []);
  ctx.collectAttributes(dir, PCI_TEXT_ATTRIBUTES.filter((n) => present.has(n)));
  for (const link of PCI_LINKS) if (present.has(link)) ctx.collectLink(`${dir}/${link}`);
  if (present.has('config')) ctx.collectFile(`${dir}/config`, { maxBytes: CONFIG_SPACE_MAX });
  if (present.has('vpd')) ctx.collectFile(`${dir}/vpd`, { maxBytes: VPD_MAX });
  if (present.has('link')) ctx.collectAttributes(`${dir}/link`, presentNames(ctx, `${dir}/link`, PCI_ASPM_ATTRIBUTES));
}

/** Where distributions install pci.ids. */
export const PCI_IDS_PATHS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids', '/usr/local/share/pci.ids'] as const;
/**
 * Only the head of the host's pci.ids is stored (its `# Version:` line is in the first lines): the whole file
 * (~1.4 MB) would outweigh the rest of a bundle; the report compares the host's version with the one it used.
 */
const PCI_IDS_HEAD = 4096;

export const source: Source = {
  name: 'pci',
  description: 'every PCI function: ids, driver, NUMA node, IOMMU group, link speed and width, SR-IOV, AER counters, ASPM, config space, VPD; the host\'s pci.ids',
  collect(ctx) {
    if (!ctx.isDir(PCI_DEVICES)) ctx.skip('no PCI bus on this host');
    const functions = ctx.listDir(PCI_DEVICES) ?? [];
    if (functions.length === 0) ctx.skip('no PCI functions on this host');
    for (const bdf of functions) collectFunction(ctx, bdf);
    const ids = PCI_IDS_PATHS.find((p) => ctx.exists(p));
    if (ids) ctx.collectFile(ids, { maxBytes: PCI_IDS_HEAD });
  },
};
