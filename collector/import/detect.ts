import { closeSync, constants as fsc, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';

/** A tar header's name field: the first 100 bytes, up to the first NUL. */
const tarName = (header: Buffer): string => header.toString('latin1', 0, 100).replace(/\0[\s\S]*$/, '');

/** A bundle's entries are files at the archive's root; a report's first entry is its top directory or lies inside one. */
function reportTar(header: Buffer): boolean {
  if (header.length < 512 || header.toString('latin1', 257, 262) !== 'ustar') return false;
  const name = tarName(header).replace(/^\.\//, '');
  return header[156] === 0x35 /* '5': directory */ || /^(sosreport-|scc_|sos_commands\/)/.test(name) || /^[^/]+\/(sos_commands|sos_reports|basic-environment\.txt)/.test(name);
}

async function firstBlockOfGzip(path: string): Promise<Buffer> {
  const fd = openSync(path, fsc.O_RDONLY | fsc.O_NOFOLLOW | fsc.O_NONBLOCK);
  try {
    const head = Buffer.alloc(64 * 1024);
    let n = 0;
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } catch {
      /* nothing read: no report */
    }
    return await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      let got = 0;
      const g = createGunzip();
      g.on('data', (c: Buffer) => {
        chunks.push(c);
        got += c.length;
        if (got >= 512) {
          g.destroy();
          resolve(Buffer.concat(chunks));
        }
      });
      g.on('error', () => resolve(Buffer.concat(chunks)));
      g.on('close', () => resolve(Buffer.concat(chunks)));
      g.end(head.subarray(0, n));
    });
  } finally {
    closeSync(fd);
  }
}

/** A sosreport's or supportconfig's archive as the tools name it. */
export const REPORT_ARCHIVE = /^(?:sosreport-|scc_).*\.(?:tar\.(?:xz|gz|bz2)|txz|tgz|tbz2?)$/;

/** What a directory holds that makes it an extracted report: sos's `sos_commands/`, supportconfig's `basic-environment.txt`. */
export const REPORT_MARKERS = ['sos_commands', 'basic-environment.txt'] as const;

/**
 * Whether a path `analyze` was given is a sosreport or supportconfig rather than a bundle: a directory holding
 * `sos_commands/` or `basic-environment.txt`, an xz or bzip2 archive (bundles are gzip), or a tar whose first
 * entry is a top directory. Anything else is left to the bundle reader and its own errors.
 */
export async function looksLikeReport(path: string): Promise<boolean> {
  let st: Stats | undefined;
  try {
    st = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return false; // ENOTDIR, EACCES, ...: the bundle reader says why
  }
  if (!st) return false;
  if (st.isDirectory()) return REPORT_MARKERS.some((n) => lstatSync(join(path, n), { throwIfNoEntry: false }) !== undefined);
  if (!st.isFile()) return false;
  let fd: number;
  try {
    fd = openSync(path, fsc.O_RDONLY | fsc.O_NOFOLLOW | fsc.O_NONBLOCK);
  } catch {
    return false; // unreadable: the bundle reader says why
  }
  const head = Buffer.alloc(512);
  let n: number;
  try {
    n = readSync(fd, head, 0, 512, 0);
  } catch {
    return false; // EIO, EISDIR...: the bundle reader says why
  } finally {
    closeSync(fd);
  }
  if (n >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return true;
  if (n >= 3 && head.toString('latin1', 0, 3) === 'BZh') return true;
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return reportTar(await firstBlockOfGzip(path));
  return reportTar(head);
}
