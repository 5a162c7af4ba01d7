import type { AnalyzerClass } from '../../load/types.js';
import { opaqueScheme } from '../../version/index.js';
import { ataFacts } from './facts.js';
import { ataInventory } from './inventory.js';
import { hdparmLoader } from './hdparm-loader.js';
import { ataLoader } from './loader.js';
import { smartctlLoader } from './smartctl-loader.js';
import { lsblkLoader } from './lsblk-loader.js';
import { driveListLoader } from './drive-list-loader.js';
import { lsscsiDrivesLoader } from './lsscsi-drives-loader.js';

export const ata: AnalyzerClass = { name: 'ata', loaders: [ataLoader, hdparmLoader, smartctlLoader, lsblkLoader, driveListLoader, lsscsiDrivesLoader], facts: [ataFacts], inventory: ataInventory,
  // IDENTIFY's 8-character firmware revision: a vendor string with no order.
  schemes: { ata: opaqueScheme },
  versionSchemes: { components: { ata: 'ata', sata: 'ata' }, drivers: { ahci: 'ata', ata_piix: 'ata', libata: 'ata' }, driverPatterns: [[/^[sp]ata_/, 'ata']] },
};
