import { CLASSES } from './classes/index.js';
import { gatherDeclared } from './class-declarations.js';
import type { CollectorClass, CommandPolicy } from './source.js';

/**
 * Commands the collector may run or replay: each class declares its own (`commands` in
 * collector/classes/<name>/index.ts), each with a check that the argv only reads. Anything else is refused
 * before it is spawned (or replayed).
 */
let gathered: ReadonlyMap<string, CommandPolicy> | undefined;

/** The classes' commands by tool name; a tool two classes declare is a bug, refused here. */
export function gatherCommands(classes: readonly CollectorClass[]): ReadonlyMap<string, CommandPolicy> {
  return gatherDeclared(classes, 'command', (c) => c.commands);
}

/** Every registered class's commands, gathered on first use (the classes import this module's checks). */
export function commandPolicies(): ReadonlyMap<string, CommandPolicy> {
  return (gathered ??= gatherCommands(CLASSES));
}

const toolOf = (argv: readonly string[]): string => argv[0]?.split('/').pop() ?? '';

/** May the collector run this command on a live host? */
export function commandAllowed(argv: readonly string[]): boolean {
  const run = commandPolicies().get(toolOf(argv))?.run;
  return run !== undefined && run(argv.slice(1));
}

/**
 * What may be replayed from a captured tree: every allowed command, and what a class allows only from a tree
 * (outputs of tools never run live, saved queries without a device name, previews). Replaying reads a file;
 * nothing is run.
 */
export function replayAllowed(argv: readonly string[]): boolean {
  if (commandAllowed(argv)) return true;
  const replay = commandPolicies().get(toolOf(argv))?.replay;
  return replay !== undefined && replay(argv.slice(1));
}
