import { commandArtifactName, DIR_ENTRY_NAMES, DIR_LINK_NAME, dirListingArtifactName, escapeDirEntryName, fileArtifactName, ioctlArtifactName, MANIFEST_NAME, safeComponent, statusArtifactName, unescapeDirEntryName } from '../../bundle/format.js';
import { readSync } from 'node:fs';
import { notRegular, readOpenFile, type ReadOutcome } from '../fs-reader.js';
import type { IoctlQuery } from '../source.js';
import { savedNameWords, savedOutputStem } from '../saved-output-name.js';
import { looseArgsName, looseOutputName, looseOutputTool, namesToolAlone } from '../tree-loose-outputs.js';
import { MAX_TYPED_TEXT, mayHoldTypedCommands } from '../typed-commands.js';
import { savedTextParts, type OutputShape, type SavedPart } from '../output-shapes.js';
import { namesOwnTool, savedTypedParts } from '../saved-typed-name.js';
import { ConfinedTree } from './confined-tree.js';
import { scanManifest, type ManifestNotes } from './manifest-scan.js';
import { hostStat } from './live-reader.js';
import { fsError, utf8Names, type CommandReply, type HostReader, type HostStat, type IoctlReply, type Problem, type ReadRequest, type RecordedListing, type RunRequest } from './reader.js';

/** Largest captured ioctl answer read back. */
const MAX_IOCTL_ANSWER = 64 * 1024 * 1024;
/** As readers of bundles allow (bundle/reader.ts). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_STATUS_TEXT = 64;
/** A recorded listing: as many names as the collector keeps (MAX_DIR_ENTRIES), each up to NAME_MAX bytes and a newline. */
const MAX_LISTING_BYTES = 16_384 * 256;
/** Where a host path is in a tree laid out as an extracted bundle: a host file named like the bundle's own entries is stored escaped. */
const inTree = (path: string): string => path.split('/').map(escapeDirEntryName).join('/');

/** Where a part of a text saved whole lies: the file, the part's bytes [start, end) and the line its command was typed on. */
interface PartPlace {
  file: string;
  start: number;
  end: number;
  line: number;
  /** A UTF-16 text's byte-order mark, put before the part's bytes so they say how they are encoded. */
  bom?: Buffer;
  /** Typed with a filter after it (`| grep fr`): an excerpt of the output. */
  excerpt?: true;
}

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'EIO';

/**
 * A captured tree (`collect --root DIR`), laid out as an extracted bundle: host files at their mirrored
 * paths, command outputs under `cmd/`, ioctl answers under `ioctl/`, exit statuses and ioctl return values in
 * `.status` entries beside them (absent: 0). Nothing is executed, and nothing outside DIR is ever read
 * (ConfinedTree); only regular files are opened.
 */
export class TreeReader implements HostReader {
  readonly captured = true;
  private readonly tree: ConfinedTree;
  /** What the tree's own manifest (an extracted bundle's) says of its files; read on first need. */
  private notes?: ManifestNotes;

  /** Outputs saved at the top of the tree, by the name they stand for (`cmd/<tool>/<file>`) → their own name; read on first need. */
  private loose?: Map<string, string>;
  /** The same outputs by the name their command's words give (`cmd/<tool>/--version.txt`), found but never listed. */
  private readonly byArgs = new Map<string, string>();
  /** Parts of texts saved whole at the top of the tree (typed-commands.ts), by the name of the command typed above each (`cmd/flint/-d_03:00.0_q.out`). */
  private readonly parts = new Map<string, PartPlace>();
  /** Outputs under `cmd/<tool>/` read as the commands typed in them (savedTypedParts), not by their names. */
  private readonly splitSaved = new Set<string>();

  /**
   * `tools`: the tools whose outputs classes read. Given, an output saved at the top of the tree under a name that
   * starts with a tool's (tree-loose-outputs.ts) is also seen under `cmd/<tool>/`; read, it is replayed from its own name.
   */
  /**
   * `reads`: by tool, whether its class reads a saved output of that name. A typed part no class reads is not seen
   * under `cmd/<tool>/`: the text's NOT_READ names it (tree-leftovers.ts), once. A text told by its lines alone (no
   * command typed) is always seen: its class reads it by what it holds, whatever name its shape gives it.
   */
  constructor(root: string, private readonly tools: readonly string[] = [], private readonly shapes: ReadonlyMap<string, OutputShape> = new Map(),
    private readonly reads: ReadonlyMap<string, (treeName: string) => boolean> = new Map()) {
    this.tree = new ConfinedTree(root, () => this.manifestNotes().links);
  }

