import { asString, withJsonForm, type CorpusKindPart } from '../real-corpus/corpus-kind-part.js';

export const ataCorpusKinds: CorpusKindPart = {
  klass: 'ata',
  required: ['smartctl -x/-a — SATA', 'smartctl -x/-a — SAS/SCSI'],
  gaps: {},
  unlisted: [],
  // A SAS/SCSI drive's smartctl output: its truth's class is block.
  kinds: (_dir, p) =>
    p.tool !== 'smartctl' ? [`other — ata: ${asString(p.tool)}`]
    : p.truth?.class === 'block' ? withJsonForm('smartctl -x/-a — SAS/SCSI', p.format === 'json')
    : withJsonForm('smartctl -x/-a — SATA', p.format === 'json'),
};
