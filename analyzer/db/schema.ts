/** The analyzer database. Documented column by column in docs/schema.md; bump SCHEMA_VERSION on change. */
export const SCHEMA_VERSION = 4;

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

CREATE TABLE IF NOT EXISTS artifacts (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  source TEXT,
  origin_kind TEXT,
  origin TEXT,
  size INTEGER,
  sha256 TEXT,
  truncated INTEGER NOT NULL DEFAULT 0,
  exit_status INTEGER,
  verified INTEGER NOT NULL DEFAULT 0,
  parser TEXT,
  parse_error TEXT,
  PRIMARY KEY (bundle_id, name)
);

CREATE TABLE IF NOT EXISTS devices (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
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
  PRIMARY KEY (bundle_id, key)
);

CREATE TABLE IF NOT EXISTS firmware (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  component TEXT NOT NULL,
  version TEXT NOT NULL,
  scheme TEXT,
  version_key TEXT,
  family TEXT,
  unknown INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  artifact TEXT
);
CREATE INDEX IF NOT EXISTS firmware_dev ON firmware(bundle_id, device_key);

CREATE TABLE IF NOT EXISTS settings (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT,
  mode TEXT NOT NULL,
  artifact TEXT
);
CREATE INDEX IF NOT EXISTS settings_dev ON settings(bundle_id, device_key, namespace, key);

CREATE TABLE IF NOT EXISTS pci_capabilities (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  cap_id INTEGER NOT NULL,
  extended INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  version INTEGER,
  name TEXT,
  fields TEXT,
  artifact TEXT
);
CREATE INDEX IF NOT EXISTS pci_capabilities_dev ON pci_capabilities(bundle_id, device_key);

CREATE TABLE IF NOT EXISTS pci_links (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  source TEXT NOT NULL,
  max_speed_gts REAL,
  max_width INTEGER,
  speed_gts REAL,
  width INTEGER,
  artifact TEXT
);
CREATE INDEX IF NOT EXISTS pci_links_dev ON pci_links(bundle_id, device_key);

CREATE TABLE IF NOT EXISTS registers (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  space TEXT NOT NULL,
  offset INTEGER NOT NULL,
  value INTEGER NOT NULL,
  artifact TEXT
);

CREATE TABLE IF NOT EXISTS register_fields (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  register TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT,
  note TEXT,
  artifact TEXT
);
CREATE INDEX IF NOT EXISTS register_fields_dev ON register_fields(bundle_id, device_key);

CREATE TABLE IF NOT EXISTS kernel_log (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  seq INTEGER,
  usec INTEGER,
  level INTEGER,
  device TEXT,
  text TEXT NOT NULL,
  artifact TEXT
);

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

CREATE TABLE IF NOT EXISTS vendor_data (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  origin TEXT CHECK (origin IN ('bundle', 'option', 'release', 'analysing-machine')),
  path TEXT,
  version TEXT,
  sha256 TEXT,
  used_for TEXT NOT NULL,
  note TEXT,
  data BLOB,
  PRIMARY KEY (bundle_id, name)
);

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
`;
