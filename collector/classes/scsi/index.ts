import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { redaction } from './redaction.js';
import { lsscsiArgs, savedLsscsiArgv } from './saved-lsscsi.js';
import { savedSdparmArgv, sdparmArgs } from './saved-sdparm.js';
import { savedSgInqArgv, sgInqArgs } from './saved-sg-inq.js';
import { savedSgVpdArgv, sgVpdArgs } from './saved-sg-vpd.js';
import { source } from './source.js';
import { lsscsiShape, sgInqUnnamed } from './output-shape.js';

export const scsi: CollectorClass = {
  name: 'scsi', imports, sources: [source], redaction,
  // A saved sg_inq output (replayed, never run: sysfs holds the INQUIRY and VPD pages the kernel read).
  // Saved sg_vpd, sdparm and lsscsi outputs likewise (lsscsi's listing where the tree has no sysfs of the devices).
  commands: {
    sg_inq: { replay: sgInqArgs, saved: (n) => savedSgInqArgv(n) !== undefined, standsFor: savedSgInqArgv, unnamed: sgInqUnnamed },
    sg_vpd: { replay: sgVpdArgs, saved: (n) => savedSgVpdArgv(n) !== undefined, standsFor: savedSgVpdArgv },
    sdparm: { replay: sdparmArgs, saved: (n) => savedSdparmArgv(n) !== undefined, standsFor: savedSdparmArgv },
    lsscsi: { replay: lsscsiArgs, saved: (n) => savedLsscsiArgv(n) !== undefined, standsFor: savedLsscsiArgv, shape: lsscsiShape },
  },
};
