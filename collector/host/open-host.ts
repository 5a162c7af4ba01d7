import { LiveReader, type LiveReaderOptions } from './live-reader.js';
import type { HostReader } from './reader.js';
import { TreeReader } from './tree-reader.js';

/** The reader for `--root`: the live host for "/", a captured tree for any other directory. */
export function openHost(root: string, live: LiveReaderOptions): HostReader {
  return root === '/' ? new LiveReader(live) : new TreeReader(root);
}
