// npm run build:collector — the single-file collector (docs/single-executable.md): the collect, verify
// and redact commands bundled by esbuild into one CommonJS file, koffi's native module embedded as an
// asset, injected into a copy of this node binary as a single-executable application.
// npm run build:collector -- --arch arm64 — the same for another architecture: the node binary of this
// node's version and koffi's native package for that architecture come from the npm registry at build time
// (`npm pack`, kept in dist-exe/.cache), never at run time.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
// FWSNAP_EXE_OUT: build into another directory (tests that build it side by side).
const out = process.env.FWSNAP_EXE_OUT ? resolve(process.env.FWSNAP_EXE_OUT) : join(root, 'dist-exe');
const ARCHES = { x64: 'x64', arm64: 'arm64' };
const argAt = process.argv.indexOf('--arch');
const arch = ARCHES[argAt > 0 ? process.argv[argAt + 1] : process.arch];
if (process.platform !== 'linux' || !ARCHES[process.arch] || !arch) {
  throw new Error(`the single-file collector is built on Linux x64/arm64 for x64 or arm64, not ${process.platform}-${process.arch} for ${argAt > 0 ? process.argv[argAt + 1] : process.arch}`);
}
const nativePkg = `@koromix/koffi-linux-${arch}`;
const require = createRequire(join(root, 'node_modules', 'koffi', 'package.json'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
mkdirSync(out, { recursive: true });

/** ELF e_machine of a file: 0x3e x86-64, 0xb7 AArch64. */
function elfMachine(file) {
  const fd = openSync(file, 'r');
  const b = Buffer.alloc(20);
  readSync(fd, b, 0, 20, 0);
  closeSync(fd);
  return b.subarray(0, 4).toString('latin1') === '\x7fELF' ? b.readUInt16LE(18) : -1;
}

/** A registry package's files, unpacked into dist-exe/.cache/<name>-<version>/ (fetched once). */
function registryPackage(name, pkgVersion) {
  const dir = join(out, '.cache', `${name.replace(/[@/]/g, '_')}-${pkgVersion}`);
  if (!existsSync(join(dir, 'package', 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir, `${name}@${pkgVersion}`], { encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir]);
  }
  return join(dir, 'package');
}

let koffiNode;
let nodeBinary;
if (arch === ARCHES[process.arch]) {
  koffiNode = join(dirname(require.resolve(`${nativePkg}/package.json`)), `linux_${arch}`, 'koffi.node');
  nodeBinary = process.execPath;
} else {
  // The SEA blob is read by the same Node version that made it: the target's node is this node's version.
  const koffiVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'koffi', 'package.json'), 'utf8')).version;
  koffiNode = join(registryPackage(nativePkg, koffiVersion), `linux_${arch}`, 'koffi.node');
  nodeBinary = join(registryPackage(`node-linux-${arch}`, process.versions.node), 'bin', 'node');
  const want = { x64: 0x3e, arm64: 0xb7 }[arch];
  for (const f of [koffiNode, nodeBinary]) if (elfMachine(f) !== want) throw new Error(`${f} is not an ${arch} ELF file`);
}

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
        // The manifest's checks are compiled from the schema in the executable (the npm build reads them
        // precompiled from beside the module, which needs the module's own URL).
        b.onLoad({ filter: /bundle[\\/]manifest-validators\.ts$/ }, () => ({
          contents: "import { Ajv } from 'ajv';\nimport { AJV_OPTIONS, ARTIFACT_RECORD_SCHEMA, MANIFEST_SCHEMA } from './manifest-schema.js';\nexport function loadValidators() { const ajv = new Ajv(AJV_OPTIONS); return { manifest: ajv.compile(MANIFEST_SCHEMA), record: ajv.compile(ARTIFACT_RECORD_SCHEMA) }; }",
          loader: 'ts',
          resolveDir: join(root, 'bundle'),
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
copyFileSync(nodeBinary, exe);
chmodSync(exe, 0o755);
execFileSync(process.execPath, [join(root, 'node_modules/postject/dist/cli.js'), exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { stdio: 'inherit' });
console.log(`${exe}`);
