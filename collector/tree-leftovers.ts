import { MANIFEST_NAME, safeComponent } from '../bundle/format.js';
import type { CollectionIssue } from '../bundle/format.js';
import type { HostReader } from './host/reader.js';
import { REPORT_ARCHIVE, REPORT_MARKERS } from './import/detect.js';
import type { CollectorClass } from './source.js';
import { decodeWord, savedOutputStem } from './saved-output-name.js';
import { looseOutputName, looseOutputTool, namesToolAlone } from './tree-loose-outputs.js';
import { MAX_TYPED_TEXT, mayHoldTypedCommands } from './typed-commands.js';
import { outputShapes, savedTextParts, type OutputShape } from './output-shapes.js';
import { namesOwnTool, savedTypedParts } from './saved-typed-name.js';

/**
 * Files of a captured tree (`collect --root DIR`) that no class read: a misspelt tool folder
 * (`cmd/ethtol/`), an output saved beside `cmd/` instead of inside it, a name no class reads
 * (`cmd/devlink/dev-info.out`). Each is named in an issue, with the nearest name a class reads when one is
 * close, and kept byte for byte under `unread/` so that nothing the user gave is lost.
 *
 * Only where outputs are put is looked at: the tree's top level, `cmd/`, `ioctl/`, `unread/`, and
 * top-level folders named (nearly) like a tool. A copied host's own files (sys/, proc/, etc/…) are the
 * host's, many never read by design.
 */

/** Where kept files go in the bundle. */
export const UNREAD_PREFIX = 'unread/';
export const NOT_READ = 'NOT_READ';
/** Entries looked at in one scan, and files kept: a tree of a million files costs bounded time. */
const MAX_VISITED = 10_000;
const MAX_KEPT = 1_000;
const MAX_DEPTH = 6;
/** A host's own top-level folders: never where a person saves an output. */
const HOST_DIRS = new Set(['sys', 'proc', 'etc', 'dev', 'lib', 'lib32', 'lib64', 'usr', 'var', 'run', 'boot', 'opt', 'tmp', 'home', 'root', 'srv', 'mnt', 'media', 'bin', 'sbin']);

export interface Leftover {
  /** Its path in the tree, without a leading `/`. */
  tree: string;
  /** Why no class read it. */
  why: string;
  /** The nearest name a class reads, when one is close. */
  hint?: string;
  /** The entry is no file that can be kept (a FIFO, a device node, a link to nothing in the tree), as `why` says. */
  unkept?: true;
}

/** Which class declares each tool, and how each tool's saved names are read. */
export interface ToolTable {
  owner: ReadonlyMap<string, string>;
  saved: ReadonlyMap<string, (treeName: string) => boolean>;
  shapes: ReadonlyMap<string, OutputShape>;
}

export function toolTable(classes: readonly CollectorClass[]): ToolTable {
  const owner = new Map<string, string>();
  const saved = new Map<string, (treeName: string) => boolean>();
  for (const c of classes) {
    for (const [tool, p] of Object.entries(c.commands ?? {})) {
      owner.set(tool, c.name);
      // A name ending in an extension no output has (`.bak`) is read by no tool, whatever its words say.
      const reads = p.saved;
      if (reads) saved.set(tool, (n) => savedOutputStem(n.split('/').pop()!) !== undefined && reads(n));
    }
  }
  return { owner, saved, shapes: outputShapes(classes) };
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The tool a folder name stands for: itself, another case of it, or one typo away (two for long names). */
export function nearestTool(word: string, tools: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const t of tools) {
    const d = distance(w, t);
    if (d < bestD) [best, bestD] = [t, d];
  }
  return best !== undefined && bestD <= (best.length <= 5 ? 1 : 2) ? best : undefined;
}

/** `ethtool-i_eth0.txt`, `ethtool_-i_eth0.out`, `sudo ethtool -i eth0.log` → the tool and the rest of the name. */
function toolPrefix(file: string, tools: Iterable<string>): { tool: string; rest: string } | undefined {
  const f = file.toLowerCase().replace(/^sudo[-_ ]+/, '');
  const skipped = file.length - f.length;
  const tool = [...tools].filter((t) => f.startsWith(t) && /^[-_ .]/.test(f.slice(t.length))).sort((a, b) => b.length - a.length)[0];
  if (!tool) return undefined;
  const rest = file.slice(skipped + tool.length).replace(/^[-_ ]+/, '');
  return rest === '' || rest.startsWith('.') ? undefined : { tool, rest };
}

