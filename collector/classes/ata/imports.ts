import type { ClassImports } from '../../source.js';
import { smartctlArgs } from './commands.js';

const DISK = /^\/dev\/[A-Za-z0-9_.:+/-]+$/;

export const imports: ClassImports = {
  commands: {
    // One log of a drive (`smartctl -l error`) names no drive: the loader could not place it.
    smartctl: { kept: (a) => smartctlArgs(a) && !a.includes('-l') && !a.includes('--log'), readFromTree: true },
    // hdparm's identify outputs (`-I`, `-i`, supportconfig's `-vi`, sos's plain `hdparm <disk>`), read by the ata loader from the import.
    hdparm: { kept: (a) => a.length >= 1 && a.length <= 2 && DISK.test(a[a.length - 1]!) && (a.length === 1 || ['-I', '-i', '-vi'].includes(a[0]!)) },
  },
  sosPlugins: ['ata', 'block'],
  supportconfigTopics: ['fs-diskio.txt', 'fs-smartmon.txt', /^smartmon-[a-z]+$/],
  reportTools: ['smartctl', 'hdparm'],
};
