import { deviceInText, devPath, pastedPlain, savedNameWords } from '../../saved-output-name.js';
import type { SourceContext } from '../../source.js';
import { nvmeArgs } from './commands.js';
import { controllerSection, sectionControllers } from './node-sections.js';
import { controllerOf, DEV_NODE, HEADING_NODE, NODE, NODE_IN_TEXT } from './nodes.js';
import { humanReadableShown, subcommandShown } from './text-subcommand.js';

const SUBCOMMANDS = new Set(['id-ctrl', 'fw-log', 'smart-log', 'id-ns', 'error-log']);

export interface SavedNvmeCommand {
  treeName: string;
  argv: string[];
  /** The controller the node belongs to (`nvme0` for `/dev/nvme0n1`); none for an id-ctrl that names no node. */
  controller?: string;
  /** The node the name gave, when the output's own heading names a node of another controller (the heading's was taken). */
  nameSaid?: string;
}

/**
 * What nvme-cli command a saved output's name stands for: a subcommand, one controller or namespace node, and
 * the flags as given (`id-ctrl_nvme0n1_-H.out`, `id-ctrl_-o_json_nvme0.out`, `fw-log_%2fdev%2fnvme1.out`).
 * A lone `dev` word (from `dev_nvme0`) is dropped. A name without a node (`fw-log.txt`) takes the one node
 * its text names, if exactly one (the pasted command line, `Firmware Log for device:nvme1`). An id-ctrl whose name and
 * text name no node at all (quoted in a mail) stands for `nvme id-ctrl` on no node: its drive is known by its serial.
 */
