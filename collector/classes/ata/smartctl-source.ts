import { deviceInText, devPath, savedNameWords } from '../../saved-output-name.js';
import type { Source, SourceContext } from '../../source.js';
import { smartctlArgs } from './commands.js';

/** Options of smartctl that take a value as the next word. */
const VALUED = new Set(['-d', '--device', '-T', '--tolerance', '-n', '--nocheck', '-l', '--log', '-q', '--quietmode']);

/**
 * What smartctl command a saved output's name stands for: its options as given and one device word, read as a
 * /dev path (`-x_sda.out`, `-a_nvme0.out`, `-d_sat_--all_sdb.out`, `-j_-x_%2fdev%2fsda.out`); without a device word,
 * the one device its text names (the pasted command line, smartctl -j's `device.name`).
 */
export function savedSmartctlArgv(treeName: string, text?: string): string[] | undefined {
  const words = savedNameWords(treeName).filter((w) => w !== 'dev');
  const args: string[] = [];
  let device: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (VALUED.has(w) || /^-[xaiHAcj]+[dTnlq]$/.test(w)) args.push(w, words[++i] ?? '');
    else if (w.startsWith('-')) args.push(w);
    else if (device === undefined) device = devPath(w);
    else device = `${device}/${w}`; // `%2fdev%2fbus%2f0` decodes whole; `bus_0` is two words of one path
  }
  device ??= text === undefined ? undefined : deviceInText(text, /^\/dev\/(?!null$|zero$)/);
  const argv = ['smartctl', ...args, ...(device ? [device] : [])];
  return smartctlArgs(argv.slice(1)) ? argv : undefined;
}

function replaySaved(ctx: SourceContext): number {
  let replayed = 0;
  for (const treeName of ctx.savedOutputs('smartctl')) {
    const argv = savedSmartctlArgv(treeName, ctx.peekText(`/${treeName}`));
    if (!argv) {
      ctx.issue(treeName, 'UNKNOWN_NAME', 'saved smartctl output: its name holds something other than read-only smartctl options and one device (e.g. -x_sda.out, -a_nvme0.out)');
      continue;
    }
    if (ctx.runCommand(argv, { replayFrom: treeName })) {
      ctx.device('smartctl', argv.at(-1)!.startsWith('/dev/') ? argv.at(-1)! : treeName);
      replayed++;
    }
  }
  return replayed;
}

export const source: Source = {
  name: 'smartctl',
  description: 'smartctl outputs (text or JSON) saved in a captured tree under cmd/smartctl/; never run on a live host',
  collect(ctx) {
    if (!ctx.replay) ctx.skip('smartctl is not run on a live host; its outputs are read from a captured tree (cmd/smartctl/)');
    if (replaySaved(ctx) === 0) ctx.skip('no smartctl outputs under cmd/smartctl/ in the tree');
  },
};
