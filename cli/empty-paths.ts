import type { Command } from 'commander';
import { UsageError } from './exit.js';

/** Arguments that are not paths: an SQL statement (query says itself when it is empty), a rule id, a shell's name. */
const NOT_PATHS = new Set(['sql', 'id', 'shell']);

/**
 * An empty string where a path goes is a usage error: a shell variable that expanded to nothing (`--root "$TREE"`,
 * `--db "$DB"`) would otherwise mean no option at all (the live host, a temporary database) or a message about a
 * path with no name.
 */
export function refuseEmptyPaths(cmd: Command): void {
  for (const o of cmd.options) {
    if (!/<(?:file|dir)>/.test(o.flags) || cmd.getOptionValue(o.attributeName()) !== '') continue;
    throw new UsageError(`${o.long ?? o.short} needs a ${o.flags.includes('<dir>') ? 'directory' : 'file'} name, not an empty string`);
  }
  cmd.registeredArguments.forEach((a, i) => {
    const v: unknown = cmd.processedArgs[i];
    if (!NOT_PATHS.has(a.name()) && (v === '' || (Array.isArray(v) && v.includes('')))) throw new UsageError(`<${a.name()}> is an empty string; give a path`);
  });
}
