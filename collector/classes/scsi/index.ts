import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { redaction } from './redaction.js';
import { savedSgInqArgv, sgInqArgs } from './saved-sg-inq.js';
import { source } from './source.js';

export const scsi: CollectorClass = {
  name: 'scsi', imports, sources: [source], redaction,
  // A saved sg_inq output (replayed, never run: sysfs holds the INQUIRY and VPD pages the kernel read).
  commands: { sg_inq: { replay: sgInqArgs, saved: (n) => savedSgInqArgv(n) !== undefined, standsFor: savedSgInqArgv } },
};