  private looseOutputs(): Map<string, string> {
    if (this.loose) return this.loose;
    this.loose = new Map();
    if (this.tools.length === 0) return this.loose;
    let names: string[];
    try {
      names = this.list('/');
    } catch {
      return this.loose;
    }
    for (const n of names.sort()) {
      if (n === MANIFEST_NAME) continue;
      const tool = looseOutputTool(n, this.tools);
      if (tool === undefined) this.splitTyped(n);
      // Named by its tool alone, the commands typed in it name what it holds, as a ticket's do.
      else if (namesToolAlone(n, tool) && this.splitTyped(n, tool)) continue;
      if (tool === undefined || !this.exists(`/${n}`, 'file')) continue;
      const name = looseOutputName(n, safeComponent(tool));
      // An output saved under cmd/<tool>/ by the same name is the one read.
      if (!this.exists(`/${name}`)) this.loose.set(name, n);
      // A tool read only by its command's own name (nv-fabricmanager --version, uname -r) finds it by that name too.
      const own = looseOutputName(looseArgsName(n, tool), safeComponent(tool));
      if (own !== name && !this.exists(`/${own}`) && !this.byArgs.has(own)) this.byArgs.set(own, n);
    }
    for (const tool of this.tools) this.splitSavedTyped(safeComponent(tool), tool);
    return this.loose;
  }

  /** The outputs under `cmd/<tool>/` named by their tool alone (`mlxfwmanager.txt`) that type the tool's command, split at it. */
  private splitSavedTyped(dir: string, tool: string): void {
    let names: string[];
    try {
      names = this.exists(`/cmd/${dir}`, 'dir') ? this.realList(`/cmd/${dir}`) : [];
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const file = `cmd/${dir}/${n}`;
      if (!namesOwnTool(n, tool) || this.splitSaved.has(file)) continue;
      const data = this.typedText(file);
      const [p] = data === undefined ? [] : savedTypedParts(n, tool, data, new Set(this.tools), this.shapes);
      if (p === undefined || p.wholeAt !== undefined || (!p.shaped && this.reads.get(p.argv[0]!)?.(p.name) === false)) continue;
      // The typed command's name already taken (another output saved or typed under it): this one keeps its own name, so both are read.
      if (this.nameTaken(p.name, [file, ...names.map((o) => `cmd/${dir}/${o}`)])) continue;
      this.parts.set(p.name, placeOf(file, p));
      this.splitSaved.add(file);
    }
  }

  /**
   * Whether an output of this name is already seen: saved under it (or under a name of the same words, `--query.txt`,
   * `mlxfwmanager_--query.log`), loose at the top of the tree for it, or a part of a text typed under it. `inDir`: the
   * files of its folder, the first the one asking (not counted).
   */
  private nameTaken(name: string, inDir: readonly string[]): boolean {
    const loose = this.loose ?? new Map<string, string>();
    if (this.parts.has(name) || loose.has(name) || this.byArgs.has(name) || this.exists(`/${name}`)) return true;
    const words = savedNameWords(name).join(' ');
    const [self, ...files] = inDir;
    const dir = name.slice(0, name.lastIndexOf('/') + 1);
    const seen = [...files.filter((f) => f !== self), ...[...this.parts.keys(), ...loose.keys(), ...this.byArgs.keys()].filter((k) => k.startsWith(dir) && !k.slice(dir.length).includes('/'))];
    return seen.some((f) => savedNameWords(f).join(' ') === words);
  }

  /** A text read whole to split at the commands typed in it; undefined when it is none or too large. */
  private typedText(file: string): Buffer | undefined {
    if (!mayHoldTypedCommands(file, savedOutputStem(file.split('/').pop()!)) || !this.exists(`/${file}`, 'file')) return undefined;
    try {
      const out = this.tree.withFile(inTree(`/${file}`), (fd, st) => readOpenFile(fd, st, file, MAX_TYPED_TEXT));
      return out.truncated ? undefined : out.data;
    } catch {
      return undefined;
    }
  }