/** Names a person may have meant: the same words with `_` for `-` between them, a flag's dash, an output's extension. */
function nameVariants(file: string): string[] {
  const m = /^(.*?)(\.(?:out|txt|log))?$/.exec(file)!;
  // Another extension (`.json`, `.cap`, `.bak`) gives way to an output's.
  const stem = m[2] ? m[1]! : m[1]!.replace(/\.[A-Za-z][A-Za-z0-9]{0,7}$/, '');
  const ext = m[2] ?? '.out';
  const words = stem.replace(/ +/g, '_');
  const stems = [words, words.replace(/(?<=[A-Za-z0-9])-(?=[A-Za-z])/g, '_'), stem];
  const dashed = (s: string): string[] => (/^[A-Za-z](?:[_ ]|$)/.test(s) ? [`-${s}`, s] : [s]);
  return [...new Set(stems.flatMap(dashed).map((s) => `${s}${ext}`))];
}

/** The nearest name some class reads for a tree file no class read, if one is close. */
export function nearestSavedName(tree: string, table: ToolTable): string | undefined {
  const parts = tree.split('/');
  const file = parts.at(-1)!;
  const tools = [...table.saved.keys()];
  const tries: { tool: string; file: string }[] = [];
  const folderTool = parts.length === 3 && parts[0] === 'cmd' ? nearestTool(parts[1]!, tools) : parts.length === 2 && parts[0] !== 'cmd' && parts[0] !== 'ioctl' ? nearestTool(parts[0]!, tools) : undefined;
  if (folderTool) tries.push({ tool: folderTool, file });
  const loose = parts.length === 1 || (parts.length === 2 && parts[0] === 'cmd');
  const prefixed = loose || folderTool ? toolPrefix(file, tools) : undefined;
  if (prefixed && (!folderTool || prefixed.tool === folderTool)) tries.push({ tool: prefixed.tool, file: prefixed.rest });
  for (const t of tries) {
    for (const name of nameVariants(t.file)) {
      const candidate = `cmd/${t.tool}/${name}`;
      if (candidate !== tree && table.saved.get(t.tool)!(candidate)) return candidate;
    }
  }
  return undefined;
}

const REPORT_DIR = 'it is a sosreport or supportconfig (it holds sos_commands/ or basic-environment.txt), whose outputs are where a report puts them: give the report itself as --root, or to `fwsnap import`';

/** A folder at the top of the tree that is an extracted report (the same test `fwsnap analyze` makes of a folder it is given). */
function isReportDir(reader: HostReader, tree: string): boolean {
  for (const inside of REPORT_MARKERS) {
    try {
      reader.stat(`/${tree}/${inside}`);
      return true;
    } catch {
      /* not this one */
    }
  }
  return false;
}

function why(tree: string, table: ToolTable): string {
  const parts = tree.split('/');
  if (parts[0] === 'unread') return 'kept unread by an earlier collection';
  if (parts[0] === 'ioctl') return 'no device of the tree asked for this ioctl answer';
  if (parts[0] === 'cmd' && parts.length === 2) return 'an output goes in a folder named after its tool, cmd/<tool>/';
  if (parts[0] === 'cmd' && parts.length === 3 && table.owner.has(parts[1]!)) {
    const ext = /\.[^.]*$/.exec(parts[2]!)?.[0] ?? '';
    if (savedOutputStem(parts[2]!) === undefined && ext !== '.err' && ext !== '.status') return `${ext} is not an output's extension (.out, .txt, .log, .json, or none), and whether the word before it names a device cannot be told`;
    return table.saved.get(parts[1]!)?.(tree) ? 'another output of the same command was read instead' : `no ${parts[1]} command fwsnap reads has this name`;
  }
  if (parts[0] === 'cmd') return `fwsnap reads no tool named ${JSON.stringify(parts[1])}`;
  if (parts.length === 1 && REPORT_ARCHIVE.test(tree)) return 'its name is that of a sosreport or supportconfig archive: `fwsnap import` reads such a report, and so does `collect --root` given it';
  if (parts.length === 1) {
    const tool = looseOutputTool(tree, table.owner.keys());
    if (tool !== undefined) {
      const as = looseOutputName(tree, tool);
      return `read as ${as}, and ${table.saved.get(tool)?.(as) ? 'another output of the same command was read instead' : `no ${tool} command fwsnap reads has this name`}`;
    }
    return 'an output is read under cmd/<tool>/, or at the top of the tree under a name that starts with its tool\'s (flint_q.txt, nvme id-ctrl nvme0.txt); this name starts with no tool fwsnap reads';
  }
  return 'outputs are read only under cmd/<tool>/ (or at the top of the tree, named after their tool)';
}

