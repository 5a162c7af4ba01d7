// npm run vendor-data — pins the vendor data rules depend on with the release (docs/vendor-data.md): pci.ids and
// mstflint's mlxconfig database and register layouts, taken from the Debian packages .ci/run installs, gzip'd into
// vendor-data/ with their package, version, sha256 and copyright. Run it when updating the pinned data; commit
// the result. `--check` only compares the installed packages with what is pinned (exit 1 when they differ).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const out = process.env.FWSNAP_VENDOR_DATA_OUT ? resolve(process.env.FWSNAP_VENDOR_DATA_OUT) : join(root, 'vendor-data');

/** What is pinned: the vendor-data name the analyzer asks for, the installed file, its Debian package and licence. */
const FILES = [
  { name: 'pci.ids', source: '/usr/share/misc/pci.ids', package: 'pci.ids', license: 'GPL-2.0-or-later OR BSD-3-Clause' },
  { name: 'mlxconfig-db', source: '/usr/share/mstflint/mlxconfig_dbs/mlxconfig_host.db', package: 'mstflint', license: 'BSD-2-Clause OR GPL-2.0-only' },
  { name: 'register-layouts', source: '/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb', package: 'mstflint', license: 'BSD-2-Clause OR GPL-2.0-only' },
];

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const dpkg = (args) => execFileSync('dpkg-query', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function fail(message) {
  process.stderr.write(`vendor-data: ${message}\n`);
  process.exit(2);
}

const entries = FILES.map((f) => {
  let version, owner, data;
  try {
    version = dpkg(['-W', '-f', '${Version}', f.package]);
    owner = dpkg(['-S', f.source]).split(':')[0];
    data = readFileSync(f.source);
  } catch (e) {
    fail(`${f.source} of Debian package ${f.package} is not installed (${e.message.split('\n')[0]}); install the packages .ci/run installs`);
  }
  if (owner !== f.package) fail(`${f.source} belongs to package ${owner}, not ${f.package}`);
  return { ...f, version, data };
});

if (process.argv.includes('--check')) {
  const pinned = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  let differ = false;
  for (const e of entries) {
    const p = pinned.files.find((x) => x.name === e.name);
    const same = p && p.sha256 === sha256(e.data);
    if (!same) differ = true;
    process.stdout.write(`${e.name}: pinned ${p ? `${p.package} ${p.packageVersion}` : 'nothing'}, installed ${e.package} ${e.version}${same ? ' (same bytes)' : ' (differs)'}\n`);
  }
  process.exit(differ ? 1 : 0);
}

mkdirSync(out, { recursive: true });
const copyrights = new Set();
const manifest = {
  format: 'fwsnap-vendor-data/1',
  note: 'Vendor data pinned with this fwsnap release, taken from Debian packages by `npm run vendor-data`; see docs/vendor-data.md.',
  files: entries.map((e) => {
    const file = `${e.name}.gz`;
    // level 9, no name or time in the header: the same input gives the same bytes
    writeFileSync(join(out, file), gzipSync(e.data, { level: 9 }));
    const copyright = `${e.package}.copyright`;
    if (!copyrights.has(e.package)) copyFileSync(`/usr/share/doc/${e.package}/copyright`, join(out, copyright));
    copyrights.add(e.package);
    return {
      name: e.name,
      file,
      source: e.source,
      package: e.package,
      packageVersion: e.version,
      license: e.license,
      copyright,
      size: e.data.length,
      sha256: sha256(e.data),
    };
  }),
};
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const f of manifest.files) process.stdout.write(`${f.name}: ${f.package} ${f.packageVersion}, ${f.size} bytes, sha256 ${f.sha256}\n`);
