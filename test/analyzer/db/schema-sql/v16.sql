-- index bundles_manifest (on bundles)
CREATE INDEX bundles_manifest ON bundles(manifest_sha256);

-- index collection_issues_bundle (on collection_issues)
CREATE INDEX collection_issues_bundle ON collection_issues(bundle_id);

-- index device_nos_key (on device_nos)
CREATE UNIQUE INDEX device_nos_key ON device_nos(bundle_id, device_key);

-- index firmware_rows_dev (on firmware_rows)
CREATE INDEX firmware_rows_dev ON firmware_rows(bundle_id, device_no);

-- index pci_capability_rows_dev (on pci_capability_rows)
CREATE INDEX pci_capability_rows_dev ON pci_capability_rows(bundle_id, device_key);

-- index pci_config_uses_config (on pci_config_uses)
CREATE INDEX pci_config_uses_config ON pci_config_uses(config_id);

-- index pci_links_dev (on pci_links)
CREATE INDEX pci_links_dev ON pci_links(bundle_id, device_key);

-- index register_dump_rows_dev (on register_dump_rows)
CREATE INDEX register_dump_rows_dev ON register_dump_rows(bundle_id, device_no);

-- index register_field_rows_dev (on register_field_rows)
CREATE INDEX register_field_rows_dev ON register_field_rows(bundle_id, device_no);

-- index rule_results_bundle (on rule_results)
CREATE INDEX rule_results_bundle ON rule_results(bundle_id);

-- index setting_keys_name (on setting_keys)
CREATE INDEX setting_keys_name ON setting_keys(namespace, key, mode);

-- index sources_bundle (on sources)
CREATE INDEX sources_bundle ON sources(bundle_id);

-- table artifact_hashes (on artifact_hashes)
CREATE TABLE artifact_hashes (id INTEGER PRIMARY KEY, sha256 BLOB NOT NULL);

-- table artifact_names (on artifact_names)
CREATE TABLE artifact_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL);

-- table artifact_origins (on artifact_origins)
CREATE TABLE artifact_origins (id INTEGER PRIMARY KEY, origin TEXT NOT NULL);

-- table artifact_rows (on artifact_rows)
CREATE TABLE artifact_rows (
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

-- table bundle_readers (on bundle_readers)
CREATE TABLE bundle_readers (
  bundle_id INTEGER PRIMARY KEY REFERENCES bundles(id) ON DELETE CASCADE,
  readers TEXT NOT NULL
);

-- table bundles (on bundles)
CREATE TABLE bundles (
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

-- table collection_issues (on collection_issues)
CREATE TABLE collection_issues (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  source TEXT,
  target TEXT,
  code TEXT NOT NULL,
  message TEXT NOT NULL
);

-- table device_nos (on device_nos)
CREATE TABLE device_nos (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  no INTEGER NOT NULL,
  device_key TEXT NOT NULL,
  PRIMARY KEY (bundle_id, no)
) WITHOUT ROWID;

-- table devices (on devices)
CREATE TABLE devices (
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

-- table firmware_rows (on firmware_rows)
CREATE TABLE firmware_rows (
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

-- table kernel_log_rows (on kernel_log_rows)
CREATE TABLE kernel_log_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  no INTEGER NOT NULL,
  seq INTEGER,
  usec INTEGER,
  level INTEGER,
  device_key TEXT,
  text_id INTEGER NOT NULL,
  artifact_no INTEGER,
  PRIMARY KEY (bundle_id, no)
) WITHOUT ROWID;

-- table kernel_log_texts (on kernel_log_texts)
CREATE TABLE kernel_log_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL);

-- table meta (on meta)
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- table pci_capability_rows (on pci_capability_rows)
CREATE TABLE pci_capability_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  cap_id INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  version INTEGER,
  fields TEXT,
  artifact_no INTEGER
);

-- table pci_config_uses (on pci_config_uses)
CREATE TABLE pci_config_uses (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  artifact_no INTEGER NOT NULL,
  config_id INTEGER NOT NULL,
  PRIMARY KEY (bundle_id, device_key, artifact_no)
) WITHOUT ROWID;

-- table pci_configs (on pci_configs)
CREATE TABLE pci_configs (
  id INTEGER PRIMARY KEY,
  sha256 BLOB NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  caps TEXT NOT NULL
);

-- table pci_links (on pci_links)
CREATE TABLE pci_links (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  source TEXT NOT NULL,
  max_speed_gts REAL,
  max_width INTEGER,
  speed_gts REAL,
  width INTEGER,
  artifact TEXT
);

-- table register_dump_rows (on register_dump_rows)
CREATE TABLE register_dump_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_no INTEGER NOT NULL,
  space TEXT NOT NULL,
  offset INTEGER NOT NULL,
  data BLOB NOT NULL,
  artifact_no INTEGER
);

