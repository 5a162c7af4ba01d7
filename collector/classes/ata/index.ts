import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source } from './source.js';
import { savedSmartctlArgv, source as smartctl } from './smartctl-source.js';
import { savedHdparmArgv, source as hdparm } from './hdparm-source.js';
import { savedLsblkArgv, source as lsblk } from './lsblk-source.js';
import { source as driveList } from './drive-list-source.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { hdparmShape, smartctlShape } from './output-shape.js';

/** smartctl on an NVMe namespace (`/dev/nvme1n1`) reads its controller, as the loader keys it: one command with `/dev/nvme1`. */
const smartctlStandsFor = (treeName: string, text?: string): string[] | undefined =>
  savedSmartctlArgv(treeName, text)?.map((w) => w.replace(/^\/dev\/(nvme\d+)(?:c\d+)?n\d+(?:p\d+)?$/, '/dev/$1'));

export const ata: CollectorClass = { name: 'ata', imports, sources: [source, smartctl, hdparm, lsblk, driveList], redaction,
  commands: {
    ...commands,
    smartctl: { ...commands.smartctl, saved: (n) => savedSmartctlArgv(n) !== undefined, standsFor: smartctlStandsFor, shape: smartctlShape },
    hdparm: { ...commands.hdparm, saved: (n) => savedHdparmArgv(n) !== undefined, standsFor: savedHdparmArgv, shape: hdparmShape },
    lsblk: { ...commands.lsblk, saved: (n) => savedLsblkArgv(n) !== undefined, standsFor: savedLsblkArgv },
  },
  aliases: ['storage'] };
