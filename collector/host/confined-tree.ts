import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { readOpenFile } from '../fs-reader.js';
import { fsError } from './reader.js';

/** As many links as the kernel follows in one lookup (MAXSYMLINKS) before it answers ELOOP. */
const MAX_LINKS = 40;
/** A link target is a path: PATH_MAX. */
export const MAX_LINK_TEXT = 4096;

const parts = (p: string): string[] => p.split('/').filter((c) => c !== '' && c !== '.');

interface Resolved {
  /** Components under the root, each a real directory entry (no link among them except, unfollowed, the last). */
  at: string[];
  /** lstat of the last component (of the root itself for an empty path). */
  st: Stats;
}

/**
 * Paths of a directory tree taken as the root of a host, resolved as the kernel does under chroot (or
 * openat2 RESOLVE_IN_ROOT): every component is looked up in the tree, a link's target is resolved inside
 * it (an absolute target starts again at the tree's root, as sysfs captures need), `..` stops at the root,
 * and more than 40 links is ELOOP. No lookup ever leaves the tree.
 */
export class ConfinedTree {
  readonly root: string;
  /** Directories already resolved: host path → components under the root. The tree is taken to stand still. */
  private readonly dirs = new Map<string, string[]>();

  private readonly prefix: string;
  /** The last path resolved with its link followed: a source stats an attribute, then reads it. */
  private last?: { path: string; r: Resolved };

  /**
   * `storedLinks()`: the names (relative to the root) of regular files that stand for symbolic links whose
   * target is their content, as a bundle stores links; such a file is followed like a link.
   */
  constructor(root: string, private readonly storedLinks: () => ReadonlySet<string> = () => new Set()) {
    this.root = realpathSync(root);
    this.prefix = this.root === '/' ? '' : this.root;
  }

  /** Components are never empty, `.` or `..`, and hold no `/`: joined as they are. */
  real(at: readonly string[]): string {
    return at.length ? `${this.prefix}/${at.join('/')}` : this.root;
  }

  /** Resolves a host path; the last component is followed when it is a link unless followLast is false. */
  resolve(hostPath: string, followLast = true): Resolved {
    if (followLast && this.last?.path === hostPath) return this.last.r;
    const p = parts(hostPath);
    if (p.length === 0) return { at: [], st: lstatSync(this.root) };
    const r = this.walk(this.dir(p.slice(0, -1)), [p[p.length - 1]!], followLast, { links: 0 });
    if (followLast) this.last = { path: hostPath, r };
    return r;
  }

  private dir(p: string[]): string[] {
    const key = p.join('/');
    const cached = this.dirs.get(key);
    if (cached) return cached;
    let at: string[] = [];
    if (p.length) {
      const r = this.walk(this.dir(p.slice(0, -1)), [p[p.length - 1]!], true, { links: 0 });
      if (!r.st.isDirectory()) throw fsError('ENOTDIR', `/${key} is not a directory in the tree`);
      at = r.at;
    }
    this.dirs.set(key, at);
    return at;
  }

  private walk(start: readonly string[], todo: string[], followLast: boolean, count: { links: number }): Resolved {
    let at = [...start];
    let st: Stats | undefined;
    while (todo.length) {
      const c = todo.shift()!;
      const last = todo.length === 0;
      if (st !== undefined && !st.isDirectory()) throw fsError('ENOTDIR', `${this.real(at)} is not a directory`);
      if (c === '..') {
        at.pop();
        st = undefined;
        continue;
      }
      const real = this.real([...at, c]);
      const s = lstatSync(real);
      const stored = s.isFile() && s.size <= MAX_LINK_TEXT && (followLast || !last) && this.isStoredLink(at, c);
      if ((s.isSymbolicLink() || stored) && (followLast || !last)) {
        if (++count.links > MAX_LINKS) throw fsError('ELOOP', `too many levels of symbolic links at ${real}`);
        const target = stored ? this.readStored([...at, c]) : readlinkSync(real);
        if (target.startsWith('/')) at = [];
        st = undefined;
        todo.unshift(...parts(target));
        continue;
      }
      at.push(c);
      st = s;
    }
    return { at, st: st ?? lstatSync(this.real(at)) };
  }

  private isStoredLink(at: readonly string[], c: string): boolean {
    const links = this.storedLinks();
    return links.size > 0 && links.has(at.length ? `${at.join('/')}/${c}` : c);
  }

  private readStored(at: string[]): string {
    return this.linkText({ at, st: lstatSync(this.real(at)) });
  }

  /** The target text of a resolved, unfollowed link: a real one, or a file holding it as a bundle stores links. */
  linkText(r: Resolved): string {
    if (r.st.isSymbolicLink()) return readlinkSync(this.real(r.at));
    return this.open(r.at, r.st, (fd, st) => readOpenFile(fd, st, this.real(r.at), MAX_LINK_TEXT).data.toString('utf8').trim());
  }

  /**
   * Opens a regular file of the tree for reading and hands its descriptor to `read`. Anything else (FIFO,
   * socket, device node, directory) is refused without being opened. The descriptor is checked to be the
   * file that was looked up, inside the tree, so a tree changed meanwhile cannot redirect the read.
   */
  withFile<T>(hostPath: string, read: (fd: number, st: Stats) => T): T {
    const { at, st } = this.resolve(hostPath);
    return this.open(at, st, read, hostPath);
  }

  private open<T>(at: string[], st: Stats, read: (fd: number, st: Stats) => T, hostPath = `/${at.join('/')}`): T {
    if (!st.isFile()) throw fsError('ENOTREG', `${hostPath} is ${st.isDirectory() ? 'a directory, not a regular file,' : 'not a regular file'} in the tree; not opened`);
    const fd = openSync(this.real(at), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
    try {
      const now = fstatSync(fd);
      if (!now.isFile() || now.ino !== st.ino || now.dev !== st.dev || !this.inside(fd)) {
        throw fsError('ESTALE', `${hostPath} changed while it was opened; not read`);
      }
      // A hard link is the same file under another name, which may be outside the tree: nothing says where.
      // Captures (sysfs, procfs, extracted bundles) hold none, so a file with more than one name is not read.
      if (now.nlink > 1 && this.root !== '/') {
        throw fsError('EMLINK', `${hostPath} has ${now.nlink} hard links (it may be a file outside the tree); not read`);
      }
      return read(fd, now);
    } finally {
      closeSync(fd);
    }
  }

  /** Where the kernel says the descriptor points; true where /proc is not mounted to say. */
  private inside(fd: number): boolean {
    let where: string;
    try {
      where = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return true;
    }
    return where.startsWith(this.root === '/' ? '/' : `${this.root}/`);
  }
}
