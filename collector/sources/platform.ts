import type { Source } from '../source.js';

export const source: Source = {
  name: 'platform',
  description: 'DMI, CPU microcode, kernel release, command line, taint, modules, os-release, kernel log',
  collect(ctx) {
    ctx.collectFile('/proc/cpuinfo');
    ctx.collectFile('/proc/sys/kernel/osrelease');
  },
};
