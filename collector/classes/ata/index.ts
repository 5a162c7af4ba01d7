import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source } from './source.js';
import { savedSmartctlArgv, source as smartctl } from './smartctl-source.js';
import { savedHdparmArgv, source as hdparm } from './hdparm-source.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';

export const ata: CollectorClass = { name: 'ata', imports, sources: [source, smartctl, hdparm], redaction,
  commands: {
    ...commands,
    smartctl: { ...commands.smartctl, saved: (n) => savedSmartctlArgv(n) !== undefined, standsFor: savedSmartctlArgv },
    hdparm: { ...commands.hdparm, saved: (n) => savedHdparmArgv(n) !== undefined, standsFor: savedHdparmArgv },
  },
  aliases: ['storage'] };
