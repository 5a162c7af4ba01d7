import { asString, withJsonForm, type CorpusKindPart, type Provenance } from '../real-corpus/corpus-kind-part.js';

function nvmeKinds(p: Provenance): string[] {
  const json = p.format === 'json';
  // smartctl of NVMe drives (the ata class's tool; its SATA outputs are in test/ata).
  if (p.tool === 'smartctl') return withJsonForm('smartctl -x/-a — NVMe', json);
  const saved = asString(p.saved_as);
  if (saved.includes('fw-log')) return [json ? 'nvme fw-log -o json' : 'nvme fw-log, text'];
  if (json) return ['nvme id-ctrl -o json'];
  return [/\s-H\b/.test(asString(p.command)) ? 'nvme id-ctrl -H' : 'nvme id-ctrl, text'];
}

export const nvmeCorpusKinds: CorpusKindPart = {
  klass: 'nvme',
  required: ['nvme id-ctrl, text', 'nvme id-ctrl -H', 'nvme id-ctrl -o json', 'nvme fw-log, text', 'nvme fw-log -o json', 'smartctl -x/-a — NVMe'],
  gaps: {},
  unlisted: [],
  kinds: (_dir, p) => nvmeKinds(p),
};
