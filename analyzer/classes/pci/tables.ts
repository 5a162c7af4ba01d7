import { createHash } from 'node:crypto';
import type { ClassTables, ComparedValue, SqlValue } from '../../db/class-tables.js';
import type { Db } from '../../db/database.js';
import type { FactSink } from '../../db/rows.js';
import { textId } from '../../db/text-ids.js';
import { parsePciConfig, type PciConfig } from './pci-config.js';
import { CAPABILITY_NAMES } from './pci-config-names.js';

const quoted = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const nameCase = (names: Readonly<Record<number, string>>, fallback: string): string =>
  `CASE cap_id ${Object.entries(names).map(([id, n]) => `WHEN ${id} THEN ${quoted(n)}`).join(' ')} ELSE printf('${fallback} 0x%x', cap_id) END`;
/** lspci's name of a capability, as capabilityName() gives it. */
const NAME = `CASE WHEN offset >= 256 THEN ${nameCase(CAPABILITY_NAMES.extended, 'Extended Capability ID')} ELSE ${nameCase(CAPABILITY_NAMES.legacy, 'Capability ID')} END`;

/**
 * The capabilities of every function, in plain SQL: those found in its config space (pci_configs.caps, in list
 * order) and those stored decoded (pci_capability_rows: lspci's text, databases before schema 12).
 */
const LIST_VIEW = `CREATE VIEW IF NOT EXISTS pci_capability_list AS
SELECT e.bundle_id, e.device_key, e.cap_id, e.offset >= 256 AS extended, e.offset, e.version, ${NAME} AS name, a.name AS artifact, e.config_id, e.no AS rowid
FROM (
  SELECT u.bundle_id, u.device_key, json_extract(j.value, '$[1]') AS cap_id, json_extract(j.value, '$[0]') AS offset, json_extract(j.value, '$[2]') AS version,
    u.artifact_no, u.config_id, j.key AS no
  FROM pci_config_uses u JOIN pci_configs c ON c.id = u.config_id JOIN json_each(c.caps) j
  UNION ALL
  SELECT bundle_id, device_key, cap_id, offset, version, artifact_no, NULL, rowid FROM pci_capability_rows
) e LEFT JOIN artifact_rows x ON x.bundle_id = e.bundle_id AND x.no = e.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;`;

/** The same with each capability's registers as JSON: decoded from config space by pci_cap_fields() (registered by fwsnap), or as stored. */
const FIELDS_VIEW = `CREATE VIEW IF NOT EXISTS pci_capabilities AS
SELECT l.bundle_id, l.device_key, l.cap_id, l.extended, l.offset, l.version, l.name,
  CASE WHEN l.config_id IS NULL THEN (SELECT r.fields FROM pci_capability_rows r WHERE r.rowid = l.rowid)
    ELSE (SELECT pci_cap_fields(c.data, c.size, l.offset) FROM pci_configs c WHERE c.id = l.config_id) END AS fields,
  l.artifact, l.rowid
FROM pci_capability_list l;`;

const DDL = `
-- Config space once per content (id: 53 bits of sha256 of the bytes as read), trailing zero bytes left off (size
-- says how many there were); caps: the capabilities the decoder found, JSON [[offset, id, version], …] in list order.
CREATE TABLE IF NOT EXISTS pci_configs (
  id INTEGER PRIMARY KEY,
  sha256 BLOB NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  caps TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pci_config_uses (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  artifact_no INTEGER NOT NULL,
  config_id INTEGER NOT NULL,
  PRIMARY KEY (bundle_id, device_key, artifact_no)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pci_config_uses_config ON pci_config_uses(config_id);
CREATE TRIGGER IF NOT EXISTS pci_configs_unused AFTER DELETE ON pci_config_uses BEGIN
  DELETE FROM pci_configs WHERE id = OLD.config_id AND NOT EXISTS (SELECT 1 FROM pci_config_uses WHERE config_id = OLD.config_id);
END;
CREATE VIEW IF NOT EXISTS pci_config AS
SELECT u.bundle_id, u.device_key, c.size, CAST(c.data || zeroblob(c.size - length(c.data)) AS BLOB) AS data, lower(hex(c.sha256)) AS sha256, a.name AS artifact
FROM pci_config_uses u JOIN pci_configs c ON c.id = u.config_id
LEFT JOIN artifact_rows x ON x.bundle_id = u.bundle_id AND x.no = u.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;

CREATE TABLE IF NOT EXISTS pci_capability_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  device_key TEXT NOT NULL,
  cap_id INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  version INTEGER,
  fields TEXT,
  artifact_no INTEGER
);
CREATE INDEX IF NOT EXISTS pci_capability_rows_dev ON pci_capability_rows(bundle_id, device_key);
${LIST_VIEW}
${FIELDS_VIEW}

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
`;

