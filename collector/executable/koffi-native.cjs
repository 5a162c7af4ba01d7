// Stands in for @koromix/koffi-linux-<arch> inside the single-file collector: koffi's native module is an
// asset of the executable, written to a private temporary directory, loaded, and removed.
'use strict';
const { getRawAsset } = require('node:sea');
const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-koffi-'));
try {
  const file = join(dir, 'koffi.node');
  writeFileSync(file, new Uint8Array(getRawAsset('koffi.node')), { mode: 0o500 });
  const m = { exports: {} };
  process.dlopen(m, file);
  module.exports = m.exports;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
