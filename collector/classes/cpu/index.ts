import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source } from './source.js';
import { redaction } from './redaction.js';
import { savedLscpuArgv } from './saved.js';
import { lscpuShape } from './output-shape.js';

export const cpu: CollectorClass = {
  name: 'cpu', imports, sources: [source], redaction,
  // A saved lscpu (replayed, never run: the class reads /proc/cpuinfo itself).
  commands: { lscpu: { replay: (a) => a.length === 0, saved: (n) => savedLscpuArgv(n) !== undefined, shape: lscpuShape } },
};