/** Config space as read: one row a function, its bytes stored once per database however many hosts share them. */
export function recordConfigBytes(sink: FactSink, bdf: string, bytes: Uint8Array, config: PciConfig, artifact: string): void {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  const caps = JSON.stringify(config.capabilities.map((c) => [c.offset, c.id, c.version]));
  const sha256 = createHash('sha256').update(bytes).digest();
  const id = sink.content('pci_configs', sha256, { size: bytes.length, data: Buffer.from(bytes.subarray(0, end)), caps });
  sink.row('pci_config_uses', { device_key: bdf, config_id: id }, artifact);
}

/** Decoded configs by their stored bytes: a view reads the capabilities of one config one after the other. */
const decoded = new Map<string, PciConfig | null>();
const DECODED_KEPT = 64;

function decode(data: Buffer, size: number): PciConfig | null {
  const key = `${size}:${data.toString('base64')}`;
  let config = decoded.get(key);
  if (config === undefined) {
    const bytes = Buffer.alloc(size);
    data.copy(bytes, 0, 0, Math.min(data.length, size));
    try {
      config = parsePciConfig(bytes);
    } catch {
      config = null;
    }
    if (decoded.size >= DECODED_KEPT) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, config);
  }
  return config;
}

/** pci_cap_fields(data, size, offset): the decoded registers (JSON) of the capability at `offset` of a stored config. */
function capFields(data: unknown, size: unknown, offset: unknown): SqlValue {
  if (!Buffer.isBuffer(data) || typeof size !== 'number' || typeof offset !== 'number' || size > 4096 || size < data.length) return null;
  const fields = decode(data, size)?.capabilities.find((c) => c.offset === offset)?.fields;
  return fields ? JSON.stringify(fields) : null;
}

/** Before schema 12 every capability was kept decoded in a table pci_capabilities; its rows stay decoded in pci_capability_rows. */
function upgrade(db: Db, fromVersion: number): void {
  if (fromVersion >= 12) return;
  const old = db.prepare(`SELECT type FROM sqlite_master WHERE name = 'pci_capabilities'`).get() as { type: string } | undefined;
  if (old?.type !== 'table') return;
  db.function('pci_artifact_id', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? textId(name) : null));
  db.exec(`ALTER TABLE pci_capabilities RENAME TO pci_capabilities_v11;
    ${DDL}
    INSERT INTO pci_capability_rows (bundle_id, device_key, cap_id, offset, version, fields, artifact_no)
      SELECT o.bundle_id, o.device_key, o.cap_id, o.offset, o.version, o.fields, x.no
      FROM pci_capabilities_v11 o LEFT JOIN artifact_rows x ON x.bundle_id = o.bundle_id AND x.name_id = pci_artifact_id(o.artifact)
      ORDER BY o.rowid;
    DROP TABLE pci_capabilities_v11;`);
}

const linkText = (speed: number | null, width: number | null): string => `${speed ?? '?'} GT/s x${width ?? '?'}`;

/** What `fwsnap diff` compares of a function's link: sysfs first (what the kernel shows), config space when sysfs has none. */
function* diffLinks(db: Db, bundle: number, deviceKey: string): Iterable<ComparedValue> {
  const links = db
    .prepare(`SELECT max_speed_gts, max_width, speed_gts, width FROM pci_links WHERE bundle_id = ? AND device_key = ? ORDER BY source DESC, rowid`)
    .all(bundle, deviceKey) as { max_speed_gts: number | null; max_width: number | null; speed_gts: number | null; width: number | null }[];
  for (const l of links) {
    yield { kind: 'PCIe link', item: 'current', value: linkText(l.speed_gts, l.width) };
    yield { kind: 'PCIe link', item: 'maximum', value: linkText(l.max_speed_gts, l.max_width) };
  }
}

export const pciTables: ClassTables = {
  ddl: DDL,
  rows: [
    { table: 'pci_config_uses', artifact: 'artifact_no' },
    { table: 'pci_capability_rows', artifact: 'artifact_no' },
    { table: 'pci_links', artifact: 'artifact' },
  ],
  content: ['pci_configs'],
  functions: {
    pci_cap_fields: {
      call: 'pci_cap_fields(data, size, offset)',
      gives: 'the decoded registers (JSON) of the capability at offset of a stored config space (pci_configs.data, .size); the view pci_capabilities calls it',
      fn: capFields,
    },
  },
  upgrade,
  diff: diffLinks,
  doc: {
    pci_configs: 'config space once per content: sha256, size, the bytes without trailing zeros, the capability list',
    pci_config_uses: 'which function of which bundle read which config space, from which artifact',
    pci_config: 'view: each function\'s config space whole, with its sha256 and artifact',
    pci_capability_rows: 'capabilities stored decoded: from lspci\'s text, and from databases before schema 12',
    pci_capability_list: 'view: every capability (id, offset, version, name) in plain SQL',
    pci_capabilities: 'view: pci_capability_list with the decoded registers as JSON (fields), through pci_cap_fields()',
    pci_links: 'PCIe link from config space and from sysfs: capability against status',
  },
};
