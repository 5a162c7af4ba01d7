import type { ClassImports } from '../../source.js';

/** Each `processor` block of /proc/cpuinfo after the first starts with an empty line. */
function cpuinfoLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (/^processor\s*:/.test(l) && out.length) out.push('');
    out.push(l);
  }
  return out;
}

export const imports: ClassImports = {
  hostFiles: [/^proc\/cpuinfo$/, /^sys\/devices\/system\/cpu\/cpu\d+\/microcode\/(version|processor_flags)$/],
  restoreConfFile: { '/proc/cpuinfo': cpuinfoLines },
  sosPlugins: ['processor'],
  supportconfigTopics: ['hardware.txt', 'proc.txt'],
};