  /** Each part a class reads, under the name of its command, unless a file of that name is saved. Whether there were any. */
  private addParts(file: string, parts: readonly SavedPart[]): boolean {
    for (const p of parts) {
      if (p.wholeAt !== undefined || (!p.shaped && this.reads.get(p.argv[0]!)?.(p.name) === false)) continue;
      if (!this.parts.has(p.name) && !this.exists(`/${p.name}`)) this.parts.set(p.name, placeOf(file, p));
    }
    return parts.length > 0;
  }

  /**
   * A text at the top of the tree naming no tool, split at the commands of known tools typed in it, else read as the
   * output its lines show; one named by its tool alone (`own`), split when the first command typed in it is that
   * tool's. Whether it was split.
   */
  private splitTyped(file: string, own?: string): boolean {
    const data = this.typedText(file);
    return data !== undefined && this.addParts(file, savedTextParts(data, new Set(this.tools), this.shapes, own));
  }

  private partFor(path: string): PartPlace | undefined {
    this.looseOutputs();
    return this.parts.get(path.replace(/^\/+/, ''));
  }

  /** The part of a text saved whole that stands for this name, read: its bytes and where they came from (`ticket.txt:14`). */
  private typedPart(path: string, maxBytes: number, tail?: boolean): (ReadOutcome & { replayedFrom: string }) | undefined {
    const part = this.partFor(path);
    if (part === undefined) return undefined;
    // Only the part's bytes are read (its tail when asked), not the whole text again.
    const size = part.end - part.start;
    const take = Math.min(size, maxBytes);
    const data = this.tree.withFile(inTree(`/${part.file}`), (fd, st) => {
      if (!st.isFile()) throw notRegular(part.file);
      const buf = Buffer.alloc(take);
      return buf.subarray(0, readSync(fd, buf, 0, take, tail ? part.end - take : part.start));
    });
    return { data: part.bom ? Buffer.concat([part.bom, data]) : data, truncated: take < size, replayedFrom: `${part.file}:${part.line}` };
  }

  private exists(path: string, type?: HostStat['type']): boolean {
    try {
      const st = hostStat(this.tree.resolve(inTree(path)).st);
      return type === undefined || st.type === type;
    } catch {
      return false;
    }
  }

  /** A tree path (with or without its leading `/`) as it is on disk: a top-level output's own name for the name it stands for. */
  private onDisk(path: string): string {
    const slash = path.startsWith('/');
    const bare = slash ? path.slice(1) : path;
    if (!bare.startsWith('cmd/')) return path;
    const own = this.looseOutputs().get(bare) ?? this.byArgs.get(bare);
    return own === undefined ? path : `${slash ? '/' : ''}${own}`;
  }

  /** The folders `cmd/` and `cmd/<tool>/` hold only through top-level outputs: `cmd` or `cmd/<tool>` → the names seen in it. */
  private looseIn(path: string): string[] | undefined {
    const dir = path.replace(/^\/+/, '').replace(/\/+$/, '');
    if (dir !== 'cmd' && !/^cmd\/[^/]+$/.test(dir)) return undefined;
    const names = [...this.looseOutputs().keys(), ...this.parts.keys()].filter((n) => n.startsWith(`${dir}/`)).map((n) => n.slice(dir.length + 1).split('/')[0]!);
    return names.length ? [...new Set(names)] : undefined;
  }

  /**
   * A bundle stores a link as a file holding its target, and a capped file as the bytes kept. When the tree is
   * an extracted bundle, its manifest says which files those are: the links are followed like the links they
   * were, and the capped files are marked truncated again. A hand-made tree has no such notes.
   */
  private manifestNotes(): ManifestNotes {
    if (this.notes) return this.notes;
    this.notes = { links: new Set(), truncated: new Map() };
    try {
      this.notes = this.tree.withFile(`/${MANIFEST_NAME}`, (fd) => scanManifest(fd, MAX_MANIFEST_BYTES));
    } catch {
      /* no manifest: a hand-made tree */
    }
    return this.notes;
  }

  /** Whether the manifest recorded this entry as cut short at exactly the length read back. */
  private wasCut(name: string, out: ReadOutcome): boolean {
    return out.truncated || this.manifestNotes().truncated.get(name) === out.data.length;
  }

