import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { savedLspciArgv, source } from './source.js';
import { redaction } from './redaction.js';
import { lspciShape } from './output-shape.js';
import { udevadmWalkArgs } from './udevadm.js';

/** lspci output is only ever read from a captured tree or a report; the source reads sysfs on a live host. */
export const pci: CollectorClass = { name: 'pci', imports, sources: [source], redaction, commands: {
    lspci: { run: () => true, saved: (n) => savedLspciArgv(n) !== undefined, shape: lspciShape },
    udevadm: { replay: udevadmWalkArgs, saved: () => true },
  } };