-- table register_field_rows (on register_field_rows)
CREATE TABLE register_field_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_no INTEGER NOT NULL,
  register TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT,
  note TEXT,
  artifact_no INTEGER
);

-- table rule_results (on rule_results)
CREATE TABLE rule_results (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  device_key TEXT,
  result TEXT NOT NULL CHECK (result IN ('fail', 'pass', 'skip', 'error')),
  severity TEXT NOT NULL,
  message TEXT,
  evidence TEXT,
  missing TEXT
);

-- table setting_keys (on setting_keys)
CREATE TABLE setting_keys (id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, key TEXT NOT NULL, mode TEXT NOT NULL);

-- table setting_rows (on setting_rows)
CREATE TABLE setting_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_no INTEGER NOT NULL,
  key_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  value TEXT,
  artifact_no INTEGER,
  PRIMARY KEY (bundle_id, device_no, key_id, seq)
) WITHOUT ROWID;

-- table sources (on sources)
CREATE TABLE sources (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  duration_ms INTEGER
);

-- table vendor_files (on vendor_files)
CREATE TABLE vendor_files (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);

-- table vendor_uses (on vendor_uses)
CREATE TABLE vendor_uses (
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

-- trigger pci_configs_unused (on pci_config_uses)
CREATE TRIGGER pci_configs_unused AFTER DELETE ON pci_config_uses BEGIN
  DELETE FROM pci_configs WHERE id = OLD.config_id AND NOT EXISTS (SELECT 1 FROM pci_config_uses WHERE config_id = OLD.config_id);
END;

-- trigger vendor_files_unused (on vendor_uses)
CREATE TRIGGER vendor_files_unused AFTER DELETE ON vendor_uses WHEN OLD.stored = 1 BEGIN
  DELETE FROM vendor_files WHERE sha256 = OLD.sha256 AND NOT EXISTS (SELECT 1 FROM vendor_uses WHERE sha256 = OLD.sha256 AND stored = 1);
END;

-- view artifacts (on artifacts)
CREATE VIEW artifacts AS
SELECT r.bundle_id, a.name, r.source, CASE r.origin_kind WHEN 0 THEN 'file' WHEN 1 THEN 'link' WHEN 2 THEN 'dir' WHEN 3 THEN 'cmd' WHEN 4 THEN 'ioctl' WHEN 5 THEN 'status' ELSE r.origin_kind END AS origin_kind,
  CASE WHEN r.origin_id IS NULL AND r.origin_kind IS NOT NULL THEN json_object('kind', CASE r.origin_kind WHEN 0 THEN 'file' WHEN 1 THEN 'link' WHEN 2 THEN 'dir' WHEN 3 THEN 'cmd' WHEN 4 THEN 'ioctl' WHEN 5 THEN 'status' ELSE r.origin_kind END, 'path', '/' || a.name) ELSE o.origin END AS origin,
  r.size, CASE WHEN typeof(h.sha256) = 'blob' THEN lower(hex(h.sha256)) ELSE h.sha256 END AS sha256,
  r.truncated, r.exit_status, r.verified, r.parser, r.parse_error, r.saved_as
FROM artifact_rows r JOIN artifact_names a ON a.id = r.name_id
LEFT JOIN artifact_origins o ON o.id = r.origin_id LEFT JOIN artifact_hashes h ON h.id = r.sha256_id
WHERE r.listed = 1;

-- view fact_artifacts (on fact_artifacts)
CREATE VIEW fact_artifacts AS
SELECT r.bundle_id, r.no, n.name FROM artifact_rows r JOIN artifact_names n ON n.id = r.name_id;

-- view firmware (on firmware)
CREATE VIEW firmware AS
SELECT f.bundle_id, d.device_key, f.component, f.version, f.scheme, f.version_key, f.family, f.unknown, f.state, a.name AS artifact, f.rowid AS rowid
FROM firmware_rows f JOIN device_nos d ON d.bundle_id = f.bundle_id AND d.no = f.device_no
LEFT JOIN artifact_rows x ON x.bundle_id = f.bundle_id AND x.no = f.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

-- view kernel_log (on kernel_log)
CREATE VIEW kernel_log AS
SELECT k.bundle_id, k.seq, k.usec, k.level, k.device_key, t.text, a.name AS artifact, k.no AS rowid
FROM kernel_log_rows k JOIN kernel_log_texts t ON t.id = k.text_id
LEFT JOIN artifact_rows x ON x.bundle_id = k.bundle_id AND x.no = k.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

-- view pci_capabilities (on pci_capabilities)
CREATE VIEW pci_capabilities AS
SELECT l.bundle_id, l.device_key, l.cap_id, l.extended, l.offset, l.version, l.name,
  CASE WHEN l.config_id IS NULL THEN (SELECT r.fields FROM pci_capability_rows r WHERE r.rowid = l.rowid)
    ELSE (SELECT pci_cap_fields(c.data, c.size, l.offset) FROM pci_configs c WHERE c.id = l.config_id) END AS fields,
  l.artifact, l.rowid
FROM pci_capability_list l;

-- view pci_capability_list (on pci_capability_list)
CREATE VIEW pci_capability_list AS
SELECT e.bundle_id, e.device_key, e.cap_id, e.offset >= 256 AS extended, e.offset, e.version, CASE WHEN offset >= 256 THEN CASE cap_id WHEN 0 THEN 'Null' WHEN 1 THEN 'Advanced Error Reporting' WHEN 2 THEN 'Virtual Channel' WHEN 3 THEN 'Device Serial Number' WHEN 4 THEN 'Power Budgeting' WHEN 5 THEN 'Root Complex Link' WHEN 6 THEN 'Root Complex Internal Link' WHEN 7 THEN 'Root Complex Event Collector Endpoint Association' WHEN 8 THEN 'Multi-Function Virtual Channel' WHEN 9 THEN 'Virtual Channel' WHEN 10 THEN 'Root Complex Register Block' WHEN 11 THEN 'Vendor Specific Information' WHEN 13 THEN 'Access Control Services' WHEN 14 THEN 'Alternative Routing-ID Interpretation (ARI)' WHEN 15 THEN 'Address Translation Service (ATS)' WHEN 16 THEN 'Single Root I/O Virtualization (SR-IOV)' WHEN 17 THEN 'Multi-Root I/O Virtualization' WHEN 18 THEN 'Multicast' WHEN 19 THEN 'Page Request Interface (PRI)' WHEN 21 THEN 'Physical Resizable BAR' WHEN 22 THEN 'Dynamic Power Allocation' WHEN 23 THEN 'Transaction Processing Hints' WHEN 24 THEN 'Latency Tolerance Reporting' WHEN 25 THEN 'Secondary PCI Express' WHEN 26 THEN 'Protocol Multiplexing' WHEN 27 THEN 'Process Address Space ID (PASID)' WHEN 28 THEN 'LN Requester' WHEN 29 THEN 'Downstream Port Containment' WHEN 30 THEN 'L1 PM Substates' WHEN 31 THEN 'Precision Time Measurement' WHEN 32 THEN 'PCI Express over M_PHY' WHEN 33 THEN 'FRS Queueing' WHEN 34 THEN 'Readiness Time Reporting' WHEN 35 THEN 'Designated Vendor-Specific' WHEN 36 THEN 'Virtual Resizable BAR' WHEN 37 THEN 'Data Link Feature' WHEN 38 THEN 'Physical Layer 16.0 GT/s' WHEN 39 THEN 'Lane Margining at the Receiver' WHEN 40 THEN 'Hierarchy ID' WHEN 41 THEN 'Native PCIe Enclosure Management' WHEN 42 THEN 'Physical Layer 32.0 GT/s' WHEN 46 THEN 'Data Object Exchange' WHEN 47 THEN 'Device 3' WHEN 48 THEN 'Integrity & Data Encryption' WHEN 49 THEN 'Physical Layer 64.0 GT/s' WHEN 50 THEN 'Flit Logging' WHEN 52 THEN 'Flit Error Injection' WHEN 54 THEN 'MMIO Register Block Locator' ELSE printf('Extended Capability ID 0x%x', cap_id) END ELSE CASE cap_id WHEN 0 THEN 'Null' WHEN 1 THEN 'Power Management' WHEN 2 THEN 'AGP' WHEN 3 THEN 'Vital Product Data' WHEN 4 THEN 'Slot ID' WHEN 5 THEN 'MSI' WHEN 6 THEN 'CompactPCI hot-swap' WHEN 7 THEN 'PCI-X' WHEN 8 THEN 'HyperTransport' WHEN 9 THEN 'Vendor Specific Information' WHEN 10 THEN 'Debug port' WHEN 11 THEN 'CompactPCI central resource control' WHEN 12 THEN 'Hot-plug capable' WHEN 13 THEN 'Subsystem' WHEN 14 THEN 'AGP3' WHEN 15 THEN 'Secure device' WHEN 16 THEN 'Express' WHEN 17 THEN 'MSI-X' WHEN 18 THEN 'SATA HBA' WHEN 19 THEN 'PCI Advanced Features' WHEN 20 THEN 'Enhanced Allocation (EA)' ELSE printf('Capability ID 0x%x', cap_id) END END AS name, a.name AS artifact, e.config_id, e.no AS rowid
FROM (
  SELECT u.bundle_id, u.device_key, json_extract(j.value, '$[1]') AS cap_id, json_extract(j.value, '$[0]') AS offset, json_extract(j.value, '$[2]') AS version,
    u.artifact_no, u.config_id, j.key AS no
  FROM pci_config_uses u JOIN pci_configs c ON c.id = u.config_id JOIN json_each(c.caps) j
  UNION ALL
  SELECT bundle_id, device_key, cap_id, offset, version, artifact_no, NULL, rowid FROM pci_capability_rows
) e LEFT JOIN artifact_rows x ON x.bundle_id = e.bundle_id AND x.no = e.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

-- view pci_config (on pci_config)
CREATE VIEW pci_config AS
SELECT u.bundle_id, u.device_key, c.size, CAST(c.data || zeroblob(c.size - length(c.data)) AS BLOB) AS data, lower(hex(c.sha256)) AS sha256, a.name AS artifact
FROM pci_config_uses u JOIN pci_configs c ON c.id = u.config_id
LEFT JOIN artifact_rows x ON x.bundle_id = u.bundle_id AND x.no = u.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

-- view register_dumps (on register_dumps)
CREATE VIEW register_dumps AS
SELECT r.bundle_id, d.device_key, r.space, r.offset, r.data, a.name AS artifact, r.rowid AS rowid
FROM register_dump_rows r JOIN device_nos d ON d.bundle_id = r.bundle_id AND d.no = r.device_no
LEFT JOIN artifact_rows x ON x.bundle_id = r.bundle_id AND x.no = r.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

-- view register_fields (on register_fields)
CREATE VIEW register_fields AS
SELECT r.bundle_id, d.device_key, r.register, r.field, r.value, r.note, a.name AS artifact, r.rowid AS rowid
FROM register_field_rows r JOIN device_nos d ON d.bundle_id = r.bundle_id AND d.no = r.device_no
LEFT JOIN artifact_rows x ON x.bundle_id = r.bundle_id AND x.no = r.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

-- view registers (on registers)
CREATE VIEW registers AS
WITH RECURSIVE word(i, n) AS MATERIALIZED (
  SELECT 0, (SELECT max(length(data)) / 4 FROM register_dumps) UNION ALL SELECT i + 1, n FROM word WHERE i + 1 < n
)
SELECT d.bundle_id, d.device_key, d.space, d.offset + 4 * word.i AS offset,
  (((instr(X'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', substr(d.data, 4 * word.i + 1, 1)) - 1) << 24) | ((instr(X'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', substr(d.data, 4 * word.i + 2, 1)) - 1) << 16) | ((instr(X'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', substr(d.data, 4 * word.i + 3, 1)) - 1) << 8) | (instr(X'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', substr(d.data, 4 * word.i + 4, 1)) - 1)) AS value, d.artifact
FROM register_dumps d JOIN word ON word.i < length(d.data) / 4;

-- view settings (on settings)
CREATE VIEW settings AS
SELECT s.bundle_id, d.device_key, k.namespace, k.key, s.value, k.mode, a.name AS artifact, s.seq AS rowid
FROM setting_rows s JOIN device_nos d ON d.bundle_id = s.bundle_id AND d.no = s.device_no JOIN setting_keys k ON k.id = s.key_id
LEFT JOIN artifact_rows x ON x.bundle_id = s.bundle_id AND x.no = s.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

-- view vendor_data (on vendor_data)
CREATE VIEW vendor_data AS
SELECT u.bundle_id, u.name, u.origin, u.path, u.version, u.sha256, u.used_for, u.note,
  CASE WHEN u.stored = 1 THEN (SELECT f.data FROM vendor_files f WHERE f.sha256 = u.sha256) END AS data
FROM vendor_uses u;
