// npm run build:collector — the single-file collector (docs/single-executable.md): the collect, verify
// and redact commands bundled by esbuild into one CommonJS file, koffi's native module embedded as an
// asset, injected into a copy of this node binary as a single-executable application.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
// FWSNAP_EXE_OUT: build into another directory (tests that build it side by side).
const out = process.env.FWSNAP_EXE_OUT ? resolve(process.env.FWSNAP_EXE_OUT) : join(root, 'dist-exe');
const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
if (process.platform !== 'linux' || !arch) throw new Error(`the single-file collector is built for Linux x64/arm64, not ${process.platform}-${process.arch}`);
const nativePkg = `@koromix/koffi-linux-${arch}`;
const require = createRequire(join(root, 'node_modules', 'koffi', 'package.json'));
const koffiNode = join(dirname(require.resolve(`${nativePkg}/package.json`)), `linux_${arch}`, 'koffi.node');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

mkdirSync(out, { recursive: true });
const bundle = join(out, 'collector.cjs');
await build({
  entryPoints: [join(root, 'collector/executable/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
  plugins: [
    {
      name: 'fwsnap-executable',
      setup(b) {
        // koffi's static loader requires the platform package first: hand it the embedded module.
        b.onResolve({ filter: new RegExp(`^${nativePkg.replace('/', '\\/')}$`) }, () => ({ path: join(root, 'collector/executable/koffi-native.cjs') }));
        // Loaded with a plain require inside the bundle (the original resolves koffi from its own URL).
        b.onLoad({ filter: /collector[\\/]ioctl[\\/]load-koffi\.ts$/ }, () => ({
          contents: "export function loadKoffi() { return require('koffi'); }",
          loader: 'ts',
        }));
        // The package.json the version is read from is not in the executable.
        b.onLoad({ filter: /bundle[\\/]version\.ts$/ }, () => ({ contents: `export const TOOL_VERSION = ${JSON.stringify(version)};`, loader: 'ts' }));
      },
    },
  ],
});

const blob = join(out, 'collector.blob');
const config = join(out, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, assets: { 'koffi.node': koffiNode } }));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
const exe = join(out, `fwsnap-collector-linux-${arch}`);
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
execFileSync(process.execPath, [join(root, 'node_modules/postject/dist/cli.js'), exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { stdio: 'inherit' });
console.log(`${exe}`);
