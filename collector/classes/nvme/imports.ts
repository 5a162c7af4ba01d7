import type { ClassImports } from '../../source.js';

/** Per-controller outputs the source reads from a tree; `nvme list` and the like are stored by the import itself. */
const DEVICE_READS = new Set(['id-ctrl', 'id-ns', 'fw-log', 'smart-log', 'error-log']);

export const imports: ClassImports = {
  commands: { nvme: { readFromTree: (a) => DEVICE_READS.has(a[0] ?? '') } },
  sosPlugins: ['nvme'],
  supportconfigTopics: ['nvme.txt'],
  reportTools: ['nvme'],
};
