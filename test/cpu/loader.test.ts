import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('cpu loader', () => {
  it("records each CPU's microcode revision in the family of its signature, so revisions compare only within one CPU model", async () => {
    const path = join(tempDir(), 'b.tar.gz');
    await writeBundle(path, [{ name: 'proc/cpuinfo', data: fixture('cpuinfo-xeon-e5-2650v4.txt') }]);
    const r = await analyze({ bundles: [path] });
    expect(r.db.prepare(`SELECT device_key, component, version, scheme, family FROM firmware`).all()).toEqual([
      { device_key: 'cpu:0', component: 'microcode', version: '0xb00002e', scheme: 'microcode', family: '06-4f-01' },
    ]);
  });
});
