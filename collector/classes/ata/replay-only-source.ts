import type { Source, SourceContext } from '../../source.js';

/** How a tool fwsnap never runs on a live host is read back from a captured tree. */
export interface ReplayOnly {
  tool: string;
  /** What its saved outputs are, for the source's description (`smartctl outputs (text or JSON)`). */
  outputs: string;
  /** What a name it reads holds, for the issue on one it cannot read. */
  names: string;
  /** The command a saved output's name (and, for a name without a device, its text) stands for. */
  argv: (treeName: string, text?: string) => string[] | undefined;
  /** What tells one drive from another in an output (its serial): two outputs of one command on two drives are both read. */
  drive?: (text: string) => string | undefined;
}

function replaySaved(ctx: SourceContext, r: ReplayOnly): number {
  let replayed = 0;
  const unnamed = new Map<string, number>();
  const drives = new Map<string, (string | undefined)[]>();
  for (const treeName of ctx.savedOutputs(r.tool)) {
    const text = ctx.peekText(`/${treeName}`);
    const argv = r.argv(treeName, text);
    if (!argv) {
      ctx.issue(treeName, 'UNKNOWN_NAME', `saved ${r.tool} output: its name holds something other than ${r.names}`);
      continue;
    }
    // Outputs that name no device (each drive is found by its own text: its serial) are each stored: -x.out, -x@2.out, …
    const key = argv.join(' ');
    let copy = argv.at(-1)!.startsWith('/dev/') ? undefined : (unnamed.get(key) ?? 0) + 1;
    if (copy !== undefined) unnamed.set(key, copy);
    else {
      // Of one device's outputs, one is read, unless each prints a serial of its own (two hosts' sda): two drives.
      const drive = text === undefined ? undefined : r.drive?.(text);
      const seen = drives.get(key) ?? [];
      const another = seen.length > 0 && drive !== undefined && seen.every((d) => d !== undefined && d !== drive);
      if (another) copy = seen.length + 1;
      if (seen.length === 0 || another) drives.set(key, [...seen, drive]);
    }
    if (ctx.runCommand(argv, { replayFrom: treeName, ...(copy !== undefined ? { copy } : {}) })) {
      ctx.device(r.tool, argv.at(-1)!.startsWith('/dev/') ? argv.at(-1)! : treeName);
      replayed++;
    }
  }
  return replayed;
}

/** The source of such a tool: its outputs saved under cmd/<tool>/, replayed; on a live host, skipped. */
export function replayOnlySource(r: ReplayOnly): Source {
  return {
    name: r.tool,
    description: `${r.outputs} saved in a captured tree under cmd/${r.tool}/; never run on a live host`,
    collect(ctx) {
      if (!ctx.replay) ctx.skip(`${r.tool} is not run on a live host; its outputs are read from a captured tree (cmd/${r.tool}/)`);
      if (replaySaved(ctx, r) === 0) ctx.skip(`no ${r.tool} outputs under cmd/${r.tool}/ in the tree`);
    },
  };
}
