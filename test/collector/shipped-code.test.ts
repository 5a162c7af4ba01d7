import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * What the collector ships: the single-file collector (scripts/build-collector.mjs), the collect command and its
 * worker (scripts/bundle-collect.mjs), and the command line of the npm package with every command it loads.
 */
const SHIPPED = ['collector/executable/main.ts', 'cli/collect-command.ts', 'collector/run/worker-main.ts', 'cli/main.ts'];

/** The project's modules reachable from an entry, static and dynamic imports alike, as esbuild bundles it. */
async function reachable(entry: { file: string } | { contents: string }): Promise<string[]> {
  const r = await build({
    ...('file' in entry ? { entryPoints: [join(ROOT, entry.file)] } : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts' as const } }),
    bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, packages: 'external', logLevel: 'silent', outdir: join(ROOT, '.shipped-graph'),
  });
  return Object.keys(r.metafile.inputs);
}

/** Fake-host code: the shared builder and every class's part (collector/fake-host/, collector/classes/…/fake-host*). */
const isFakeHost = (path: string): boolean => /(?:^|\/)collector\/(?:fake-host\/|classes\/(?:[^/]+\/)?fake-host[^/]*$)/.test(path);

describe('the shipped collector carries no fake-host code', () => {
  it.each(SHIPPED)('%s reaches no fake-host part, builder or test module', async (file) => {
    const inputs = await reachable({ file });
    expect(inputs.length).toBeGreaterThan(20);
    expect(inputs.filter(isFakeHost)).toEqual([]);
    expect(inputs.filter((p) => p.startsWith('test/'))).toEqual([]);
  }, 120_000);

  it('the check sees a fake-host part reached through the registry or a class part directly', async () => {
    const viaRegistry = (await reachable({ contents: "import { FAKE_HOST_PARTS } from './collector/classes/fake-host-parts.js'; console.log(FAKE_HOST_PARTS);" })).filter(isFakeHost);
    expect(viaRegistry).toEqual(expect.arrayContaining(['collector/classes/fake-host-parts.ts', 'collector/fake-host/tree.ts']));
    // Two witnesses, taken from what the registry reaches: a class's part, and a helper file beside a class's part.
    const part = viaRegistry.find((p) => /^collector\/classes\/[^/]+\/fake-host\.ts$/.test(p));
    const helper = viaRegistry.filter((p) => /^collector\/classes\/[^/]+\/fake-host-[^/]+\.ts$/.test(p)).sort()[0];
    expect(part, 'a class part reached through the registry').toBeDefined();
    expect(helper, 'a class part helper reached through the registry').toBeDefined();
    const directly = (await reachable({ contents: `import * as p from './${part!.replace(/\.ts$/, '.js')}'; console.log(p);` })).filter(isFakeHost);
    expect(directly).toContain(part);
    expect(directly).not.toContain('collector/classes/fake-host-parts.ts');
    const lazily = (await reachable({ contents: `export const f = () => import('./${helper!.replace(/\.ts$/, '.js')}');` })).filter(isFakeHost);
    expect(lazily).toContain(helper);
    expect(lazily).not.toContain('collector/classes/fake-host-parts.ts');
  }, 120_000);
});
