import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';
import type { SosCorpusPart } from '../import/sos-corpus-part.js';

export const nvmeSosCorpus: SosCorpusPart = {
  corpora: [new URL('./fixtures/real/', import.meta.url)],
  tools: ['nvme'],
  required: ['nvme'],
  // sos's nvme plugin runs id-ctrl -H and fw-log on each controller, as text.
  sosCommand(_tool, savedAs, text) {
    const c = savedNvmeCommand(savedAs, text);
    if (!c || !['id-ctrl', 'fw-log'].includes(c.argv[1]!) || c.argv.some((w) => w === 'json')) return undefined;
    return { plugin: 'nvme', argv: c.argv[1] === 'id-ctrl' ? ['nvme', 'id-ctrl', '-H', c.argv[2]!] : ['nvme', 'fw-log', c.argv[2]!] };
  },
};
