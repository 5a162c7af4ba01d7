/**
 * Commands the collector may run, each with a check that the argv only reads. Anything else is
 * refused before it is spawned (or replayed).
 */
const READ_ONLY: Record<string, (args: string[]) => boolean> = {
  devlink: (a) => {
    const words = a.filter((w) => !w.startsWith('-'));
    return (
      ['dev', 'port', 'health', 'resource', 'sb', 'trap', 'rate'].includes(words[0] ?? '') &&
      ['show', 'info'].includes(words[words.length - 1] ?? '') &&
      !words.some((w) => ['set', 'dump', 'recover', 'test', 'reload', 'flash', 'add', 'del', 'new', 'read', 'split', 'unsplit'].includes(w))
    );
  },
  mstconfig: (a) => a[a.length - 1] === 'query' || (a.includes('query') && !a.some((w) => ['set', 'reset', 'clear_semaphore', 'backup', 'apply', 'set_raw', '-y'].includes(w))),
  mstflint: (a) => (a.includes('query') || a.includes('q')) && !a.some((w) => ['burn', 'b', 'erase', 'e', 'sg', 'set_vpd', 'sv', 'rom', 'drom', 'brom', '-y', 'cs', 'reset'].includes(w)),
  mstreg: (a) => a.includes('--get') && !a.some((w) => w === '--set' || w === '-s' || w.startsWith('--set')),
  lspci: () => true,
  dmesg: (a) => !a.some((w) => ['-c', '-C', '--clear', '--read-clear', '-n', '--console-level', '-D', '-E', '--console-off', '--console-on'].includes(w)),
  uname: () => true,
};

export function commandAllowed(argv: readonly string[]): boolean {
  const tool = argv[0]?.split('/').pop() ?? '';
  const check = READ_ONLY[tool];
  return check !== undefined && check(argv.slice(1));
}
