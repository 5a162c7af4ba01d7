import type { SosCorpusPart } from '../import/sos-corpus-part.js';

export const pciSosCorpus: SosCorpusPart = {
  corpora: [new URL('./fixtures/real-lspci/', import.meta.url)],
  tools: ['lspci'],
  required: ['lspci'],
  // sos's pci plugin runs `lspci -nnvv` whatever a person typed; the loader reads the text, not the options.
  sosCommand: () => ({ plugin: 'pci', argv: ['lspci', '-nnvv'] }),
  compared: ['SELECT device_key, max_speed_gts, max_width, speed_gts, width FROM pci_links ORDER BY 1, 2, 3, 4, 5'],
};
