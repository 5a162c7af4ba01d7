import type { AnalyzerClass } from '../../load/types.js';
import { usbFacts } from './facts.js';
import { usbBcdScheme } from './bcd-scheme.js';
import { usbLoader } from './loader.js';

export const usb: AnalyzerClass = { name: 'usb', loaders: [usbLoader], facts: [usbFacts], schemes: { 'usb-bcd': usbBcdScheme } };
