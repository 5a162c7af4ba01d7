import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dirListingArtifactName, fileArtifactName } from '../../bundle/format.js';
import { LiveReader } from '../../collector/host/live-reader.js';
import { TreeReader } from '../../collector/host/tree-reader.js';
import type { HostReader } from '../../collector/host/reader.js';
import { executeSource } from '../../collector/run/execute.js';
import type { WorkerMessage } from '../../collector/run/messages.js';
import type { Source } from '../../collector/source.js';
import { tempDir } from '../helpers/tmp.js';

/** A source that stores a directory's listing and then every file the listing names (as the GPU firmware names are). */
const listThenRead = (dir: string): Source => ({
  name: 'list-then-read',
  description: 'test',
  collect(ctx) {
    for (const name of ctx.collectListing(dir) ?? []) if (!name.endsWith('/')) ctx.collectFile(`${dir}/${name}`);
  },
});

async function run(source: Source, reader: HostReader): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  await executeSource(source, { root: '/', includeEeprom: false, reader }, (m: WorkerMessage) => {
    if (m.type === 'artifact') {
      expect(stored.has(m.name), `${m.name} stored twice`).toBe(false);
      stored.set(m.name, Buffer.from(m.data).toString('utf8'));
    }
  });
  return stored;
}

describe("a host's own file named like a bundle's entry (.listing, .listing.status, .link)", () => {
  it('gets an escaped artifact name, and nothing else does', () => {
    expect(fileArtifactName('/lib/firmware/x/.listing')).toBe('lib/firmware/x/%2elisting');
    expect(fileArtifactName('/lib/firmware/x/.listing.status')).toBe('lib/firmware/x/%2elisting.status');
    expect(fileArtifactName('/sys/a/.link')).toBe('sys/a/%2elink');
    expect(fileArtifactName('/sys/.link/b')).toBe('sys/%2elink/b');
    expect(dirListingArtifactName('/sys/.listing')).toBe('sys/%2elisting/.listing');
    // A host name that is already the escaped form is escaped as safeComponent always did, so the two never meet.
    expect(fileArtifactName('/x/%2elisting')).toBe('x/%252elisting');
    for (const plain of ['.listings', 'listing', '.link2', '.status', '..listing']) expect(fileArtifactName(`/x/${plain}`)).toBe(`x/${plain}`);
  });

  it('is stored beside the listing of its directory, not in its place, and read back from the extracted bundle as the same file', async () => {
    const host = tempDir();
    const dir = join(host, 'fw');
    const put = (rel: string, text: string): void => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    put('.listing', "the host's own file\n");
    put('.listing.status', "another of the host's files\n");
    put('.link', 'and a third\n');
    put('gsp.bin', 'firmware\n');

    const live = await run(listThenRead(dir), new LiveReader({ includeEeprom: false }));
    const base = fileArtifactName(dir);
    expect(Object.fromEntries(live)).toEqual({
      [`${base}/.listing`]: '.link\n.listing\n.listing.status\ngsp.bin\n',
      [`${base}/%2elink`]: 'and a third\n',
      [`${base}/%2elisting`]: "the host's own file\n",
      [`${base}/%2elisting.status`]: "another of the host's files\n",
      [`${base}/gsp.bin`]: 'firmware\n',
    });

    // The bundle extracted (each entry at its name) and collected again with --root: the same entries, the same bytes.
    const tree = tempDir();
    for (const [name, text] of live) {
      mkdirSync(dirname(join(tree, name)), { recursive: true });
      writeFileSync(join(tree, name), text);
    }
    const replayed = await run(listThenRead(dir), new TreeReader(tree));
    expect(Object.fromEntries(replayed)).toEqual(Object.fromEntries(live));
    // A fresh listing of the extracted tree (none recorded) names the host's files, not the bundle's entries.
    expect(new TreeReader(tree).list(dir).sort()).toEqual(['.link', '.listing', '.listing.status', 'gsp.bin']);
  });
});
