import type { AnalyzerClass } from '../../load/types.js';
import { scsiFacts } from './facts.js';
import { scsiLoader } from './loader.js';
import { lsscsiLoader } from './lsscsi-loader.js';
import { sdparmLoader } from './sdparm-loader.js';
import { sgInqLoader } from './sg-inq-loader.js';
import { sgVpdLoader } from './sg-vpd-loader.js';

export const scsi: AnalyzerClass = {
  name: 'scsi',
  loaders: [scsiLoader, lsscsiLoader, sgInqLoader, sgVpdLoader, sdparmLoader],
  facts: [scsiFacts],
  inventory: { scsi: { role: 'device' }, sas_phy: { role: 'part' } },
};
