import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../bundle/format.js';
import { verifyBundle } from '../../bundle/verify.js';
import { BundleWriter } from '../../bundle/writer.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

const HEADER: Omit<Manifest, 'artifacts'> = {
  format: 'fwsnap-bundle', formatVersion: 1, tool: { name: 'fwsnap', version: 't' },
  host: { hostname: 'h', kernelRelease: 'k', machine: 'm', time: '', uid: 0, root: true, collectedFrom: 'tree' },
  options: { timeoutSeconds: 1, includeEeprom: false, replayTree: true }, sources: [], issues: [],
};

describe('temporary files left by a killed collector', () => {
  it('a new writer removes those of dead pids and its own pid, keeps live ones and other names', async () => {
    const dir = tempDir();
    const dead = 999_999_999; // above any pid_max: never a live process
    const live = process.ppid;
    const left = [`.b.tar.gz.${dead}.partial`, `.b.tar.gz.${process.pid}.partial`, `.b.tar.gz.${live}.partial`, `.other.tar.gz.${dead}.partial`, '.b.tar.gz.x.partial'];
    for (const n of left) writeFileSync(join(dir, n), 'stale');
    // Without the clean-up, the file with this process's own pid would make the writer fail (EEXIST).
    await writeBundle(join(dir, 'b.tar.gz'), [{ name: 'a', data: 'a' }]);
    expect(readdirSync(dir).sort()).toEqual([`.b.tar.gz.${live}.partial`, '.b.tar.gz.x.partial', `.other.tar.gz.${dead}.partial`, 'b.tar.gz'].sort());
  });

  it('never removes the temporary file of a writer still open in this process', async () => {
    const dir = tempDir();
    const out = join(dir, 'b.tar.gz');
    const first = new BundleWriter(out);
    await first.add({ name: 'a', source: 't', origin: { kind: 'file', path: '/a' }, truncated: false }, Buffer.from('a'));
    while (!existsSync(first.tmpPath)) await new Promise((r) => setTimeout(r, 5));
    // A second writer to the same path in the same process would share the temporary name: it must fail, not
    // delete the first one's file and write over it.
    const second = new BundleWriter(out);
    const err = await second.add({ name: 'b', source: 't', origin: { kind: 'file', path: '/b' }, truncated: false }, Buffer.from('b')).then(() => second.finish(HEADER)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EEXIST' });
    await first.finish(HEADER);
    expect(readdirSync(dir)).toEqual(['b.tar.gz']);
    expect((await verifyBundle(out)).verified).toBe(1);
  });
});
