import type { Db } from './database.js';
import type { DriveIdentity } from './rows.js';
import { cachedStatement } from './statements.js';

/** How well a key names its drive: the host's own name first, then a node an output names, then what an output gives of itself. */
const RANK: Record<DriveIdentity['named'], number> = { kernel: 3, node: 2, own: 1 };

/**
 * A world wide name that names no drive: one digit over and over after the NAA nibble (all zeros, all `f`), or a run a
 * person or a fake device typed for it (`0x1234567890…`, `…abcdef…`), as redacted outputs and test fixtures hold.
 */
export const placeholderWwn = (hex: string): boolean => /^[0-9a-f]?([0-9a-f])\1+$/.test(hex) || /12345678|abcdef|fedcba98|87654321/.test(hex);

/** A world wide name as both its readers print it (`naa.5000CCA2556D2514`, `0x5000cca2556d2514`, `5000 cca255 6d2514`); a placeholder is none. */
const wwnOf = (w: string | undefined): string | undefined => {
  const hex = w?.toLowerCase().replace(/^(?:naa|eui|0x)\.?|\s/g, '');
  return hex && !placeholderWwn(hex) ? hex : undefined;
};

/** Two world wide names both read and not the same: two drives, whatever their serials say. */
export const otherName = (a: string | undefined, b: string | undefined): boolean => {
  const x = wwnOf(a);
  const y = wwnOf(b);
  return x !== undefined && y !== undefined && x !== y;
};

interface Found {
  key: string;
  id: DriveIdentity;
}

/** Columns of the tables that name a device by number or by key (a class's own tables among them), read from the schema. */
function deviceColumns(db: Db): { byNo: string[]; byKey: string[] } {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
  const byNo: string[] = [];
  const byKey: string[] = [];
  for (const t of tables) {
    if (t === 'device_nos' || t === 'devices' || t === 'rule_results') continue;
    const cols = (db.prepare(`PRAGMA table_info("${t.replace(/"/g, '""')}")`).all() as { name: string }[]).map((c) => c.name);
    if (!cols.includes('bundle_id')) continue;
    if (cols.includes('device_no')) byNo.push(t);
    else if (cols.includes('device_key')) byKey.push(t);
  }
  return { byNo, byKey };
}

const COLUMNS = ['pci_address', 'vendor_id', 'device_id', 'subsystem_vendor_id', 'subsystem_device_id', 'class_code', 'revision', 'driver', 'model', 'serial'];

/**
 * One drive is one device: the devices whose loaders declared the same drive (bus and serial, and no two world wide
 * names that differ) are folded into the one whose key names it best — the host's own name (sysfs `scsi:0:0:0:0`,
 * `nvme:nvme0`) over a /dev node an output names (`block:sg2`, `nvme:nvme0` of a saved smartctl) over what an output gives
 * of itself (`nvme:id-ctrl-<serial>`). When two keys name it equally well (two paths or two controllers of one drive the
 * host names apart), nothing is folded. The folded device's rows move to the one kept; a setting the kept device has
 * already, and a firmware row of a component and state it has, are dropped (a differing version is said). Returns what
 * was folded into what.
 */
export function foldDrives(db: Db, bundleId: number, drives: ReadonlyMap<string, DriveIdentity>, deviceNo: (key: string) => number | undefined,
  issue: (code: string, message: string, target?: string) => void): [string, string][] {
  const groups = new Map<string, Found[]>();
  for (const [key, id] of drives) {
    const g = `${id.bus}\0${id.serial.trim()}`;
    groups.set(g, [...(groups.get(g) ?? []), { key, id }]);
  }
  const folded: [string, string][] = [];
  let columns: ReturnType<typeof deviceColumns> | undefined;
  for (const found of groups.values()) {
    if (found.length < 2) continue;
    const top = Math.max(...found.map((f) => RANK[f.id.named]));
    const best = found.filter((f) => RANK[f.id.named] === top);
    if (best.length !== 1) continue;
    const into = best[0]!;
    for (const from of found) {
      const a = wwnOf(from.id.wwn);
      const b = wwnOf(into.id.wwn);
      if (from === into || (a && b && a !== b)) continue;
      columns ??= deviceColumns(db);
      fold(db, bundleId, from.key, into.key, deviceNo, columns, issue);
      issue('ONE-DRIVE', `${from.key} is the drive ${into.key} (${into.id.bus} serial ${into.id.serial.trim()}): its facts are stored on ${into.key}`, from.key);
      folded.push([from.key, into.key]);
    }
  }
  return folded;
}

function fold(db: Db, bundleId: number, from: string, into: string, deviceNo: (key: string) => number | undefined, columns: ReturnType<typeof deviceColumns>,
  issue: (code: string, message: string, target?: string) => void): void {
  const fromNo = deviceNo(from);
  const intoNo = deviceNo(into);
  if (fromNo !== undefined && intoNo !== undefined) {
    const twice = cachedStatement(db, `SELECT f.rowid AS rowid, f.component, f.state, f.version, k.version AS kept FROM firmware_rows f
      JOIN firmware_rows k ON k.bundle_id = f.bundle_id AND k.device_no = @into AND k.component = f.component AND k.state = f.state
      WHERE f.bundle_id = @b AND f.device_no = @from`).all({ b: bundleId, from: fromNo, into: intoNo }) as { rowid: number; component: string; state: string; version: string; kept: string }[];
    const drop = cachedStatement(db, `DELETE FROM firmware_rows WHERE rowid = ?`);
    for (const t of twice) {
      if (t.version.trim() !== t.kept.trim()) issue('ONE-DRIVE', `${from} shows ${t.component} ${t.state} ${t.version}, ${into} ${t.kept}: ${into}'s is kept`, from);
      drop.run(t.rowid);
    }
    cachedStatement(db, `DELETE FROM setting_rows WHERE bundle_id = @b AND device_no = @from
      AND key_id IN (SELECT key_id FROM setting_rows WHERE bundle_id = @b AND device_no = @into)`).run({ b: bundleId, from: fromNo, into: intoNo });
    for (const t of columns.byNo) cachedStatement(db, `UPDATE "${t}" SET device_no = ? WHERE bundle_id = ? AND device_no = ?`).run(intoNo, bundleId, fromNo);
  }
  for (const t of columns.byKey) cachedStatement(db, `UPDATE "${t}" SET device_key = ? WHERE bundle_id = ? AND device_key = ?`).run(into, bundleId, from);
  const set = COLUMNS.map((c) => `${c} = COALESCE(${c}, (SELECT ${c} FROM devices WHERE bundle_id = @b AND device_key = @from))`).join(', ');
  cachedStatement(db, `UPDATE devices SET ${set} WHERE bundle_id = @b AND device_key = @into`).run({ b: bundleId, from, into });
  cachedStatement(db, `UPDATE devices SET parent_key = ? WHERE bundle_id = ? AND parent_key = ? AND device_key <> ?`).run(into, bundleId, from, into);
  cachedStatement(db, `DELETE FROM devices WHERE bundle_id = ? AND device_key = ?`).run(bundleId, from);
}
