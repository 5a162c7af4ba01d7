import type { ClassImports } from '../../source.js';
import { smartctlArgs } from './commands.js';

const SCSI_HOST = /^\/sys\/class\/scsi_host\/host\d+$/;
const DISK = /^\/dev\/[A-Za-z0-9_.:+/-]+$/;

export const imports: ClassImports = {
  commands: {
    // One log of a drive (`smartctl -l error`) names no drive: the loader could not place it.
    smartctl: { kept: (a) => smartctlArgs(a) && !a.includes('-l') && !a.includes('--log'), readFromTree: true },
    // hdparm's identify outputs (`-I`, `-i`, supportconfig's `-vi`, sos's plain `hdparm <disk>`), read by the ata loader from the import.
    // udev's walk up from a SCSI host (sos's scsi plugin): the libata port a host sits under, for lsscsi's drives.
    udevadm: {
      kept: (a) => a.length === 3 && a[0] === 'info' && a[1] === '-a' && SCSI_HOST.test(a[2]!),
      sosArgs: (name) => {
        const m = /^info_-a_\.sys\.class\.scsi_host\.(host\d+)$/.exec(name);
        return m ? ['info', '-a', `/sys/class/scsi_host/${m[1]}`] : undefined;
      },
    },
    hdparm: { kept: (a) => a.length >= 1 && a.length <= 2 && DISK.test(a[a.length - 1]!) && (a.length === 1 || ['-I', '-i', '-vi'].includes(a[0]!)) },
  },
  sosPlugins: ['ata', 'block', 'scsi'],
  supportconfigTopics: ['fs-diskio.txt', 'fs-smartmon.txt', /^smartmon-[a-z]+$/],
  reportTools: ['smartctl', 'hdparm'],
};
