import { asString, withJsonForm, type CorpusKindPart } from '../real-corpus/corpus-kind-part.js';

export const ataCorpusKinds: CorpusKindPart = {
  klass: 'ata',
  required: ['smartctl -x/-a — SATA'],
  gaps: {},
  unlisted: [],
  kinds: (_dir, p) => (p.tool === 'smartctl' ? withJsonForm('smartctl -x/-a — SATA', p.format === 'json') : [`other — ata: ${asString(p.tool)}`]),
};
