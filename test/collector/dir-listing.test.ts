import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CollectContext } from '../../collector/context.js';
import { LiveReader } from '../../collector/host/live-reader.js';
import { TreeReader } from '../../collector/host/tree-reader.js';
import type { HostReader } from '../../collector/host/reader.js';
import type { WorkerMessage } from '../../collector/run/messages.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-listing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a source's collectListing stored, as name → [text, origin kind and path] (and what it returned). */
function listing(reader: HostReader, hostDir: string): { returned: string[] | undefined; stored: Record<string, string> } {
  const messages: WorkerMessage[] = [];
  const ctx = new CollectContext({ sourceName: 'gpu', reader, includeEeprom: false, emit: (m) => messages.push(m) });
  const returned = ctx.collectListing(hostDir);
  const stored: Record<string, string> = {};
  for (const m of messages) if (m.type === 'artifact') stored[m.name] = `${m.origin.kind} ${'path' in m.origin ? m.origin.path : 'of' in m.origin ? m.origin.of : ''}: ${JSON.stringify(Buffer.from(m.data).toString('utf8'))}`;
  return { returned, stored };
}

describe('a directory listing as an artifact (<dir>/.listing, docs/bundle-format.md)', () => {
  it('on a live host: names one a line in name order (a subdirectory\'s ending in /), an empty directory as empty, a missing one as absent with ENOENT', () => {
    const live = new LiveReader({ includeEeprom: false });
    const full = join(dir, 'live', 'full');
    mkdirSync(full, { recursive: true });
    for (const n of ['gsp_tu10x.bin', 'gsp_ga10x.bin']) writeFileSync(join(full, n), '');
    mkdirSync(join(full, 'nested'));
    mkdirSync(join(dir, 'live', 'empty'));
    const name = (d: string): string => `${join(dir, 'live', d).slice(1)}/.listing`;
    expect(listing(live, join(dir, 'live', 'full'))).toEqual({
      returned: ['gsp_ga10x.bin', 'gsp_tu10x.bin', 'nested/'],
      stored: { [name('full')]: `dir ${full}: "gsp_ga10x.bin\\ngsp_tu10x.bin\\nnested/\\n"` },
    });
    expect(listing(live, join(dir, 'live', 'empty'))).toEqual({ returned: [], stored: { [name('empty')]: `dir ${join(dir, 'live', 'empty')}: ""` } });
    // Live, absence is a fact even when the parent is missing too.
    expect(listing(live, join(dir, 'live', 'nowhere', 'missing'))).toEqual({
      returned: undefined,
      stored: { [`${join(dir, 'live', 'nowhere', 'missing').slice(1)}/.listing`]: `dir ${join(dir, 'live', 'nowhere', 'missing')}: ""`, [`${join(dir, 'live', 'nowhere', 'missing').slice(1)}/.listing.status`]: `status ${join(dir, 'live', 'nowhere', 'missing').slice(1)}/.listing: "2\\n"` },
    });
  });

  it('in a captured tree: a missing directory is absent only when the tree holds its parent; nothing is stored otherwise', () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'lib/firmware/nvidia/550.54.14'), { recursive: true });
    const tree = new TreeReader(root);
    expect(listing(tree, '/lib/firmware/nvidia/550.54.14')).toEqual({ returned: [], stored: { 'lib/firmware/nvidia/550.54.14/.listing': 'dir /lib/firmware/nvidia/550.54.14: ""' } });
    expect(listing(tree, '/lib/firmware/nvidia/565.57.01')).toEqual({
      returned: undefined,
      stored: { 'lib/firmware/nvidia/565.57.01/.listing': 'dir /lib/firmware/nvidia/565.57.01: ""', 'lib/firmware/nvidia/565.57.01/.listing.status': 'status lib/firmware/nvidia/565.57.01/.listing: "2\\n"' },
    });
    expect(listing(tree, '/usr/lib/firmware/nvidia/565.57.01')).toEqual({ returned: undefined, stored: {} });
  });

  it('an extracted bundle replays the listing it recorded, not what its directory holds, and hides .listing from listDir', () => {
    const root = join(dir, 'extracted');
    const d = join(root, 'lib/firmware/nvidia/565.57.01');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, '.listing'), '');
    writeFileSync(join(d, '.listing.status'), '2\n');
    const e = join(root, 'lib/firmware/nvidia/550.54.14');
    mkdirSync(e, { recursive: true });
    writeFileSync(join(e, '.listing'), 'gsp_tu10x.bin\ngsp_ga10x.bin\n');
    writeFileSync(join(e, 'gsp_ga10x.bin'), '');
    const tree = new TreeReader(root);
    expect(listing(tree, '/lib/firmware/nvidia/565.57.01')).toEqual({
      returned: undefined,
      stored: { 'lib/firmware/nvidia/565.57.01/.listing': 'dir /lib/firmware/nvidia/565.57.01: ""', 'lib/firmware/nvidia/565.57.01/.listing.status': 'status lib/firmware/nvidia/565.57.01/.listing: "2\\n"' },
    });
    expect(listing(tree, '/lib/firmware/nvidia/550.54.14')).toEqual({
      returned: ['gsp_ga10x.bin', 'gsp_tu10x.bin'],
      stored: { 'lib/firmware/nvidia/550.54.14/.listing': 'dir /lib/firmware/nvidia/550.54.14: "gsp_ga10x.bin\\ngsp_tu10x.bin\\n"' },
    });
    expect(tree.list('/lib/firmware/nvidia/565.57.01')).toEqual([]);
    expect(tree.list('/lib/firmware/nvidia/550.54.14')).toEqual(['gsp_ga10x.bin']);
  });

  it('a listing the recording cut at its cap replays as cut (the extracted manifest says so)', () => {
    const root = join(dir, 'cut');
    const name = 'sys/class/widget/.listing';
    mkdirSync(join(root, 'sys/class/widget'), { recursive: true });
    writeFileSync(join(root, name), 'w0\nw1\n');
    const record = { name, source: 'widget', origin: { kind: 'dir', path: '/sys/class/widget' }, size: 6, sha256: '0'.repeat(64), truncated: true };
    writeFileSync(join(root, 'manifest.json'), `{"format":"fwsnap-bundle","formatVersion":1,\n"artifacts":[\n${JSON.stringify(record)}\n]}\n`);
    const messages: WorkerMessage[] = [];
    const ctx = new CollectContext({ sourceName: 'widget', reader: new TreeReader(root), includeEeprom: false, emit: (m) => messages.push(m) });
    expect(ctx.collectListing('/sys/class/widget')).toEqual(['w0', 'w1']);
    expect(messages.filter((m) => m.type === 'artifact').map((m) => m.type === 'artifact' && [m.name, m.truncated, m.replayedFrom])).toEqual([[name, true, name]]);
  });
});
