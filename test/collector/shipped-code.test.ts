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
    const viaRegistry = await reachable({ contents: "import { FAKE_HOST_PARTS } from './collector/classes/fake-host-parts.js'; console.log(FAKE_HOST_PARTS);" });
    expect(viaRegistry.filter(isFakeHost)).toEqual(expect.arrayContaining(['collector/classes/fake-host-parts.ts', 'collector/fake-host/tree.ts', 'collector/classes/pci/fake-host.ts']));
    const lazily = await reachable({ contents: "export const f = () => import('./collector/classes/nvme/fake-host-drives.js');" });
    expect(lazily.filter(isFakeHost).sort()).toEqual(['collector/classes/nvme/fake-host-drives.ts', 'collector/fake-host/bytes.ts']);
  }, 120_000);
});
