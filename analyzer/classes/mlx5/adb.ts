import { readFileSync } from 'node:fs';
import type { VendorFileSpec } from '../../vendor-data/vendor-data.js';
import { parseBitPos, parseBitSize, type BitPos } from './config-db.js';
import { xmlTags } from './xml-tags.js';

/** Debian's mstflint package ships the HCA register layouts here. */
export const DEFAULT_HCA_ADB = '/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb';

export interface AdbField {
  name: string;
  descr: string;
  offset: BitPos;
  /** Whole field (all elements of an array) in bits. */
  sizeBits: number;
  access?: string;
  enumValues?: Map<number, string>;
  subnode?: string;
  /** Arrays: element bounds; `high` is undefined for `high_bound="VARIABLE"`. */
  array?: { low: number; high?: number };
  selectedBy?: string;
}

export interface AdbNode {
  name: string;
  sizeBits: number;
  union: boolean;
  fields: AdbField[];
}

export interface AdbDb {
  source: string;
  nodes: Map<string, AdbNode>;
  /** Register name → access-register ID (from the enum of access_reg_summary_ctrl_ext.id). */
  registerIds: Map<string, number>;
  /** Register name → its layout node (the union member of access_reg_summary_ext selected by the name). */
  registerNodes: Map<string, string>;
}

function parseEnum(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const pair of text.split(',')) {
    const eq = pair.lastIndexOf('=');
    if (eq > 0) out.set(Number(pair.slice(eq + 1).trim()), pair.slice(0, eq).trim());
  }
  return out;
}

const need = (attrs: Record<string, string>, key: string, what: string, source: string): string => {
  const v = attrs[key];
  if (v === undefined) throw new Error(`${source}: ${what} has no ${key}`);
  return v;
};

/** Parses an ADB register-layout database (XML text). */
export function parseAdb(text: string, source = 'adb'): AdbDb {
  const nodes = new Map<string, AdbNode>();
  let node: AdbNode | undefined;
  for (const t of xmlTags(text, source)) {
    if (t.name === 'node') {
      if (t.kind === 'close') {
        node = undefined;
        continue;
      }
      const name = need(t.attrs, 'name', `<node> at ${t.at}`, source);
      node = { name, sizeBits: parseBitSize(need(t.attrs, 'size', `node ${name}`, source)), union: t.attrs.attr_is_union === '1', fields: [] };
      nodes.set(name, node);
      if (t.kind === 'empty') node = undefined;
    } else if (t.name === 'field' && t.kind !== 'close') {
      if (!node) throw new Error(`${source}: <field> outside a <node> at offset ${t.at}`);
      const a = t.attrs;
      const name = need(a, 'name', `a field of ${node.name}`, source);
      const f: AdbField = {
        name,
        descr: (a.descr ?? '').replace(/\\;/g, '\n').trim(),
        offset: parseBitPos(need(a, 'offset', `${node.name}.${name}`, source)),
        sizeBits: parseBitSize(need(a, 'size', `${node.name}.${name}`, source)),
      };
      if (a.access) f.access = a.access;
      if (a.enum) f.enumValues = parseEnum(a.enum);
      if (a.subnode) f.subnode = a.subnode;
      if (a.selected_by) f.selectedBy = a.selected_by;
      if (a.low_bound !== undefined || a.high_bound !== undefined) {
        f.array = { low: Number(a.low_bound ?? 0), high: a.high_bound === 'VARIABLE' ? undefined : Number(a.high_bound) };
      }
      node.fields.push(f);
    }
  }
  const registerIds = new Map<string, number>();
  const ids = nodes.get('access_reg_summary_ctrl_ext')?.fields.find((f) => f.name === 'id')?.enumValues;
  for (const [id, name] of ids ?? []) registerIds.set(name, id);
  const registerNodes = new Map<string, string>();
  for (const f of nodes.get('access_reg_summary_ext')?.fields ?? []) {
    if (f.selectedBy && f.subnode) registerNodes.set(f.selectedBy, f.subnode);
  }
  return { source, nodes, registerIds, registerNodes };
}

/** mstflint's HCA register layouts: the host's copy when the bundle holds it, else this machine's. */
export const HCA_ADB: VendorFileSpec = {
  name: 'register-layouts',
  usedFor: 'decoding ConnectX register reads (MGIR firmware version and PSID through fwctl)',
  bundlePaths: [DEFAULT_HCA_ADB.slice(1)],
  systemPaths: [DEFAULT_HCA_ADB],
};

export function loadAdb(path: string = DEFAULT_HCA_ADB): AdbDb {
  return parseAdb(readFileSync(path, 'utf8'), path);
}
