import type { UpstreamSource } from '../../../rules/upstream/source.js';
import { generateLibataRules, libataRulesYaml } from './libata-rules.js';
import { LIBATA_FILE, readLibataTable, type LibataTable } from './libata-table.js';

export const libataQuirks: UpstreamSource<LibataTable> = {
  name: 'libata device quirks',
  files: [LIBATA_FILE],
  tableFile: 'ata/upstream/libata-quirks.json',
  rulesFile: 'ata/libata-quirks.yaml',
  extract: (tree) => readLibataTable(tree.read(LIBATA_FILE), tree.version),
  render: (t) => libataRulesYaml(t),
  describe(t) {
    const g = generateLibataRules(t);
    return { kernel: t.kernel, file: t.file, sha256: t.sha256, rows: t.entries.length, rules: g.rules.length, unreachable: g.unreachable.length };
  },
};
