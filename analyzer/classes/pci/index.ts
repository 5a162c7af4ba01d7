import type { AnalyzerClass } from '../../load/types.js';
import { pciFacts } from './facts.js';
import { pciLoader } from './loader.js';
import { pciTables } from './tables.js';

export const pci: AnalyzerClass = { name: 'pci', loaders: [pciLoader], facts: [pciFacts], tables: pciTables, inventory: { pci: { role: 'device', location: 'address' } } };
