import { ataSosCorpus } from '../ata/sos-corpus.js';
import { mlx5SosCorpus } from '../mlx5/sos-corpus.js';
import { nicSosCorpus } from '../nic/sos-corpus.js';
import { nvmeSosCorpus } from '../nvme/sos-corpus.js';
import { pciSosCorpus } from '../pci/sos-corpus.js';
import type { SosCorpusPart } from './sos-corpus-part.js';

/** The classes whose real outputs a sosreport would hold, one line each (test/import/corpus-sos.test.ts). */
export const SOS_CORPUS_PARTS: SosCorpusPart[] = [
  nicSosCorpus,
  mlx5SosCorpus,
  nvmeSosCorpus,
  ataSosCorpus,
  pciSosCorpus,
];