  list(path: string, skipped?: (name: string) => void): string[] {
    if (path === '/') return this.realList(path, skipped);
    const loose = this.looseIn(path);
    const real = loose === undefined || this.exists(path, 'dir') ? this.realList(path, skipped) : [];
    // A text under cmd/<tool>/ split at the commands typed in it is seen as its parts, not by its own name.
    const dir = path.replace(/^\/+/, '').replace(/\/+$/, '');
    return [...new Set([...real.filter((n) => !this.splitSaved.has(`${dir}/${n}`)), ...(loose ?? [])])];
  }

  private realList(path: string, skipped?: (name: string) => void): string[] {
    const { at, st } = this.tree.resolve(inTree(path));
    if (!st.isDirectory()) throw fsError('ENOTDIR', `${path} is not a directory in the tree`);
    // The bundle's own entries are not the host's; a host's file of such a name is there escaped.
    return utf8Names(this.tree.real(at), skipped).filter((n) => !DIR_ENTRY_NAMES.has(n)).map(unescapeDirEntryName);
  }

  stat(path: string): HostStat {
    if (path !== '/' && this.looseIn(path) !== undefined && !this.exists(path)) return hostStat(this.tree.resolve('/').st);
    const part = this.partFor(path);
    if (part !== undefined) return hostStat(this.tree.resolve(inTree(`/${part.file}`)).st);
    return hostStat(this.tree.resolve(inTree(this.onDisk(path))).st);
  }

  readFile(hostPath: string, req: ReadRequest): ReadOutcome & { replayedFrom: string } {
    const typed = this.typedPart(hostPath, req.maxBytes, req.tail);
    if (typed !== undefined) return typed;
    const path = this.onDisk(hostPath);
    const out = this.tree.withFile(inTree(path), (fd, st) => readOpenFile(fd, st, path, req.maxBytes, req.tail));
    const name = fileArtifactName(path);
    return { data: out.data, truncated: this.wasCut(name, out), replayedFrom: name };
  }

  /** A real link in the tree, or, as a bundle stores links, a file holding the target (`<dir>/.link` for a directory). */
  readLink(path: string): string {
    const r = this.tree.resolve(inTree(path), false);
    if (r.st.isSymbolicLink() || r.st.isFile()) return this.tree.linkText(r);
    if (!r.st.isDirectory()) throw fsError('EINVAL', `${path} is not a link in the tree`);
    try {
      return this.tree.linkText(this.tree.resolve(`${inTree(path)}/${DIR_LINK_NAME}`, false));
    } catch (e) {
      if (errCode(e) === 'ENOENT') throw fsError('EINVAL', `${path} is not a link in the tree`);
      throw e;
    }
  }

  recordedListing(path: string): RecordedListing | undefined {
    const name = dirListingArtifactName(path);
    let data: Buffer;
    try {
      data = this.bytes(name, MAX_LISTING_BYTES);
    } catch (e) {
      if (errCode(e) === 'ENOENT' || errCode(e) === 'ENOTDIR') return undefined;
      throw Object.assign(e as Error, { message: `recorded listing could not be read: ${(e as Error).message}` });
    }
    const statusFrom = statusArtifactName(name);
    const status = this.status(statusFrom);
    const truncated = this.manifestNotes().truncated.get(name) === data.length;
    return { names: data.toString('utf8').split('\n').filter((n) => n !== ''), truncated, errno: status.value, replayedFrom: name, statusFrom, problem: status.problem };
  }

  hasCommand(tool: string): boolean {
    try {
      return this.stat(`/cmd/${safeComponent(tool)}`).type === 'dir';
    } catch {
      return false;
    }
  }

  ownName(path: string): string {
    const part = this.partFor(path);
    return part === undefined ? this.onDisk(path) : `${part.file}:${part.line}`;
  }

  excerpt(path: string): boolean {
    return this.partFor(path)?.excerpt === true;
  }

  savedOutputs(tool: string): string[] {
    const dir = `cmd/${safeComponent(tool)}`;
    let names: string[];
    try {
      names = this.list(`/${dir}`);
    } catch {
      return [];
    }
    return names.filter((n) => savedOutputStem(n) !== undefined && this.isFile(`/${dir}/${n}`)).map((n) => `${dir}/${n}`);
  }

  private isFile(path: string): boolean {
    try {
      return this.stat(path).type === 'file';
    } catch {
      return false;
    }
  }

