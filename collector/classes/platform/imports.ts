import type { ClassImports } from '../../source.js';

/** The kernel, its modules, the OS release and the DMI tables as reports copy them; `hostname` and `uname -a` give the host facts. */
export const imports: ClassImports = {
  commands: {
    hostname: { kept: (a) => a.length === 0 },
    uname: { kept: (a) => a.length === 1 && a[0] === '-a' },
    dmidecode: { kept: (a) => a.length === 0 },
    lsmod: { kept: (a) => a.length === 0 },
  },
  hostFiles: [
    /^proc\/(cmdline|modules)$/,
    /^proc\/sys\/kernel\/(osrelease|version|hostname|arch|tainted)$/,
    /^sys\/class\/dmi\/id\/[^/]+$/,
    /^sys\/module\/[^/]+\/(version|srcversion|taint)$/,
    /^sys\/module\/[^/]+\/parameters\/[^/]+$/,
    /^etc\/os-release$/,
    /^usr\/lib\/os-release$/,
  ],
  sosPlugins: ['host', 'kernel', 'hardware'],
  supportconfigTopics: ['basic-environment.txt', 'hardware.txt', 'modules.txt', 'proc.txt'],
  reportTools: ['dmidecode', 'lshw', 'hwinfo', 'lsmod', 'modinfo'],
};
