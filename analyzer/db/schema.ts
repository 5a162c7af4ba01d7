import { kindText } from './artifact-rows.js';

/** The analyzer database's shared tables (each class adds its own). Documented column by column in docs/schema.md; bump SCHEMA_VERSION on change. */
export const SCHEMA_VERSION = 16;

/** Byte value b + 1 is where byte b sits in this blob: instr() decodes a byte in plain SQL (no extension needed). */
const BYTE_TABLE = `X'${Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')).join('')}'`;
const byteAt = (k: number): string => `(instr(${BYTE_TABLE}, substr(d.data, 4 * word.i + ${k + 1}, 1)) - 1)`;

/**
 * Register dumps are stored as blobs of 32-bit big-endian words (register_dumps, one row per dump); the view
 * `registers` gives them word by word as the table of that name did before schema version 5.
 */
const REGISTERS_VIEW = `CREATE VIEW IF NOT EXISTS registers AS
WITH RECURSIVE word(i, n) AS MATERIALIZED (
  SELECT 0, (SELECT max(length(data)) / 4 FROM register_dumps) UNION ALL SELECT i + 1, n FROM word WHERE i + 1 < n
)
SELECT d.bundle_id, d.device_key, d.space, d.offset + 4 * word.i AS offset,
  ((${byteAt(0)} << 24) | (${byteAt(1)} << 16) | (${byteAt(2)} << 8) | ${byteAt(3)}) AS value, d.artifact
FROM register_dumps d JOIN word ON word.i < length(d.data) / 4;`;

/** The join that gives a row's artifact name (column `artifact`) from its number in the bundle (artifact_no). */
const ARTIFACT_NAME = (row: string): string =>
  `LEFT JOIN artifact_rows x ON x.bundle_id = ${row}.bundle_id AND x.no = ${row}.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id`;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS bundles (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  hostname TEXT,
  kernel_release TEXT,
  collected_at TEXT,
  tool_version TEXT,
  format_version INTEGER,
  collected_as_root INTEGER,
  redacted INTEGER NOT NULL DEFAULT 0,
  loaded_at TEXT NOT NULL,
  complete INTEGER NOT NULL,
  problems INTEGER NOT NULL DEFAULT 0,
  manifest_sha256 TEXT
);
CREATE INDEX IF NOT EXISTS bundles_manifest ON bundles(manifest_sha256);
-- Which readers (analyzer code) made each bundle's rows (analyzer/load/readers-id.ts). A bundle with no row here was
-- loaded by an fwsnap that did not record it.
CREATE TABLE IF NOT EXISTS bundle_readers (
  bundle_id INTEGER PRIMARY KEY REFERENCES bundles(id) ON DELETE CASCADE,
  readers TEXT NOT NULL
);

-- Each artifact name once per database (id: analyzer/db/text-ids.ts). Each bundle numbers its artifacts in
-- artifact_rows (no): the other tables name an artifact by its number in the bundle.
CREATE TABLE IF NOT EXISTS artifact_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL);

-- Each content hash (32 bytes, or the text a manifest gave) and each origin the name cannot give, once per database
-- (id: analyzer/db/text-ids.ts, of the hash's hex or the origin's JSON): hosts of one model share most of them.
CREATE TABLE IF NOT EXISTS artifact_hashes (id INTEGER PRIMARY KEY, sha256 BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS artifact_origins (id INTEGER PRIMARY KEY, origin TEXT NOT NULL);
-- A row for every artifact name the bundle's rows use; listed = 0 for a name only facts refer to (not an entry of
-- the bundle, nor of its manifest), which the view artifacts leaves out.
CREATE TABLE IF NOT EXISTS artifact_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  no INTEGER NOT NULL,
  name_id INTEGER NOT NULL,
  listed INTEGER NOT NULL DEFAULT 0,
  source TEXT,
  origin_kind INTEGER, -- a number for the kinds the format knows (analyzer/db/artifact-rows.ts), else the kind's text
  origin_id INTEGER,
  size INTEGER,
  sha256_id INTEGER,
  truncated INTEGER NOT NULL DEFAULT 0,
  exit_status INTEGER,
  verified INTEGER NOT NULL DEFAULT 0,
  parser TEXT,
  parse_error TEXT,
  saved_as TEXT, -- the tree's file it was read from when not of its own name (manifest replayedFrom): a person's saved output
  PRIMARY KEY (bundle_id, no)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS fact_artifacts AS
SELECT r.bundle_id, r.no, n.name FROM artifact_rows r JOIN artifact_names n ON n.id = r.name_id;
CREATE VIEW IF NOT EXISTS artifacts AS
SELECT r.bundle_id, a.name, r.source, ${kindText('r.origin_kind')} AS origin_kind,
  CASE WHEN r.origin_id IS NULL AND r.origin_kind IS NOT NULL THEN json_object('kind', ${kindText('r.origin_kind')}, 'path', '/' || a.name) ELSE o.origin END AS origin,
  r.size, CASE WHEN typeof(h.sha256) = 'blob' THEN lower(hex(h.sha256)) ELSE h.sha256 END AS sha256,
  r.truncated, r.exit_status, r.verified, r.parser, r.parse_error, r.saved_as
FROM artifact_rows r JOIN artifact_names a ON a.id = r.name_id
LEFT JOIN artifact_origins o ON o.id = r.origin_id LEFT JOIN artifact_hashes h ON h.id = r.sha256_id
WHERE r.listed = 1;

