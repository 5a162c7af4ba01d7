import type { AnalyzerClass } from '../../load/types.js';
import { pciLoader } from './loader.js';

export const pci: AnalyzerClass = { name: 'pci', loaders: [pciLoader] };
