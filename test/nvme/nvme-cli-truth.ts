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
