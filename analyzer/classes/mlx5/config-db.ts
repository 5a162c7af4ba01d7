import { msbAddress, readBits } from './bits.js';
import Database from 'better-sqlite3';
import type { VendorFileSpec } from '../../vendor-data/vendor-data.js';

/** Where Debian's mstflint package installs the vendor's NV-configuration database. */
export const DEFAULT_MLXCONFIG_DB = '/usr/share/mstflint/mlxconfig_dbs/mlxconfig_host.db';

/** mstflint's NV-configuration database: --mlxconfig-db, else the host's copy in the bundle, else this machine's. */
export const MLXCONFIG_DB: VendorFileSpec = {
  name: 'mlxconfig-db',
  usedFor: 'checking ConnectX NV configuration against the vendor\'s constraints and value names (rules mlx5.nvconfig-constraints, mlx5.nvconfig-database-differs)',
  bundlePaths: [DEFAULT_MLXCONFIG_DB.slice(1)],
  systemPaths: [DEFAULT_MLXCONFIG_DB],
};

/** tlvs.class: Global=0, Physical_Port=1, Per_Host_Per_Function=3, NVFile=6, Per_Host=7, Module=9. */
export const TLV_CLASS_PORT = 1;
export const TLV_CLASS_MODULE = 9;

export interface TlvDef {
  name: string;
  id: number;
  target: string;
  /** A capability TLV: written by firmware, read by constraints. */
  cap: boolean;
  class: number;
  size: number;
}

/** `0x<byte>.<bit>` as in the ADB: bit counted from the LSB of the big-endian dword at `byte`. */
export interface BitPos {
  byte: number;
  bit: number;
}

export interface ParamDef {
  name: string;
  tlv: TlvDef;
  offset: BitPos;
  /** Width in bits. */
  bits: number;
  type: string;
  /** ENUM only: name → value. */
  enumValues?: Map<string, number>;
  mlxconfigName?: string;
  dependency?: string;
  validBit?: string;
  tempVars?: string;
  min?: string;
  max?: string;
  rule?: string;
  supportedFromVersion: number;
  arrayLength: number;
}

/** `0xB.b` (or `0xB` for whole bytes) → byte and bit; size `0xY.Z` → Y*8+Z bits. */
export function parseBitPos(s: string): BitPos {
  const m = /^0x([0-9a-fA-F]+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`bad offset "${s}"`);
  return { byte: Number.parseInt(m[1]!, 16), bit: m[2] === undefined ? 0 : Number(m[2]) };
}

export function parseBitSize(s: string): number {
  const p = parseBitPos(s);
  return p.byte * 8 + p.bit;
}

function parseEnum(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pair of text.split(',')) {
    const [k, v] = pair.split('=');
    if (k && v !== undefined) out.set(k.trim(), Number(v.trim()));
  }
  return out;
}

const opt = (s: string | null): string | undefined => (s === null || s.trim() === '' ? undefined : s.trim());

interface TlvRow { name: string; id: number; target: string; cap: number; class: number; size: number }
interface ParamRow {
  name: string; tlv_name: string; offset: string; size: string; type: string; textual_values: string | null; mlxconfig_name: string | null;
  dependency: string | null; valid_bit: string | null; temp_vars: string | null; min_val: string | null; max_val: string | null;
  rule: string | null; supported_from_version: number | null; array_length: number | null;
}

/** The mlxconfig host database, read once (read-only) into memory. */
export class MlxconfigDb {
  readonly tlvs = new Map<string, TlvDef>();
  readonly params: ParamDef[] = [];
  private readonly byMlxName = new Map<string, ParamDef>();
  private readonly byTlvParam = new Map<string, ParamDef>();

  private constructor(readonly path: string) {}

  static open(path: string = DEFAULT_MLXCONFIG_DB): MlxconfigDb {
    return MlxconfigDb.read(new Database(path, { readonly: true, fileMustExist: true }), path);
  }

  /** The database from its bytes (the host's copy a bundle carried). */
  static fromBuffer(data: Buffer, path: string): MlxconfigDb {
    return MlxconfigDb.read(new Database(data, { readonly: true }), path);
  }

