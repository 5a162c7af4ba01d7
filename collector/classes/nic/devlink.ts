import { savedNameWords } from '../../saved-output-name.js';
import { latestOutput } from './saved-recency.js';
import type { CommandResult, Source, SourceContext } from '../../source.js';
import { devlinkReads } from './commands.js';
import { devlinkQueryInText } from './devlink-text-query.js';

/** Read-only devlink queries, run once for all devices; never `set`, never a health dump. */
const QUERIES: readonly string[][] = [
  ['dev', 'info'],
  ['dev', 'param', 'show'],
  ['port', 'param', 'show'],
  ['health', 'show'],
  ['port', 'show'],
];

/** Buses a devlink handle starts with; a saved name may split `pci/0000:3b:00.0` into `pci_0000:3b:00.0`. */
const BUSES = new Set(['pci', 'auxiliary', 'netdevsim', 'platform', 'mdio_bus', 'usb']);
const HANDLE = /^[a-z][\w-]*\/[^\s/]+(?:\/\d+)?$/;
/** devlink's objects and verbs other than the read-only queries: a name holding one is another command's output. */
/** The objects of devlink's queries, before their command in a saved name. */
const OBJECTS = new Set(['dev', 'port', 'health', 'param']);
const OTHER_COMMAND_WORDS = new Set(['set', 'flash', 'reload', 'eswitch', 'split', 'unsplit', 'dump', 'recover', 'diagnose', 'test', 'sb', 'trap', 'resource', 'region', 'rate', 'selftests', 'add', 'del', 'dpipe', 'monitor', 'lc', 'linecard']);

/**
 * The devlink argv a saved output's name stands for (`dev_info.out`, `-jp_dev_info.out`, `dev_info_pci_0000:3b:00.0.out`,
 * `health.out`, `port_param_show.out`): flags first, then the object and command, then a handle if the name has one.
 * A name that says no query (`devlink.txt`, `cmd/devlink/output.out`, `devlink pci_0000:3b:00.0.txt`) stands for the one its
 * text holds (devlink-text-query.ts). Undefined when neither names a read-only query, or the name says another command.
 */
export function savedDevlinkCommand(treeName: string, text?: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap(unhyphened);
  const flags = words.filter((w) => /^-[a-z]+$/.test(w));
  const rest = words.filter((w) => !flags.includes(w));
  let handle = rest.find((w) => HANDLE.test(w));
  const bus = rest.findIndex((w) => BUSES.has(w));
  if (!handle && bus >= 0 && rest[bus + 1] !== undefined) handle = `${rest[bus]}/${rest[bus + 1]}`;
  const has = (w: string): boolean => rest.includes(w);
  // `devlink dev` and `devlink port` alone are devlink's short forms of `dev show` and `port show`.
  const objects = rest.filter((w, i) => w !== handle && !BUSES.has(w) && !(i > 0 && BUSES.has(rest[i - 1]!)));
  const alone = (w: string): boolean => objects.length === 1 && objects[0] === w;
  // An object followed by another command's word (`health_diagnose.txt`, `devlink-health-dump-show.txt`,
  // `dev_param_set.txt`) names that command's output, not the query of the same object.
  if (objects.some((w, i) => OBJECTS.has(w) && OTHER_COMMAND_WORDS.has(objects[i + 1]?.toLowerCase() ?? ''))) return undefined;
  const query = has('info') ? ['dev', 'info']
    : has('param') ? [has('port') ? 'port' : 'dev', 'param', 'show']
      : has('health') ? ['health', 'show']
        : (has('port') && has('show')) || alone('port') ? ['port', 'show']
          : (has('dev') && has('show')) || alone('dev') ? ['dev', 'show'] : undefined;
  if (!query) {
    // Words of another devlink command (`dev_flash.txt`, `port-split.txt`) say what the output is not.
    if (text === undefined || objects.some((w) => OTHER_COMMAND_WORDS.has(w.toLowerCase()))) return undefined;
    const inText = devlinkQueryInText(text, devlinkReads);
    return inText && devlinkReads([...flags, ...inText]) ? ['devlink', ...flags.filter((f) => !inText.includes(f)), ...inText, ...(handle ? [handle] : [])] : undefined;
  }
  const argv = ['devlink', ...flags, ...query, ...(handle ? [handle] : [])];
  return devlinkReads(argv.slice(1)) ? argv : undefined;
}