/**
 * The tree files in the places outputs are saved that no class read. `read` says whether a tree file was
 * read (an artifact's replayedFrom); a read output's `.err` and `.status`, and a read answer's `.status`, are
 * read with it. `ran` says whether a class ran to its end: with `--only`, or when a class failed, its files
 * (under cmd/<tool>/, or loose at the top under its tool's name) are not named.
 */
export function findLeftovers(reader: HostReader, read: ReadonlySet<string>, ran: (cls: string) => boolean, table: ToolTable): { leftovers: Leftover[]; more: number } {
  const leftovers: Leftover[] = [];
  let visited = 0;
  let more = 0;
  const isRead = (tree: string): boolean => {
    if (read.has(tree)) return true;
    const base = tree.replace(/\.(?:err|status)$/, '');
    if (base === tree) return false;
    return ['', '.out', '.txt', '.log', '.json', '.OUT', '.TXT', '.LOG', '.JSON', '.bin'].some((ext) => read.has(`${base}${ext}`));
  };
  const owned = (tree: string): boolean => {
    const [top, second] = tree.split('/');
    const looseTool = second === undefined ? looseOutputTool(top!, table.owner.keys()) : undefined;
    const cls = top === 'ioctl' ? second : top === 'cmd' && second !== undefined ? table.owner.get(second) : looseTool !== undefined ? table.owner.get(looseTool) : undefined;
    return cls === undefined || ran(cls);
  };
  // Parts of texts saved whole that a class read: `ticket.txt:14` (the line the part's command was typed on).
  const readLines = new Map<string, Set<number>>();
  for (const r of read) {
    const m = /^([^/]+|cmd\/[^/]+\/[^/]+):(\d+)$/.exec(r);
    if (m) readLines.set(m[1]!, (readLines.get(m[1]!) ?? new Set()).add(Number(m[2])));
  }
  const consider = (tree: string): void => {
    if (isRead(tree) || !owned(tree)) return;
    const typed = tree.includes('/') && !/^cmd\/[^/]+\/[^/]+$/.test(tree) ? undefined : typedWhy(reader, tree, readLines.get(tree) ?? new Set(), table);
    if (typed === null) return;
    if (leftovers.length >= MAX_KEPT) {
      more++;
      return;
    }
    const original = tree.startsWith(UNREAD_PREFIX) ? keptName(tree).path.slice(1) : tree;
    // An output loose at the top of the tree stands for its name under cmd/<tool>/.
    const looseTool = original.includes('/') ? undefined : looseOutputTool(original, table.owner.keys());
    const standsFor = looseTool === undefined ? original : looseOutputName(original, looseTool);
    const [top, tool] = standsFor.split('/');
    // A name its tool reads needs no other: another output gave the same command.
    const hint = top === 'cmd' && table.saved.get(tool!)?.(standsFor) ? undefined : nearestSavedName(original, table);
    leftovers.push({ tree, why: typed ?? why(tree, table), ...(hint && typed === undefined ? { hint } : {}) });
  };
  const readName = (tree: string): boolean => {
    const [top, tool, file] = tree.split('/');
    return top === 'cmd' && file !== undefined && table.saved.get(tool!)?.(tree) === true;
  };
  // An entry in the outputs' places that is no file: named, never opened, never kept.
  const unreadable = (tree: string, why: string): void => {
    if (!owned(tree)) return;
    if (leftovers.length >= MAX_KEPT) more++;
    else leftovers.push({ tree, why, unkept: true });
  };
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = reader.list(`/${dir}`).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (++visited > MAX_VISITED) return;
      const tree = dir === '' ? n : `${dir}/${n}`;
      let type: string;
      try {
        type = reader.stat(`/${tree}`).type;
      } catch (e) {
        if (depth > 0 || !HOST_DIRS.has(n)) unreadable(tree, unopenable(reader, tree, e));
        continue;
      }
      if (type === 'file') {
        if (tree !== MANIFEST_NAME) consider(tree);
      } else if (type === 'other' && (depth > 0 || !HOST_DIRS.has(n)) && !readName(tree)) {
        // Under a name its tool reads, the class tried it and named it (ENOTREG) already.
        unreadable(tree, 'it is no regular file (a FIFO, socket or device node), which fwsnap never opens');
      } else if (type === 'dir' && depth < MAX_DEPTH) {
        const top = depth === 0;
        if (top && !HOST_DIRS.has(n) && isReportDir(reader, tree)) unreadable(tree, REPORT_DIR);
        else if (!top || ['cmd', 'ioctl', 'unread'].includes(n) || (!HOST_DIRS.has(n) && nearestTool(n, table.owner.keys()) !== undefined)) walk(tree, depth + 1);
      }
    }
  };
  walk('', 0);
  return { leftovers, more };
}

