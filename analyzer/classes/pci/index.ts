import type { AnalyzerClass } from '../../load/types.js';
import { recordLink } from './config-facts.js';
import { pciFacts } from './facts.js';
import { pciLoader } from './loader.js';
import { nameFromLspciText, namePciDevices } from './pci-names.js';
import { pciTables } from './tables.js';

export const pci: AnalyzerClass = {
  name: 'pci',
  loaders: [pciLoader],
  facts: [pciFacts],
  tables: pciTables,
  // A rule test's `links` of a device are its pci_links rows.
  ruleTestFacts: (_t, sink, devices) => {
    for (const d of devices) {
      for (const l of d.links ?? []) {
        recordLink(sink, { deviceKey: d.key, source: l.source ?? 'config', speedGts: l.speed_gts ?? null, width: l.width ?? null, maxSpeedGts: l.max_speed_gts ?? null, maxWidth: l.max_width ?? null });
      }
    }
  },
  nameDevices: (db, bundleId, artifact) => {
    namePciDevices(db, bundleId, artifact);
    nameFromLspciText(db, bundleId);
  },
  inventory: { pci: { role: 'device', location: 'address' } },
};
