// Part of `npm run build`, after tsc: the two module graphs every `fwsnap collect` loads are each rewritten
// as one file (docs/benchmarks.md, "collect start-up"). Node 20's ES module loader costs about a millisecond
// per module (resolve, read, compile, link), and collect started three processes that loaded ~110 of them
// each time. Written in place of tsc's output, so every caller, test and process name stays the same:
// - dist/collector/run/worker-main.cjs: the source worker, a process of its own (nothing imports it), bundled as
//   CommonJS straight from its TypeScript: a Node process whose entry is an ES module first sets up the ES module
//   loader, ~8 ms of CPU at each worker's start (docs/benchmarks.md, part 5). tsc builds no worker-main.js
//   (tsconfig.build.json leaves it out, with collector/executable, which build-collector.mjs bundles from sources):
//   nothing would start it, and the package would ship it.
// - dist/cli/collect-command.js: what the command line loads for `collect` (without cli/collect-report.js, loaded
//   only for `collect --root REPORT`). Modules already loaded by then
//   (program.js's static imports and the worker pool main.js starts first) stay shared imports: their state
//   (verbosity, the pre-started workers, error classes tested with instanceof) must be the one program.js sees.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
const native = ['koffi', 'better-sqlite3'];
// tsc's output is ESM; tar-stream and its helpers are CommonJS and require node's built-ins.
const banner = { js: "import { createRequire as __fwsnapRequire } from 'node:module';\nconst require = __fwsnapRequire(import.meta.url);" };
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: true, logLevel: 'warning', banner, allowOverwrite: true, external: native };
// Packages program.js imports itself stay bare imports (resolved where npm put them); the rest is inlined.
const mainPackages = ['commander'];

/** Every dist module reachable from the entries through static imports (what is loaded before any dynamic import). */
async function staticGraph(entries) {
  const r = await build({ ...common, entryPoints: entries, write: false, metafile: true, outdir: join(dist, '.graph'), splitting: false });
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of r.metafile.inputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) walk(i.path);
  };
  for (const e of entries) walk(relative(root, e));
  return new Set([...seen].map((f) => resolve(root, f)));
}

// What builds before this one left: tsc's unbundled worker and the executable's entry (nothing starts either).
for (const stale of ['collector/run/worker-main.js', 'collector/run/worker-main.js.map', 'collector/executable']) rmSync(join(dist, stale), { recursive: true, force: true });
const worker = join(root, 'collector/run/worker-main.ts');
await build({
  ...common,
  entryPoints: [worker],
  outfile: join(dist, 'collector/run/worker-main.cjs'),
  format: 'cjs',
  // CommonJS has require itself; import.meta.url (createRequire, worker-path.ts) becomes this file's URL.
  banner: { js: "const __fwsnapUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__fwsnapUrl' },
});

const collectCommand = join(dist, 'cli/collect-command.js');
const lazy = new Set([join(dist, 'cli/collect-report.js')]);
const shared = await staticGraph([join(dist, 'cli/program.js'), join(dist, 'collector/run/worker-pool.js')]);
await build({
  ...common,
  entryPoints: [collectCommand],
  outfile: collectCommand,
  external: [...native, ...mainPackages],
  plugins: [
    {
      name: 'keep-main-modules-shared',
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (a) => {
          const target = resolve(a.resolveDir, a.path);
          // What only `collect --root REPORT` needs (the report reader) is loaded from its own module when it runs.
          if (a.kind === 'dynamic-import' && lazy.has(target)) return { path: a.path, external: true };
          if (a.kind === 'entry-point' || a.importer.includes('/node_modules/') || !shared.has(target)) return undefined;
          const fromOut = relative(dirname(collectCommand), target);
          return { path: fromOut.startsWith('.') ? fromOut : `./${fromOut}`, external: true };
        });
      },
    },
  ],
});
