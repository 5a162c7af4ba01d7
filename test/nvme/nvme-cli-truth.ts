import { fwSlotFromNvmeCli } from './lab-scenario.js';

/** What a person reads off nvme-cli's id-ctrl and fw-log outputs, read here without fwsnap's parsers. */
export interface NvmeCliTruth {
  model: string;
  serial: string;
  firmware: string;
  vid: number;
  version: string;
  frmw: number;
  firmware_slots: number;
  slot1_read_only: boolean;
  activation_without_reset: boolean;
  npss: number;
  apsta: number;
  power_states: string[];
}

export interface NvmeCliFwLogTruth {
  afi: number;
  active_slot: number;
  next_reset_slot: number | null;
  slots: Record<string, string>;
}

/** NVMe VER (major << 16 | minor << 8 | tertiary) as the specification writes it: 1.4, 1.3.1. */
const specVersion = (ver: number): string => [ver >>> 16, (ver >> 8) & 0xff, ...((ver & 0xff) ? [ver & 0xff] : [])].join('.');

function fromFields(f: { mn: string; sn: string; fr: string; vid: number; ver: number; frmw: number; npss: number; apsta: number }, powerStates: number): NvmeCliTruth {
  return {
    model: f.mn.trim(), serial: f.sn.trim(), firmware: f.fr.trim(), vid: f.vid, version: specVersion(f.ver), frmw: f.frmw,
    firmware_slots: (f.frmw >> 1) & 7, slot1_read_only: (f.frmw & 1) === 1, activation_without_reset: ((f.frmw >> 4) & 1) === 1,
    npss: f.npss, apsta: f.apsta, power_states: Array.from({ length: powerStates }, (_, i) => `ps${i}`),
  };
}

/** `nvme id-ctrl -o json`, by JSON.parse. */
export function idCtrlJsonTruth(text: string): NvmeCliTruth {
  const j = JSON.parse(text) as Record<string, unknown>;
  const n = (k: string): number => {
    if (typeof j[k] !== 'number') throw new Error(`nvme id-ctrl JSON has no number "${k}"`);
    return j[k];
  };
  const s = (k: string): string => {
    if (typeof j[k] !== 'string') throw new Error(`nvme id-ctrl JSON has no string "${k}"`);
    return j[k];
  };
  const psds = Array.isArray(j.psds) ? j.psds.length : 0;
  return fromFields({ mn: s('mn'), sn: s('sn'), fr: s('fr'), vid: n('vid'), ver: n('ver'), frmw: n('frmw'), npss: n('npss'), apsta: n('apsta') }, psds);
}

/** `nvme id-ctrl -H`: its `name : value` lines at the start of a line and its `ps N :` power-state lines. */
export function idCtrlHumanTruth(text: string): NvmeCliTruth {
  const fields = new Map<string, string>();
  for (const m of text.matchAll(/^([a-z][a-z0-9]*)\s+: (.*)$/gm)) if (!fields.has(m[1]!)) fields.set(m[1]!, m[2]!);
  const raw = (k: string): string => {
    const v = fields.get(k);
    if (v === undefined) throw new Error(`nvme id-ctrl -H has no "${k} :" line`);
    return v;
  };
  const n = (k: string): number => Number(raw(k).trim());
  const powerStates = [...text.matchAll(/^ps\s+\d+ : /gm)].length;
  return fromFields({ mn: raw('mn'), sn: raw('sn'), fr: raw('fr'), vid: n('vid'), ver: n('ver'), frmw: n('frmw'), npss: n('npss'), apsta: n('apsta') }, powerStates);
}

/** `nvme fw-log -o json` (nvme-cli 2.x: filled slots only, numbered from 1), by JSON.parse. */
export function fwLogJsonTruth(text: string): NvmeCliFwLogTruth {
  const doc = JSON.parse(text) as Record<string, Record<string, unknown>>;
  const body = Object.values(doc)[0];
  if (!body) throw new Error('nvme fw-log JSON has no device object');
  const afi = Number(body['Active Firmware Slot (afi)']);
  const slots: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const slot = /^Firmware Rev Slot ([1-7])$/.exec(k)?.[1];
    if (slot) slots[slot] = fwSlotFromNvmeCli(String(v));
  }
  return { afi, active_slot: afi & 7, next_reset_slot: ((afi >> 4) & 7) || null, slots };
}

/** What a person reads off nvme-cli's id-ns outputs: the counts, the format in use and every format (bytes + metadata). */
export interface NvmeCliIdNsTruth {
  size_blocks: number;
  capacity_blocks: number;
  used_blocks: number;
  lba_format: number;
  block_size: number;
  metadata_size: number;
  lba_formats: string[];
}

/** `nvme id-ns -o json`, by JSON.parse: FLBAS bits 3:0 select the format (fewer than 16 here), data size 2^ds. */
export function idNsJsonTruth(text: string): NvmeCliIdNsTruth {
  const j = JSON.parse(text) as Record<string, unknown>;
  const n = (k: string): number => {
    if (typeof j[k] !== 'number') throw new Error(`nvme id-ns JSON has no number "${k}"`);
    return j[k];
  };
  if (!Array.isArray(j.lbafs)) throw new Error('nvme id-ns JSON has no "lbafs" array');
  const formats = (j.lbafs as { ms: number; ds: number; rp: number }[]).map((f) => ({ data: 2 ** f.ds, ms: f.ms, rp: f.rp }));
  const inUse = n('flbas') & 0xf;
  return {
    size_blocks: n('nsze'), capacity_blocks: n('ncap'), used_blocks: n('nuse'), lba_format: inUse, block_size: formats[inUse]!.data,
    metadata_size: formats[inUse]!.ms, lba_formats: formats.map((f, i) => `${i}:${f.data}+${f.ms}:rp${f.rp}`),
  };
}

/** `nvme id-ns -H`: its `name : value` lines and its `LBA Format N : Metadata Size: … - Data Size: … - Relative Performance: …` lines. */
export function idNsHumanTruth(text: string): NvmeCliIdNsTruth {
  const fields = new Map<string, string>();
  for (const m of text.matchAll(/^([a-z][a-z0-9]*)\s*: (\S+)/gm)) if (!fields.has(m[1]!)) fields.set(m[1]!, m[2]!);
  const n = (k: string): number => {
    const v = fields.get(k);
    if (v === undefined) throw new Error(`nvme id-ns -H has no "${k} :" line`);
    return Number(v);
  };
  const formats = [...text.matchAll(/^LBA Format\s+(\d+) : Metadata Size: (\d+)\s+bytes - Data Size: (\d+) bytes - Relative Performance: (\S+) \w+( \(in use\))?/gm)]
    .map((m) => ({ index: Number(m[1]), ms: Number(m[2]), data: Number(m[3]), rp: Number(m[4]), inUse: m[5] !== undefined }));
  const used = formats.find((f) => f.inUse);
  if (!used) throw new Error('nvme id-ns -H marks no LBA format "(in use)"');
  return {
    size_blocks: n('nsze'), capacity_blocks: n('ncap'), used_blocks: n('nuse'), lba_format: used.index, block_size: used.data,
    metadata_size: used.ms, lba_formats: formats.map((f) => `${f.index}:${f.data}+${f.ms}:rp${f.rp}`),
  };
}