export function savedNvmeCommand(treeName: string, text?: string): SavedNvmeCommand | undefined {
  const named = withoutLabels(joinSubcommand(savedNameWords(treeName).flatMap(unglued)));
  const printed = text === undefined ? undefined : nodePrinted(text);
  const nameNode = named.find((w) => NODE.test(w));
  // The node the output prints as its own (`Firmware Log for device:nvme1`) is the one it was run on, whatever the file is called.
  const renamed = printed && nameNode && controllerOf(nameNode) !== controllerOf(printed) ? named.map((w) => (w === nameNode ? printed : w)) : named;
  // A name that says no subcommand (`nvme1n1.txt`, `nvme.txt`) takes the one the output's own heading says, else the one
  // typed in it or whose fields it shows (text-subcommand.ts); `nvme list` and `list-subsys` are savedNvmeList's.
  const shown = renamed.some((w) => SUBCOMMANDS.has(w) || LISTINGS.has(w)) || text === undefined ? undefined : subcommandOfText(text);
  if (LISTINGS.has(shown ?? '')) return undefined;
  const headed = shown;
  const words = headed ? [headed, ...renamed] : renamed;
  const sub = words.find((w) => SUBCOMMANDS.has(w));
  const inText = !words.some((w) => NODE.test(w)) && text !== undefined ? printed ?? nodeInText(text, sub) : undefined;
  const said = inText && inText !== OTHERS_NODE ? [...words, inText] : words;
  // -H shown by the text (its decoded bits) though the name does not say it (`nvme.txt`, `id-ctrl.txt`) is -H's output.
  const all = text !== undefined && !said.some(isHuman) && HUMAN_SUBCOMMANDS.has(sub ?? '') && humanReadableShown(text) ? [...said, '-H'] : said;
  const nodeless = inText === OTHERS_NODE || (text !== undefined && !NODE_IN_TEXT.test(pastedPlain(text.slice(0, 64 * 1024))));
  const cmd = all.some((w) => NODE.test(w)) || nodeless ? nvmeCommand(all) : undefined;
  return cmd && { treeName, ...cmd, ...(renamed !== named ? { nameSaid: devPath(nameNode!.replace(/^\/?dev\//, '')) } : {}) };
}

/** The subcommands whose -H output decodes fields bit by bit (`[9:9] : 0x1 …`). */
const HUMAN_SUBCOMMANDS = new Set(['id-ctrl', 'id-ns']);
const isHuman = (w: string): boolean => w === '-H' || w === '--human-readable';

/** The listings, read by savedNvmeList: they name no one controller. */
const LISTINGS = new Set(['list', 'list-subsys']);

/** Flags of nvme-cli whose value is the next word. */
const VALUED_FLAGS = new Set(['-o', '--output-format', '-n', '--namespace-id', '-e', '--log-entries']);

/**
 * A name's words without a person's label (`id-ctrl hiksemi.txt`, `id-ctrl_nvme0_pc401.txt`, a date): a word that is
 * no subcommand, node, flag or flag's value says nothing of the command.
 */
function withoutLabels(words: string[]): string[] {
  return words.filter((w, i) => w.startsWith('-') || SUBCOMMANDS.has(w) || NODE.test(w) || w === 'dev' || LISTINGS.has(w) || VALUED_FLAGS.has(words[i - 1] ?? ''));
}

/**
 * The one node the text names for this subcommand's output: the one it names at all, else the one its own command lines
 * name. An id-ctrl's is not a node only other nvme-cli subcommands' command lines name (a reply quoting `nvme id-ns -n 1
 * /dev/nvme1 | grep eui64` runs of another host above the id-ctrl it asked for): its node is not given, and an id-ctrl
 * on no node is known by its serial. A log, which nvme-cli reads of a node only, keeps the one the text names.
 */
function nodeInText(text: string, sub: string | undefined): string | undefined {
  const node = deviceInText(text, PASTED_NODE)?.replace(SPDK_CUSE_DIR, '/dev/');
  if (node && sub === 'id-ctrl' && namedOnlyByOtherCommands(text, node, sub)) return nodeOnCommandLine(text, sub) ?? OTHERS_NODE;
  return node ?? (sub && nodeOnCommandLine(text, sub));
}

/**
 * SPDK's CUSE character devices (`/dev/spdk/nvme0`, `/dev/spdk/nvme0n1`), which nvme-cli is run on for a controller SPDK
 * drives: the controller they stand for, as the output saved from them names it.
 */
const SPDK_CUSE_DIR = /\/dev\/spdk\/(?=(?:nvme|ng)\d)/;
const PASTED_NODE = new RegExp(DEV_NODE.source.replace(String.raw`^\/dev\/`, String.raw`^\/dev\/(?:spdk\/)?`));

/** What nodeInText gives for an id-ctrl whose text names only other commands' node. */
const OTHERS_NODE = 'another command\'s node';

function namedOnlyByOtherCommands(text: string, node: string, sub: string): boolean {
  const at = new RegExp(`(?:^|[\\s"'=:])${node.replace(/\//g, '\\/')}(?![\\w/])`);
  const lines = pastedPlain(text.slice(0, 64 * 1024)).split('\n').filter((l) => at.test(l));
  return lines.length > 0 && lines.every((l) => {
    const typed = [...l.matchAll(TYPED_SUBCOMMAND)].map((m) => m[1]!.replace(/[ \t]+/, '-'));
    return typed.length > 0 && typed.every((t) => t !== sub);
  });
}

/**
 * A typed nvme-cli subcommand (`# nvme id-ns -n 1 /dev/nvme1`): a hyphenated one, nvme-cli 3's two words, or one of its
 * one-word subcommands (never a sentence's `nvme drive`).
 */
const TYPED_SUBCOMMAND = /(?:^|[\s/$#>%])nvme[ \t]+(id[ \t]+(?:ctrl|ns)|fw[ \t]+log|smart[ \t]+log|error[ \t]+log|[a-z]+(?:-[a-z]+)+|list|format|reset|sanitize|read|write|compare|verify|flush|discover|connect|disconnect)(?![\w-])/g;

/**
 * The one node the pasted command lines of this subcommand name (`$ sudo nvme id-ctrl /dev/nvme0`), when the text
 * names other nodes too (an `nvme id-ns /dev/nvme0n1` pasted below it).
 */
function nodeOnCommandLine(text: string, sub: string): string | undefined {
  const found = new Set<string>();
  const line = new RegExp(`(?:^|[\\s/$#>%])nvme\\s+${sub}\\b([^\\n]*)`, 'gm');
  for (const m of pastedPlain(text.slice(0, 64 * 1024)).replace(/[\u00a0\u2000-\u200a\u202f\u3000]/g, ' ').matchAll(line)) {
    const node = /(?:^|\s)(\/dev\/(?:spdk\/)?[a-z]+\d+[a-z0-9]*)(?![\w/])/.exec(m[1]!)?.[1]?.replace(SPDK_CUSE_DIR, '/dev/');
    if (node && DEV_NODE.test(node)) found.add(node);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** nvme-cli's own first lines of each subcommand's text output (quoted in a mail, `> NVME Identify Controller:`, too), and the subcommand. */
const HEADINGS: readonly (readonly [RegExp, string])[] = [
  [/^[>\s]*Smart Log for NVME device:/im, 'smart-log'],
  [/^[>\s]*Firmware Log for device:/im, 'fw-log'],
  [/^[>\s]*NVME Identify Controller:/im, 'id-ctrl'],
  [/^[>\s]*NVME Identify Namespace \d+:/im, 'id-ns'],
  [/^[>\s]*Error Log Entries for device:/im, 'error-log'],
];

/** The one subcommand whose heading the output prints (`Smart Log for NVME device:nvme1n1 …` → smart-log). */
function subcommandPrinted(text: string): string | undefined {
  const found = subcommandsPrinted(text);
  return found.length === 1 ? found[0] : undefined;
}

function subcommandsPrinted(text: string): string[] {
  const head = text.slice(0, 64 * 1024);
  return HEADINGS.filter(([re]) => re.test(head)).map(([, sub]) => sub);
}

/**
 * The subcommand nvme-cli's heading prints, else (no heading at all: a paste from `vid :` down, JSON) the one typed in the
 * text or whose fields it shows. Two headings say none.
 */
function subcommandOfText(text: string): string | undefined {
  const printed = subcommandsPrinted(text);
  return printed.length ? subcommandPrinted(text) : subcommandShown(text);
}

/** The one node nvme-cli's own heading names (`Firmware Log for device:nvme1`, `Smart Log for NVME device:nvme0n1 namespace-id:…`). */
function nodePrinted(text: string): string | undefined {
  const found = new Set([...text.slice(0, 64 * 1024).matchAll(HEADING_NODE)].map((m) => m[1]!));
  return found.size === 1 ? `/dev/${[...found][0]}` : undefined;
}

/** A vendor plugin's id-ctrl typed as one word (`nvme intel-id-ctrl`, as nvme-cli 1.x took it) prints the standard fields first. */
const GLUED_SUBCOMMAND = /^(?:nvme-)?(?:[a-z]+-(?=id-ctrl))?(id-ctrl|fw-log|smart-log|error-log|id-ns|list-subsys|list)(?:-(.+))?$/i;

/**
 * `nvme-id-ctrl-nvme0n1` → `id-ctrl`, `nvme0n1`; `nvme-list-v` → `list`, `-v`; `nvme-smart-log-dev-nvme1-H` → `smart-log`,
 * `/dev/nvme1`, `-H`: the subcommand, its node and its flags glued by dashes, to the tool's name or not (`list-v`,
 * `id-ctrl-nvme0`). Other parts (a label, a date) are not read: no flag is taken then, and a name with two nodes gives
 * none; `list` with another word is another command (`list-subsys`, `list-ns`), not read as `nvme list`.
 */
function unglued(word: string): string[] {
  const m = GLUED_SUBCOMMAND.exec(word);
  if (!m) return [word];
  const parts = (m[2] ?? '').split('-').filter((p) => p !== '' && p !== 'dev');
  const nodes = parts.filter((p) => NODE.test(p));
  const flags: string[] = [];
  let label = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (NODE.test(p)) continue;
    if (p === 'H' || p === 'v') flags.push(`-${p}`);
    else if (p === 'o' && parts[i + 1] === 'json') flags.push('-o', parts[++i]!);
    else label = true;
  }
  if (label && m[1]!.toLowerCase() === 'list') return [word];
  return [m[1]!.toLowerCase(), ...(nodes.length === 1 ? nodes : []), ...(label ? [] : flags)];
}

/** nvme-cli 3 spells subcommands as two words (`nvme id ctrl`, `nvme fw log`): the one-word name they stand for. */
const TWO_WORDS: Record<string, string> = { 'id ctrl': 'id-ctrl', 'id ns': 'id-ns', 'fw log': 'fw-log', 'smart log': 'smart-log', 'error log': 'error-log' };

function joinSubcommand(words: string[]): string[] {
  const i = words.findIndex((w, j) => TWO_WORDS[`${w} ${words[j + 1]}`] !== undefined);
  return i < 0 ? words : [...words.slice(0, i), TWO_WORDS[`${words[i]} ${words[i + 1]}`]!, ...words.slice(i + 2)];
}

/** The nvme-cli argv that words after `nvme` stand for, and its controller; undefined unless allow-listed. */
export function nvmeCommand(allWords: readonly string[]): Omit<SavedNvmeCommand, 'treeName'> | undefined {
  const words = joinSubcommand(allWords.filter((w) => w !== 'dev'));
  const sub = words.find((w) => SUBCOMMANDS.has(w));
  const nodeWord = words.find((w) => NODE.test(w));
  if (!sub || (!nodeWord && sub !== 'id-ctrl')) return undefined;
  const flags = words.filter((w) => w !== sub && w !== nodeWord);
  const argv = ['nvme', sub, ...(nodeWord ? [devPath(nodeWord.replace(/^\//, '').replace(/^dev\//, ''))] : []), ...flags];
  if (!nvmeArgs(argv.slice(1))) return undefined;
  return { argv, ...(nodeWord ? { controller: controllerOf(nodeWord)! } : {}) };
}

/**
 * A saved `nvme list` (`list.out`, `list_-v.out`, `list_-o_json.out`) or `nvme list-subsys` (`list-subsys.out`,
 * `nvme-list-subsys.txt`, `list-subsys_-o_json.out`, `list-subsys_nvme0n1.out`): the argv it stands for. A name that
 * says no subcommand nor node (`nvme.txt`, `cmd/nvme/output.out`) is one of them when its text is; a list-subsys whose name
 * says no node is read as of every subsystem (the one of a node lists that subsystem alone, read alike).
 */
export function savedNvmeList(treeName: string, text?: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap(unglued);
  if (!LISTINGS.has(words[0] ?? '')) {
    const unsaid = withoutLabels(joinSubcommand(words)).every((w) => !SUBCOMMANDS.has(w) && !NODE.test(w) && !LISTINGS.has(w));
    const shown = unsaid && text !== undefined ? subcommandOfText(text) : undefined;
    return shown !== undefined && LISTINGS.has(shown) ? ['nvme', shown] : undefined;
  }
  const args = words.filter((w) => w !== 'dev').map((w) => (NODE.test(w) ? devPath(w.replace(/^\/?dev\//, '')) : w));
  return nvmeArgs(args) ? ['nvme', ...args] : undefined;
}

/**
 * One controller's command of a file holding several controllers' outputs (node-sections.ts): what its section says,
 * on that controller's node when the section names none of its own.
 */
function sectionCommand(treeName: string, text: string, controller: string): SavedNvmeCommand | undefined {
  const own = savedNvmeCommand(treeName, controllerSection(text, controller));
  if (own?.controller === controller) return { treeName, argv: own.argv, controller };
  const sub = own?.argv[1] ?? subcommandPrinted(text);
  if (sub === undefined) return undefined;
  const flags = own ? own.argv.slice(2).filter((w) => !DEV_NODE.test(w)) : [];
  const cmd = nvmeCommand([sub, `/dev/${controller}`, ...flags]);
  return cmd && { treeName, ...cmd };
}

/** The commands a saved file stands for: one, or one per controller when it holds several controllers' outputs. */
function savedNvmeCommands(treeName: string, text: string | undefined): SavedNvmeCommand[] | undefined {
  const several = text === undefined ? [] : sectionControllers(text);
  if (several.length < 2) {
    const one = savedNvmeCommand(treeName, text);
    return one && [one];
  }
  const cmds = several.map((c) => sectionCommand(treeName, text!, c));
  return cmds.every((c) => c !== undefined) ? cmds : undefined;
}

/** Replays every nvme-cli output saved in the tree; returns the controllers they name. */
export function replaySavedNvmeOutputs(ctx: SourceContext): string[] {
  const controllers = new Set<string>();
  const unnamed = new Map<string, number>();
  for (const treeName of ctx.savedOutputs('nvme')) {
    const text = ctx.peekText(`/${treeName}`);
    const list = savedNvmeList(treeName, text);
    if (list) {
      ctx.runCommand(list, { replayFrom: treeName });
      continue;
    }
    const cmds = savedNvmeCommands(treeName, text);
    if (!cmds) {
      ctx.issue(treeName, 'UNKNOWN_NAME', 'saved nvme output: neither its name nor its text names a read-only nvme-cli subcommand and one NVMe device (e.g. id-ctrl_nvme0.out, fw-log_nvme0n1.out), nor is it nvme list (list.out, list_-v.out)');
      continue;
    }
    for (const cmd of cmds) replayOne(ctx, cmd, unnamed, controllers);
  }
  return [...controllers].sort();
}

function replayOne(ctx: SourceContext, cmd: SavedNvmeCommand, unnamed: Map<string, number>, controllers: Set<string>): void {
  const { treeName } = cmd;
  if (cmd.nameSaid) {
    ctx.issue(treeName, 'NAME-TEXT-CONFLICT', `saved nvme output: its name says ${cmd.nameSaid}, its own text ${cmd.argv[2]}; read as ${cmd.argv[2]}'s (the output names the controller it was run on)`);
  }
  if (cmd.controller === undefined) {
    // Each id-ctrl that names no node is stored (id-ctrl.out, id-ctrl@2.out, …): its drive is found by its serial.
    const key = cmd.argv.join(' ');
    const copy = (unnamed.get(key) ?? 0) + 1;
    unnamed.set(key, copy);
    if (ctx.runCommand(cmd.argv, { replayFrom: treeName, copy })) ctx.device('nvme', treeName);
    return;
  }
  if (ctx.runCommand(cmd.argv, { replayFrom: treeName })) controllers.add(cmd.controller);
}
