import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STDIN_NAME } from './stdin-bundle.js';
import { note } from './verbosity.js';

/** A bundle's file name (collect writes `.tar.gz`); a report's archive is read as the report it is. */
const BUNDLE_NAME = /\.(?:tar\.gz|tgz)$/i;
/** A folder holding one of these at its top is a captured tree (or a host's files), not a folder of bundles. */
const TREE_TOPS = new Set(['cmd', 'sys', 'proc', 'dev', 'etc', 'ioctl', 'unread']);

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // not there: the bundle reader names it
  }
};

/**
 * The bundles (and sosreport or supportconfig archives) at the top of a folder, in name order; undefined when the
 * folder is no folder of bundles: a captured tree, an extracted report, or one holding none, left for the command's
 * own message about it.
 */
function folderBundles(dir: string, reportArchive: RegExp): string[] | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined; // unreadable: the bundle reader says why
  }
  if (names.some((n) => TREE_TOPS.has(n))) return undefined;
  const files = names
    .filter((n) => !n.startsWith('.') && (BUNDLE_NAME.test(n) || reportArchive.test(n)))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((n) => join(dir, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
  return files.length ? files : undefined;
}

/**
 * The inputs with each folder of bundles (`fleet bundles/`, where a fleet's collection fetched them) replaced by the
 * bundles at its top, in name order; every other input as given.
 */
export async function expandBundleFolders(inputs: readonly string[], command: string): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === STDIN_NAME || !isDirectory(input)) {
      out.push(input);
      continue;
    }
    const { looksLikeReport, REPORT_ARCHIVE } = await import('../collector/import/detect.js');
    const files = (await looksLikeReport(input)) ? undefined : folderBundles(input, REPORT_ARCHIVE);
    if (!files) {
      out.push(input);
      continue;
    }
    note(`fwsnap ${command}: ${input}: the ${files.length} bundle(s) at the top of this folder, in name order`);
    out.push(...files);
  }
  return out;
}
