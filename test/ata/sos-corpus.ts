import { savedSmartctlArgv } from '../../collector/classes/ata/smartctl-source.js';
import type { SosCorpusPart } from '../import/sos-corpus-part.js';

export const ataSosCorpus: SosCorpusPart = {
  corpora: [new URL('./fixtures/real/', import.meta.url)],
  tools: ['smartctl'],
  required: ['smartctl'],
  // smartctl of any drive (the NVMe class's corpus holds NVMe drives' outputs): sos's nvme plugin runs it on NVMe
  // nodes, its ata plugin on the others; neither passes -d.
  sosCommand(_tool, savedAs, text) {
    const argv = savedSmartctlArgv(savedAs, text);
    if (!argv || argv.includes('-d') || argv.some((w) => w.startsWith('--device'))) return undefined;
    const dev = argv.at(-1)!;
    if (!dev.startsWith('/dev/')) return undefined;
    const json = argv.some((w) => w === '-j' || w.startsWith('--json') || /^-[a-z]*j/.test(w));
    return dev.startsWith('/dev/nvme')
      ? { plugin: 'nvme', argv: ['smartctl', '--all', dev, ...(json ? ['-j'] : [])] }
      : { plugin: 'ata', argv: ['smartctl', '-a', dev, ...(json ? ['-j'] : [])] };
  },
};
