import type { Source, SourceContext } from '../../source.js';
import { presentNames } from '../../sysfs-names.js';
import { replaySavedOutputs } from '../../replay-saved.js';
import { isCpuinfoText, mayNameCpuinfo, savedLscpuArgv } from './saved.js';

const CPUS = '/sys/devices/system/cpu';
export const CPUINFO_MAX = 16 * 1024 * 1024;
/** Top-level files looked at for a loose cpuinfo copy. */
const MAX_LOOSE_CANDIDATES = 20;

function collectCpus(ctx: SourceContext): void {
  ctx.collectFile('/proc/cpuinfo', { maxBytes: CPUINFO_MAX });
  const cpus = (ctx.listDir(CPUS) ?? []).filter((n) => /^cpu\d+$/.test(n)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  for (const cpu of cpus) {
    ctx.device('cpu', cpu);
    const dir = `${CPUS}/${cpu}/microcode`;
    if (ctx.isDir(dir)) ctx.collectAttributes(dir, presentNames(ctx, dir, ['version', 'processor_flags']));
  }
}

/** A /proc/cpuinfo (or grep of it) a person saved at the top of a tree under a name saying cpuinfo: the first such file, replayed as `cat /proc/cpuinfo`. */
function replayLooseCpuinfo(ctx: SourceContext): void {
  for (const name of (ctx.listDir('/') ?? []).filter(mayNameCpuinfo).slice(0, MAX_LOOSE_CANDIDATES)) {
    const text = ctx.isDir(`/${name}`) ? undefined : ctx.peekText(`/${name}`);
    if (text === undefined || !isCpuinfoText(text)) continue;
    ctx.runCommand(['cat', '/proc/cpuinfo'], { replayFrom: name, maxBytes: CPUINFO_MAX });
    return;
  }
}

export const source: Source = {
  name: 'cpu',
  description: 'processors: /proc/cpuinfo and each CPU\'s loaded microcode revision and processor flags',
  collect(ctx) {
    collectCpus(ctx);
    if (ctx.replay) {
      replaySavedOutputs(ctx, { tool: 'lscpu', argvOf: savedLscpuArgv, unknownWhy: 'saved lscpu output: an option (-e, -p, -J…) prints another layout, not read' });
      if (ctx.peekText('/proc/cpuinfo') === undefined) replayLooseCpuinfo(ctx);
    }
  },
};