  private static read(sqlite: Database.Database, path: string): MlxconfigDb {
    try {
      const db = new MlxconfigDb(path);
      for (const t of sqlite.prepare(`SELECT name, id, target, cap, class, size FROM tlvs`).all() as TlvRow[]) {
        db.tlvs.set(t.name, { name: t.name, id: t.id, target: t.target, cap: t.cap === 1, class: t.class, size: t.size });
      }
      const rows = sqlite.prepare(`SELECT name, tlv_name, offset, size, type, textual_values, mlxconfig_name, dependency, valid_bit, temp_vars,
          min_val, max_val, rule, supported_from_version, array_length FROM params`).all() as ParamRow[];
      for (const r of rows) {
        const tlv = db.tlvs.get(r.tlv_name);
        if (!tlv) throw new Error(`${path}: parameter ${r.name} names unknown TLV ${r.tlv_name}`);
        const p: ParamDef = {
          name: r.name, tlv, offset: parseBitPos(r.offset), bits: parseBitSize(r.size), type: r.type,
          mlxconfigName: opt(r.mlxconfig_name), dependency: opt(r.dependency), validBit: opt(r.valid_bit), tempVars: opt(r.temp_vars),
          min: opt(r.min_val), max: opt(r.max_val), rule: opt(r.rule),
          supportedFromVersion: r.supported_from_version ?? 0, arrayLength: r.array_length ?? 0,
        };
        if (r.type === 'ENUM' && r.textual_values) p.enumValues = parseEnum(r.textual_values);
        db.params.push(p);
        if (p.mlxconfigName) db.byMlxName.set(p.mlxconfigName, p);
        db.byTlvParam.set(`${tlv.name}.${p.name}`, p);
      }
      return db;
    } finally {
      sqlite.close();
    }
  }

  /** The definition behind a name as mlxconfig prints it (`LINK_TYPE_P2` → LINK_TYPE of a port TLV, `X[3]` → X). */
  lookupDisplayed(displayed: string): { param: ParamDef; suffix: string } | undefined {
    const base = displayed.replace(/\[\d+\]$/, '');
    const direct = this.byMlxName.get(base);
    if (direct) return { param: direct, suffix: '' };
    const m = /^(.*)(_[PM]\d+)$/.exec(base);
    if (!m) return undefined;
    const p = this.byMlxName.get(m[1]!);
    const cls = m[2]!.startsWith('_P') ? TLV_CLASS_PORT : TLV_CLASS_MODULE;
    return p && p.tlv.class === cls ? { param: p, suffix: m[2]! } : undefined;
  }

  param(tlv: string, name: string): ParamDef | undefined {
    return this.byTlvParam.get(`${tlv}.${name}`);
  }
}

/** A field of a TLV image (big-endian dwords, as MNVDA returns the configuration item data). */
export function readTlvField(data: Buffer, p: Pick<ParamDef, 'offset' | 'bits'>): number | undefined {
  return readBits(data, msbAddress(p.offset.byte, p.offset.bit, p.bits), p.bits);
}

/** Builds a TLV image from field values (for fixtures and fakes): the inverse of readTlvField. */
export function writeTlvFields(db: MlxconfigDb, tlv: string, fields: Record<string, number>): Buffer {
  const def = db.tlvs.get(tlv);
  if (!def) throw new Error(`unknown TLV ${tlv}`);
  const out = Buffer.alloc(def.size);
  for (const [name, value] of Object.entries(fields)) {
    const p = db.param(tlv, name);
    if (!p || p.bits > 32) throw new Error(`${tlv} has no field ${name} of at most 32 bits`);
    const dword = p.bits === 32 ? p.offset.byte : p.offset.byte & ~3;
    const shift = p.bits === 32 ? 0 : p.offset.bit;
    const mask = p.bits === 32 ? 0xffffffff : ((1 << p.bits) - 1) << shift;
    const cur = out.readUInt32BE(dword);
    out.writeUInt32BE(((cur & ~mask) | ((value << shift) & mask)) >>> 0, dword);
  }
  return out;
}