/**
 * `devlink-dev-info`, `dev-param-show`, `devlink-health`: the words of the command joined by hyphens (the tool's own name
 * dropped; a date or number after them, `devlink-dev-info-20240315`, is a word too). A flag (`-jp`) and a word holding more
 * than letters and digits (a handle's `0000:3b:00.0`, `mlx5_core.eth.0`) stay whole.
 */
function unhyphened(word: string): string[] {
  if (!/^[a-z]+(?:-[a-z0-9]+)+$/i.test(word)) return [word];
  const parts = word.toLowerCase().split('-');
  return parts[0] === 'devlink' ? parts.slice(1) : parts;
}

/** Replays every devlink output saved in a captured tree, under whatever name a person gave it. */
function replaySaved(ctx: SourceContext): void {
  const byCommand = new Map<string, { argv: string[]; names: string[] }>();
  for (const treeName of ctx.savedOutputs('devlink')) {
    const argv = savedDevlinkCommand(treeName, ctx.peekText(`/${treeName}`));
    if (!argv) {
      ctx.issue(treeName, 'UNKNOWN_NAME', 'saved devlink output: neither its name nor a command typed in it says a read-only devlink query, nor does its text have the shape of one (names read: dev_info.out, -j_dev_info.out, dev_param_show.out, health_show.out)');
      continue;
    }
    if (argv.join(' ') === 'devlink -j dev show') continue;
    const same = byCommand.get(argv.join(' '));
    if (same) same.names.push(treeName);
    else byCommand.set(argv.join(' '), { argv, names: [treeName] });
  }
  for (const [command, { argv, names }] of byCommand) {
    // Outputs of one query taken before and after a change (dev_info_before.txt, dev_info_after.txt): the latest is read.
    const { current, earlier, told } = latestOutput(names);
    for (const other of earlier) {
      ctx.issue(other, 'EARLIER-OUTPUT', told
        ? `an earlier output of ${command} than ${current}, as their names say: ${current} is read as current, this one is kept unread`
        : `another output of ${command}, as ${current} is: which was taken later the names do not say; ${current} is read, this one is kept unread`);
    }
    const r = ctx.runCommand(argv, { replayFrom: current });
    if (r && r.exitStatus !== 0) ctx.issue(argv.join(' '), 'EXIT', `exited with status ${r.exitStatus}${r.stderr.length ? `: ${firstLine(r.stderr)}` : ''}`);
  }
}

function firstLine(b: Buffer): string {
  return b.toString('utf8').trim().split('\n')[0] ?? '';
}

function run(ctx: SourceContext, argv: string[]): CommandResult | undefined {
  const r = ctx.runCommand(argv);
  if (r && r.exitStatus !== 0) {
    ctx.issue(argv.join(' '), 'EXIT', `exited with status ${r.exitStatus}${r.stderr.length ? `: ${firstLine(r.stderr)}` : ''}`);
  }
  return r;
}

/** Device handles ("pci/0000:3b:00.0") from `devlink -j dev show`. */
export function devlinkHandles(stdout: Buffer): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.toString('utf8'));
  } catch (e) {
    throw new Error(`devlink -j dev show printed no JSON: ${(e as Error).message}`);
  }
  const dev = (parsed as { dev?: unknown } | null)?.dev;
  if (typeof dev !== 'object' || dev === null || Array.isArray(dev)) throw new Error('devlink -j dev show: no "dev" object in its JSON');
  return Object.keys(dev);
}

export const source: Source = {
  name: 'devlink',
  description: 'devlink devices: firmware versions (dev info), parameters, health reporters and ports, as devlink prints them in JSON',
  collect(ctx) {
    if (!ctx.hasCommand('devlink')) ctx.skip(ctx.replay ? 'the captured tree holds no devlink output (cmd/devlink/)' : 'devlink (iproute2) is not installed');
    const show = ctx.runCommand(['devlink', '-j', 'dev', 'show']);
    if (!show && !ctx.replay) return ctx.skip('devlink -j dev show gave no output');
    if (show && show.exitStatus !== 0) ctx.skip(`devlink -j dev show failed (status ${show.exitStatus}): ${firstLine(show.stderr) || 'no message'}`);
    // A tree of pasted outputs may lack `dev show`; its handles are then read from the outputs themselves.
    const handles = show ? devlinkHandles(show.stdout) : [];
    if (show && handles.length === 0) ctx.skip('no devlink devices');
    for (const handle of handles) ctx.device('devlink', handle);
    if (ctx.replay) replaySaved(ctx);
    else for (const query of QUERIES) run(ctx, ['devlink', '-j', ...query]);
  },
};
