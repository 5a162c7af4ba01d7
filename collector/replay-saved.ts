import type { SourceContext } from './source.js';

/** How a class replays a tool whose saved outputs it reads under any name a person gives them. */
export interface SavedReplay {
  tool: string;
  /** The argv a saved name (and, with `readsText`, its text) stands for; undefined when it says an option the class does not read. */
  argvOf(treeName: string, text?: string): string[] | undefined;
  /** The name alone may not say the whole command (a device node): the text is given to argvOf too. */
  readsText?: boolean;
  /** Why a name with no argv is not read, for its UNKNOWN_NAME issue. */
  unknownWhy: string;
  maxBytes?: number;
}

/**
 * A captured tree's saved outputs of one tool (`SourceContext.savedOutputs`, in its order): each argv replayed once,
 * from the first name that stands for it; a name standing for no read argv is an UNKNOWN_NAME issue. Returns how many
 * argvs were replayed.
 */
export function replaySavedOutputs(ctx: SourceContext, r: SavedReplay): number {
  const seen = new Set<string>();
  for (const name of ctx.savedOutputs(r.tool)) {
    const argv = r.argvOf(name, r.readsText ? ctx.peekText(`/${name}`) : undefined);
    if (!argv) {
      ctx.issue(name, 'UNKNOWN_NAME', r.unknownWhy);
      continue;
    }
    if (seen.has(argv.join(' '))) continue;
    seen.add(argv.join(' '));
    ctx.runCommand(argv, { replayFrom: name, ...(r.maxBytes !== undefined ? { maxBytes: r.maxBytes } : {}) });
  }
  return seen.size;
}
