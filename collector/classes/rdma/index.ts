import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { redaction } from './redaction.js';
import { ibstatArgs, ibvDevinfoArgs, savedIbstatArgv, savedIbvDevinfoArgv } from './saved.js';

export const rdma: CollectorClass = {
  name: 'rdma', sources: [source], redaction,
  // Saved verbs tools' outputs (replayed, never run: sysfs holds what they print).
  commands: {
    ibv_devinfo: { replay: ibvDevinfoArgs, saved: (n) => savedIbvDevinfoArgv(n) !== undefined, standsFor: savedIbvDevinfoArgv },
    ibstat: { replay: ibstatArgs, saved: (n) => savedIbstatArgv(n) !== undefined, standsFor: savedIbstatArgv },
  },
  imports: { commands: { ibv_devinfo: {}, ibstat: {} }, sosPlugins: ['infiniband'] },
};
