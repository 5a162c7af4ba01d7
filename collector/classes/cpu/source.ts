import type { Source, SourceContext } from '../../source.js';
import { presentNames } from '../../sysfs-names.js';

const CPUS = '/sys/devices/system/cpu';
export const CPUINFO_MAX = 16 * 1024 * 1024;

function collectCpus(ctx: SourceContext): void {
  ctx.collectFile('/proc/cpuinfo', { maxBytes: CPUINFO_MAX });
  const cpus = (ctx.listDir(CPUS) ?? []).filter((n) => /^cpu\d+$/.test(n)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  for (const cpu of cpus) {
    ctx.device('cpu', cpu);
    const dir = `${CPUS}/${cpu}/microcode`;
    if (ctx.isDir(dir)) ctx.collectAttributes(dir, presentNames(ctx, dir, ['version', 'processor_flags']));
  }
}

export const source: Source = {
  name: 'cpu',
  description: 'processors: /proc/cpuinfo and each CPU\'s loaded microcode revision and processor flags',
  collect(ctx) {
    collectCpus(ctx);
  },
};
