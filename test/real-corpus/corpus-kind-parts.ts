import { ataCorpusKinds } from '../ata/corpus-kinds.js';
import { mlx5CorpusKinds } from '../mlx5/corpus-kinds.js';
import { nicCorpusKinds } from '../nic/corpus-kinds.js';
import { nvmeCorpusKinds } from '../nvme/corpus-kinds.js';
import type { CorpusKindPart } from './corpus-kind-part.js';

/** The classes whose corpora issue 11 lists, one line each, in the order (docs/real-corpus.md). */
export const CORPUS_KIND_PARTS: CorpusKindPart[] = [
  nicCorpusKinds,
  mlx5CorpusKinds,
  nvmeCorpusKinds,
  ataCorpusKinds,
];