/**
 * A text at the top of the tree that holds commands typed by a person (typed-commands.ts): null when every part was
 * read, else why it is kept whole (the parts read, and each part not read with the reason); undefined when it holds no
 * typed command of a tool fwsnap reads.
 */
function typedWhy(reader: HostReader, tree: string, readLines: ReadonlySet<number>, table: ToolTable): string | null | undefined {
  // Under cmd/<tool>/: its tool's name alone (saved-typed-name.ts); at the top: no tool's, or its tool's alone.
  const [, dir, file] = tree.split('/');
  const saved = file === undefined ? undefined : { file, tool: dir! };
  const own = saved?.tool ?? looseOutputTool(tree, table.owner.keys());
  if (saved !== undefined ? !namesOwnTool(saved.file, saved.tool) : own !== undefined && !namesToolAlone(tree, own)) return undefined;
  if (!mayHoldTypedCommands(tree, savedOutputStem(tree.split('/').pop()!))) return undefined;
  let data: Buffer;
  try {
    const out = reader.readFile(`/${tree}`, { maxBytes: MAX_TYPED_TEXT });
    if (out.truncated) return undefined;
    data = out.data;
  } catch {
    return undefined;
  }
  const tools = new Set(table.owner.keys());
  const parts = saved !== undefined ? savedTypedParts(saved.file, saved.tool, data, tools, table.shapes) : savedTextParts(data, tools, table.shapes, own);
  if (parts.length === 0) return undefined;
  const typed = (p: (typeof parts)[number]): string => `\`${p.argv.join(' ')}\` (line ${p.line})`;
  const unread = parts.filter((p) => !readLines.has(p.line));
  if (unread.length === 0) return null;
  const done = parts.filter((p) => readLines.has(p.line));
  const reason = (p: (typeof parts)[number]): string => {
    if (p.wholeAt !== undefined) return `an excerpt (\`| ${p.filter}\`) of the output typed whole on line ${p.wholeAt}, which is read instead`;
    const tool = p.argv[0]!;
    return table.saved.get(tool)?.(p.name) ? 'its class did not read it (another output of the same command was read, or the command names no device it can tell)' : `no ${tool} command fwsnap reads has this name`;
  };
  return `split at the commands typed in it${done.length ? `; read: ${done.map(typed).join(', ')}` : ''}; not read: ${unread.map((p) => `${typed(p)}, ${reason(p)}`).join('; ')}`;
}

/** Why an entry could not be opened, in the tree's own terms (a link's target as written; no path of this machine). */
function unopenable(reader: HostReader, tree: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  let target: string | undefined;
  try {
    target = reader.readLink(`/${tree}`);
  } catch {
    target = undefined;
  }
  if (target !== undefined && (code === 'ENOENT' || code === 'ENOTDIR')) return `it is a link to ${target}, which is not in the tree`;
  if (target !== undefined && code === 'ELOOP') return `it is a link to ${target}, which leads round in a loop`;
  return `it could not be opened in the tree (${code})`;
}

/** Where a leftover is kept in the bundle, and the tree path it stands for (an earlier collection's `unread/` entry keeps its name). */
export function keptName(tree: string): { name: string; path: string } {
  if (tree.startsWith(UNREAD_PREFIX)) {
    const rest = tree.slice(UNREAD_PREFIX.length);
    return { name: tree, path: `/${rest.split('/').map(decodeWord).join('/')}` };
  }
  return { name: `${UNREAD_PREFIX}${tree.split('/').map(safeComponent).join('/')}`, path: `/${tree}` };
}

/** The issue naming one leftover, as `collect` prints it. */
export function leftoverIssue(l: Leftover): CollectionIssue {
  if (l.unkept) return { source: 'tree', target: l.tree, code: NOT_READ, message: `not read and not kept: ${l.why}` };
  const kept = keptName(l.tree).name;
  const keptText = kept === l.tree ? 'kept as it was' : `kept as ${kept}`;
  return { source: 'tree', target: l.tree, code: NOT_READ, message: `not read: ${l.why}${l.hint ? `; did you mean ${l.hint}?` : ''} (${keptText})` };
}

/** Files an outputs folder held beyond what is kept. */
export function moreIssue(more: number): CollectionIssue {
  return { source: 'tree', target: 'cmd', code: NOT_READ, message: `${more} more files not read and not kept` };
}