  run(argv: string[], req: RunRequest): CommandReply {
    // A command's own name, else the same name saved as .txt, .log or .json, as a person may have saved it.
    const exact = commandArtifactName(argv, 'stdout');
    const names = req.replayFrom !== undefined ? [req.replayFrom] : [exact, ...['.txt', '.log', '.json'].map((ext) => exact.replace(/\.out$/, ext))];
    let outName = names[0]!;
    let stdout: ReadOutcome | undefined;
    // An excerpt typed in a ticket (`| grep fr`) is read only when the tree holds no whole output of the command.
    const whole = names.some((n) => this.partFor(n) === undefined && this.exists(this.onDisk(n.startsWith('/') ? n : `/${n}`), 'file'));
    for (const n of names) {
      if (whole && this.excerpt(n)) continue;
      const typed = this.typedPart(n, req.maxBytes);
      // A part of a text saved whole has no .err or .status beside it.
      if (typed !== undefined) return { ran: true, stdout: typed.data, stderr: Buffer.alloc(0), truncated: typed.truncated, exitStatus: 0, replayedFrom: typed.replayedFrom };
    }
    for (const name of names.map((n) => this.onDisk(n))) {
      try {
        stdout = this.tree.withFile(name, (fd, st) => readOpenFile(fd, st, name, req.maxBytes));
        outName = name;
        break;
      } catch (e) {
        if (errCode(e) !== 'ENOENT') return { ran: false, problem: { code: errCode(e), message: `replayed output could not be read: ${(e as Error).message}` } };
      }
    }
    if (stdout === undefined) return { ran: false };
    // A saved output may end in .txt, .log or .json, or have no extension; .err and .status beside it are looked for then.
    const stem = savedOutputStem(outName.split('/').pop()!);
    const sibling = (ext: string): string | undefined => (stem === undefined ? undefined : `${outName.slice(0, outName.lastIndexOf('/') + 1)}${stem}${ext}`);
    const errName = sibling('.err');
    let stderr: Buffer = Buffer.alloc(0);
    let problem: Problem | undefined;
    if (errName !== undefined) {
      try {
        stderr = this.tree.withFile(errName, (fd, st) => readOpenFile(fd, st, errName, req.maxBytes)).data;
      } catch (e) {
        if (errCode(e) !== 'ENOENT') problem = { code: errCode(e), message: `replayed ${errName} could not be read: ${(e as Error).message}` };
      }
    }
    const statusName = sibling('.status');
    const status = statusName === undefined ? { value: 0 } : this.status(statusName);
    return { ran: true, stdout: stdout.data, stderr, truncated: this.wasCut(outName, stdout), exitStatus: status.value, problem: problem ?? status.problem, replayedFrom: outName, statusFrom: statusName };
  }

  ioctl(q: IoctlQuery): IoctlReply | undefined {
    const name = ioctlArtifactName(q.class, q.device, q.what);
    let data: Buffer;
    try {
      data = this.bytes(name, MAX_IOCTL_ANSWER);
    } catch (e) {
      if (errCode(e) === 'ENOENT') return undefined;
      throw Object.assign(e as Error, { message: `replayed answer could not be read: ${(e as Error).message}` });
    }
    const statusFrom = statusArtifactName(name);
    const status = this.status(statusFrom);
    return { rc: status.value, errno: 0, data, replayedFrom: name, statusFrom, problem: status.problem };
  }

  close(): void {}

  /** A `.status` entry: 0 when there is none (a hand-made tree). */
  private status(name: string): { value: number; problem?: Problem } {
    let text: string;
    try {
      text = this.bytes(name, MAX_STATUS_TEXT).toString('utf8');
    } catch (e) {
      if (errCode(e) === 'ENOENT') return { value: 0 };
      return { value: 0, problem: { code: errCode(e), message: `${name} could not be read (status 0 assumed): ${(e as Error).message}` } };
    }
    const m = /^\s*(-?\d{1,10})\s*$/.exec(text);
    if (m) return { value: Number(m[1]) };
    return { value: 0, problem: { code: 'EINVAL', message: `${name} holds no integer status (status 0 assumed)` } };
  }

  private bytes(name: string, max: number): Buffer {
    return this.tree.withFile(name, (fd, st) => readOpenFile(fd, st, name, max)).data;
  }
}

/** Where a typed part lies in its text; one typed with a filter after it is an excerpt. */
function placeOf(file: string, p: SavedPart): PartPlace {
  return { file, start: p.start, end: p.end, line: p.line, bom: p.bom, ...(p.filter !== undefined ? { excerpt: true as const } : {}) };
}
