import { CLASSES } from '../classes/index.js';
import type { Db } from '../db/database.js';

/** A bundle `fwsnap fleet` leaves out: an older snapshot of a host whose newer bundle it compares. */
export interface OlderSnapshot {
  bundle: number;
  path: string;
  hostname: string;
  collectedAt: string | null;
  /** The bundle of the same host that is compared instead. */
  newer: { bundle: number; path: string; collectedAt: string | null };
}

export interface FleetBundles {
  /** One bundle per host, the most recently collected (in the order given). */
  ids: number[];
  olderSnapshots: OlderSnapshot[];
}

interface Row {
  id: number;
  path: string;
  hostname: string | null;
  collected_at: string | null;
  redacted: number;
}

const MACHINE_KEYS: readonly string[] = [...new Set(CLASSES.flatMap((c) => c.machineDevices ?? []))];

const byHostname = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** Bundles newest first: collection time, then the later load (fleet, and diff's hostnames). */
export const newestFirst = (a: { id: number; collected_at: string | null }, b: { id: number; collected_at: string | null }): number =>
  (b.collected_at ?? '').localeCompare(a.collected_at ?? '') || b.id - a.id;

/**
 * The bundles of `ids` (every bundle of the database when absent) that stand for one host each: of the bundles of one
 * host, the most recently collected. Bundles are of one host when they read the same hostname and no machine serial
 * tells them apart (two serials under one hostname are two machines; a bundle that read no serial is then a host of
 * its own). A bundle that read no hostname (saved tool outputs) or whose hostname is a redaction token (tokens of
 * separate redaction maps are alike: every host's is `h1`) is a host of its own.
 */
export function fleetBundles(db: Db, ids?: readonly number[]): FleetBundles {
  const all = db.prepare(`SELECT id, path, hostname, collected_at, redacted FROM bundles ORDER BY id`).all() as Row[];
  const wanted = ids ? new Set(ids) : null;
  const rows = wanted ? all.filter((r) => wanted.has(r.id)) : all;
  const serial = machineSerials(db);
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = r.hostname && !r.redacted ? `h\u0000${r.hostname.toLowerCase()}` : `b\u0000${r.id}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const kept = new Set<number>();
  const olderSnapshots: OlderSnapshot[] = [];
  for (const group of groups.values()) {
    for (const host of splitByMachine(group, serial)) {
      host.sort(newestFirst);
      const [newest, ...older] = host as [Row, ...Row[]];
      kept.add(newest.id);
      for (const o of older)
        olderSnapshots.push({
          bundle: o.id, path: o.path, hostname: o.hostname!, collectedAt: o.collected_at,
          newer: { bundle: newest.id, path: newest.path, collectedAt: newest.collected_at },
        });
    }
  }
  olderSnapshots.sort((a, b) => a.bundle - b.bundle);
  // A database's hosts by hostname (none first), as SQL orders them; bundles given in the order given.
  const order = ids ?? [...all].sort((a, b) => byHostname(a.hostname, b.hostname) || a.id - b.id).map((r) => r.id);
  return { ids: order.filter((id) => kept.has(id)), olderSnapshots };
}

/** One hostname's bundles as machines: one machine unless two machine serials differ. */
function splitByMachine(group: Row[], serial: ReadonlyMap<number, string>): Row[][] {
  const bySerial = new Map<string, Row[]>();
  const unknown: Row[] = [];
  for (const r of group) {
    const s = serial.get(r.id);
    if (s === undefined) unknown.push(r);
    else bySerial.set(s, [...(bySerial.get(s) ?? []), r]);
  }
  if (bySerial.size <= 1) return [group];
  return [...bySerial.values(), ...unknown.map((r) => [r])];
}

/** Each bundle's machine serial, when a machine device read one. */
function machineSerials(db: Db): Map<number, string> {
  const out = new Map<number, string>();
  if (!MACHINE_KEYS.length) return out;
  const rows = db
    .prepare(`SELECT bundle_id, serial FROM devices WHERE device_key IN (${MACHINE_KEYS.map(() => '?').join(',')}) AND serial IS NOT NULL AND serial <> ''`)
    .all(...MACHINE_KEYS) as { bundle_id: number; serial: string }[];
  for (const r of rows) if (!out.has(r.bundle_id)) out.set(r.bundle_id, r.serial.trim().toLowerCase());
  return out;
}