-- Each device key a bundle's rows use, numbered in the bundle: settings, firmware, registers and kernel log lines
-- name their device by this number (the views give the key back).
CREATE TABLE IF NOT EXISTS device_nos (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  no INTEGER NOT NULL,
  device_key TEXT NOT NULL,
  PRIMARY KEY (bundle_id, no)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS device_nos_key ON device_nos(bundle_id, device_key);

CREATE TABLE IF NOT EXISTS devices (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  class TEXT NOT NULL,
  pci_address TEXT,
  parent_key TEXT,
  vendor_id INTEGER,
  device_id INTEGER,
  subsystem_vendor_id INTEGER,
  subsystem_device_id INTEGER,
  class_code INTEGER,
  revision INTEGER,
  driver TEXT,
  vendor_name TEXT,
  device_name TEXT,
  model TEXT,
  serial TEXT,
  PRIMARY KEY (bundle_id, device_key)
);

CREATE TABLE IF NOT EXISTS firmware_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_no INTEGER NOT NULL,
  component TEXT NOT NULL,
  version TEXT NOT NULL,
  scheme TEXT,
  version_key TEXT,
  family TEXT,
  unknown INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  artifact_no INTEGER
);
CREATE INDEX IF NOT EXISTS firmware_rows_dev ON firmware_rows(bundle_id, device_no);
CREATE VIEW IF NOT EXISTS firmware AS
SELECT f.bundle_id, d.device_key, f.component, f.version, f.scheme, f.version_key, f.family, f.unknown, f.state, a.name AS artifact, f.rowid AS rowid
FROM firmware_rows f JOIN device_nos d ON d.bundle_id = f.bundle_id AND d.no = f.device_no
${ARTIFACT_NAME('f')};

-- Each (namespace, key, mode) once per database (id: analyzer/db/text-ids.ts); found by name through the index.
CREATE TABLE IF NOT EXISTS setting_keys (id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, key TEXT NOT NULL, mode TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS setting_keys_name ON setting_keys(namespace, key, mode);
CREATE TABLE IF NOT EXISTS setting_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_no INTEGER NOT NULL,
  key_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  value TEXT,
  artifact_no INTEGER,
  PRIMARY KEY (bundle_id, device_no, key_id, seq)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS settings AS
SELECT s.bundle_id, d.device_key, k.namespace, k.key, s.value, k.mode, a.name AS artifact, s.seq AS rowid
FROM setting_rows s JOIN device_nos d ON d.bundle_id = s.bundle_id AND d.no = s.device_no JOIN setting_keys k ON k.id = s.key_id
${ARTIFACT_NAME('s')};

-- Tables of one class are declared by the class (analyzer/classes/<name>/tables.ts) and created after these.

CREATE TABLE IF NOT EXISTS register_dump_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_no INTEGER NOT NULL,
  space TEXT NOT NULL,
  offset INTEGER NOT NULL,
  data BLOB NOT NULL,
  artifact_no INTEGER
);
CREATE INDEX IF NOT EXISTS register_dump_rows_dev ON register_dump_rows(bundle_id, device_no);
CREATE VIEW IF NOT EXISTS register_dumps AS
SELECT r.bundle_id, d.device_key, r.space, r.offset, r.data, a.name AS artifact, r.rowid AS rowid
FROM register_dump_rows r JOIN device_nos d ON d.bundle_id = r.bundle_id AND d.no = r.device_no
${ARTIFACT_NAME('r')};
${REGISTERS_VIEW}

CREATE TABLE IF NOT EXISTS register_field_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_no INTEGER NOT NULL,
  register TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT,
  note TEXT,
  artifact_no INTEGER
);
CREATE INDEX IF NOT EXISTS register_field_rows_dev ON register_field_rows(bundle_id, device_no);
CREATE VIEW IF NOT EXISTS register_fields AS
SELECT r.bundle_id, d.device_key, r.register, r.field, r.value, r.note, a.name AS artifact, r.rowid AS rowid
FROM register_field_rows r JOIN device_nos d ON d.bundle_id = r.bundle_id AND d.no = r.device_no
${ARTIFACT_NAME('r')};

CREATE TABLE IF NOT EXISTS collection_issues (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  source TEXT,
  target TEXT,
  code TEXT NOT NULL,
  message TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sources (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  duration_ms INTEGER
);

CREATE TABLE IF NOT EXISTS vendor_uses (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  origin TEXT CHECK (origin IN ('bundle', 'option', 'release', 'analysing-machine')),
  path TEXT,
  version TEXT,
  sha256 TEXT,
  used_for TEXT NOT NULL,
  note TEXT,
  stored INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (bundle_id, name)
);
CREATE TABLE IF NOT EXISTS vendor_files (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TRIGGER IF NOT EXISTS vendor_files_unused AFTER DELETE ON vendor_uses WHEN OLD.stored = 1 BEGIN
  DELETE FROM vendor_files WHERE sha256 = OLD.sha256 AND NOT EXISTS (SELECT 1 FROM vendor_uses WHERE sha256 = OLD.sha256 AND stored = 1);
END;
CREATE VIEW IF NOT EXISTS vendor_data AS
SELECT u.bundle_id, u.name, u.origin, u.path, u.version, u.sha256, u.used_for, u.note,
  CASE WHEN u.stored = 1 THEN (SELECT f.data FROM vendor_files f WHERE f.sha256 = u.sha256) END AS data
FROM vendor_uses u;

CREATE TABLE IF NOT EXISTS rule_results (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  device_key TEXT,
  result TEXT NOT NULL CHECK (result IN ('fail', 'pass', 'skip', 'error')),
  severity TEXT NOT NULL,
  message TEXT,
  evidence TEXT,
  missing TEXT
);
-- A report reads one bundle's rows at a time: without these, each read scanned every bundle's rows.
CREATE INDEX IF NOT EXISTS rule_results_bundle ON rule_results(bundle_id);
CREATE INDEX IF NOT EXISTS sources_bundle ON sources(bundle_id);
CREATE INDEX IF NOT EXISTS collection_issues_bundle ON collection_issues(bundle_id);
`;
