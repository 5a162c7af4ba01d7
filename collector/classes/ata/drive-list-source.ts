import type { Source, SourceContext } from '../../source.js';
import { savedOutputStem } from '../../saved-output-name.js';
import { commandPolicies } from '../../command-allowlist.js';
import { looseOutputTool } from '../../tree-loose-outputs.js';
import { typedParts } from '../../typed-commands.js';
import { isDriveListText } from './drive-list-text.js';

/** Tools whose output is itself a drive list its class reads: a list typed under one is read as that output. */
const LISTING_TOOLS = new Set(['lsblk']);

/** Top-level files looked at: a tree of saved outputs, not a host's. */
const MAX_CANDIDATES = 50;

/**
 * A person's drive list saved at the top of a captured tree under a name of their own (`drives.csv`, `disks.tsv`,
 * `models.txt`): told by its text (drive-list-text.ts), stored as it is for the ata class's drive-list loader. Only
 * when replaying a tree: a live host's root is no place for such a list.
 */
function collectDriveLists(ctx: SourceContext): number {
  // A name starting with a tool's (`smartctl -x sda.txt`, `nvme list.txt`) is that tool's output, read by its class.
  const tools = [...commandPolicies().keys()];
  const names = (ctx.listDir('/') ?? []).filter((n) => (savedOutputStem(n) !== undefined || /\.(?:csv|tsv|md)$/i.test(n)) && looseOutputTool(n, tools) === undefined);
  let kept = 0;
  for (const name of names.slice(0, MAX_CANDIDATES)) {
    if (ctx.isDir(`/${name}`)) continue;
    const text = ctx.peekText(`/${name}`);
    if (text === undefined || !isDriveListText(text, name)) continue;
    // A text holding `lsblk -o NAME,MODEL,REV` typed above its output is read as that output (typed-commands.ts).
    if (typedParts(Buffer.from(text), new Set(tools)).some((p) => LISTING_TOOLS.has(p.argv[0]!))) continue;
    ctx.collectFile(`/${name}`);
    ctx.device('drive-list', name);
    kept++;
  }
  return kept;
}

export const source: Source = {
  name: 'drive-list',
  description: 'a person\'s drive list saved in a captured tree (a model/firmware table, a grep of /sys/block/*/device/{model,rev}); never on a live host',
  collect(ctx) {
    if (!ctx.replay) ctx.skip('a drive list is read from a captured tree only');
    if (collectDriveLists(ctx) === 0) ctx.skip('no drive list at the top of the tree');
  },
};
