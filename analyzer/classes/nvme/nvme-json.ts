import { readNvmeJson } from './nvme-json-dump.js';
import { ParseError } from '../../parsers/errors.js';
import { cleanText, excerptOf, type LineIssue } from '../../parsers/text-input.js';
import { specVersion, type NvmePowerState } from './nvme.js';
import type { NvmeFwLogText, NvmeIdCtrlFacts } from './nvme-text.js';

const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);
/**
 * A string member as the controller holds it, space padding off, and a person's Markdown bold or code around a word of
 * it left out (`"mn" : "INTEL **SSDPE2KX010T7**   "`: the model a forum post set in bold inside the pasted JSON).
 */
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.replace(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*/g, '$1').replace(/`([^`\s](?:[^`]*[^`\s])?)`/g, '$1').trim() : undefined;

function scaled(value: unknown, scale: number | undefined): number | null {
  const v = int(value);
  if (v === undefined) return null;
  if (scale === 1) return v / 10000;
  if (scale === 2) return v / 100;
  return null;
}

/**
 * A power scale as nvme-cli printed it: the scale itself (0 – 2) from 2.1 on, or the descriptor's whole byte (the scale in
 * bits 7:6) where 1.x printed `idle_scale` and `active_work_scale` and 2.0 `idle_scale` (nvme-print.c json_nvme_id_ctrl).
 */
function powerScale(v: unknown): number | undefined {
  const n = int(v);
  return n === undefined ? undefined : n > 3 ? (n >> 6) & 3 : n;
}

/**
 * 1.x's `active_work_scale` below 4 is a workload with no scale (bits 7:6 clear), 2.0's a scale: the two releases print
 * the same members. A power of 0 is one no scale reports (1.x), any other one the scale 2.0 printed.
 */
function activeScale(p: Record<string, unknown>): number | undefined {
  if (p.active_work_scale === undefined) return powerScale(p.active_scale);
  const whole = powerScale(p.active_work_scale);
  return int(p.active_work_scale)! <= 3 && int(p.active_power) === 0 ? 0 : whole;
}

/**
 * A JSON output pasted under the command line that typed it through a filter (`nvme id-ctrl /dev/nvme0 -o json | jq
 * '{sn, fr, frmw}'`, `| jq '.nvme0'`): jq kept some members and left others out, which are unknown, not absent or zero.
 */
const filteredJson = (text: string): boolean => excerptOf(cleanText(text)) !== undefined;

/** The members of a power state descriptor every nvme-cli release prints (1.x the flags byte, 2.x the two flags). */
const whole = (p: Record<string, unknown>): boolean =>
  ['max_power', 'entry_lat', 'exit_lat', 'read_tput', 'read_lat', 'write_tput', 'write_lat'].every((k) => k in p) && ('flags' in p || 'non-operational_state' in p);

/** nvme-cli 1.x prints the PSD flags byte; 2.x prints max_power_scale and non-operational_state instead. */
function jsonPowerState(p: Record<string, unknown>, state: number): NvmePowerState {
  const flags = int(p.flags) ?? ((int(p.max_power_scale) ?? 0) & 1) | (((int(p['non-operational_state']) ?? 0) & 1) << 1);
  return {
    state,
    maxPowerW: (int(p.max_power) ?? 0) / ((flags & 1) === 1 ? 10000 : 100),
    nonOperational: (flags & 2) === 2,
    entryLatencyUs: int(p.entry_lat) ?? 0,
    exitLatencyUs: int(p.exit_lat) ?? 0,
    relativeReadThroughput: int(p.read_tput) ?? 0,
    relativeReadLatency: int(p.read_lat) ?? 0,
    relativeWriteThroughput: int(p.write_tput) ?? 0,
    relativeWriteLatency: int(p.write_lat) ?? 0,
    idlePowerW: scaled(p.idle_power, powerScale(p.idle_scale)),
    activePowerW: scaled(p.active_power, activeScale(p)),
  };
}

/** An output read to its last whole member names the member that was cut (a person's elisions the load names, for every JSON reader). */
export interface CutJson {
  cut?: LineIssue;
}

/** `nvme id-ctrl -o json`: nvme-cli's field names, numbers in decimal, strings space-padded as the device holds them. */
export function parseIdCtrlJson(text: string): NvmeIdCtrlFacts & CutJson {
  const { doc, cut } = readNvmeJson('nvme-id-ctrl-json', text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ParseError('nvme-id-ctrl-json', 'top level is not an object');
  const f = doc as Record<string, unknown>;
  const filtered = filteredJson(text);
  // A filter's excerpt gives the members it kept (`jq '{fr, frmw}'`): a vid or mn it left out is unknown.
  if (f.vid === undefined && f.mn === undefined && !(filtered && ['sn', 'fr', 'frmw', 'oacs', 'npss', 'psds'].some((k) => k in f))) {
    throw new ParseError('nvme-id-ctrl-json', 'no "vid" or "mn" member; not nvme id-ctrl JSON');
  }
  const out: NvmeIdCtrlFacts & CutJson = cut ? { cut } : {};
  const put = (k: keyof NvmeIdCtrlFacts, v: unknown): void => {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  };
  put('vid', int(f.vid));
  put('ssvid', int(f.ssvid));
  put('serial', str(f.sn));
  put('model', str(f.mn));
  put('firmware', str(f.fr));
  const ieee = int(f.ieee);
  put('ieee', ieee === undefined ? str(f.ieee) : ieee.toString(16).padStart(6, '0'));
  put('cntlid', int(f.cntlid));
  const ver = int(f.ver);
  if (ver !== undefined) Object.assign(out, { versionRaw: ver, version: specVersion(ver) });
  put('mdts', int(f.mdts));
  const oacs = int(f.oacs);
  if (oacs !== undefined) Object.assign(out, { oacs, firmwareCommitSupported: (oacs & 4) === 4 });
  const frmw = int(f.frmw);
  if (frmw !== undefined) Object.assign(out, { frmw, firmwareSlots: (frmw >> 1) & 7, slot1ReadOnly: (frmw & 1) === 1, activationWithoutReset: (frmw & 0x10) === 0x10 });
  const mtfa = int(f.mtfa);
  put('mtfaMs', mtfa === undefined ? undefined : mtfa * 100);
  const npss = int(f.npss);
  put('powerStateCount', npss === undefined ? undefined : npss + 1);
  const apsta = int(f.apsta);
  put('apstSupported', apsta === undefined ? undefined : (apsta & 1) === 1);
  put('warningTempK', int(f.wctemp));
  put('criticalTempK', int(f.cctemp));
  put('oncs', int(f.oncs));
  put('lpa', int(f.lpa));
  const vwc = int(f.vwc);
  put('volatileWriteCache', vwc === undefined ? undefined : (vwc & 1) === 1);
  // nvme-cli 2.3 prints it as a comma-grouped string (issue 1827).
  const cap = typeof f.tnvmcap === 'string' ? f.tnvmcap.replace(/,/g, '') : f.tnvmcap;
  put('totalCapacityBytes', int(cap) ?? (typeof cap === 'string' && /^\d+$/.test(cap) ? (Number.isSafeInteger(Number(cap)) ? Number(cap) : cap) : undefined));
  put('subnqn', str(f.subnqn));
  if (Array.isArray(f.psds)) {
    // A descriptor whose members a filter left out (`[.psds[] | {max_power}]`) gives no zero latency, no operational
    // state: such states are not read, as the text's lines a grep cut are not.
    const states = f.psds.map((p, i) => ({ p: (p ?? {}) as Record<string, unknown>, i }));
    const read = filtered ? states.filter(({ p }) => whole(p)) : states;
    if (!filtered || read.length > 0) out.powerStates = read.map(({ p, i }) => jsonPowerState(p, i));
  }
  return out;
}

/**
 * A slot's value, `"<le64> (<ASCII>)"` or the bare revision; an empty slot (`"0 (........)"`) gives nothing.
 * nvme-cli shows each of the 8 bytes as itself when it is `!`..`~`, else as a dot, so the padding spaces of a
 * revision shorter than 8 (`1.0` is `(1.0.....)`) are dots there: the number holds the bytes themselves. When the
 * text is not the number's rendering (a person edited it before publishing), the text is what was shown.
 */
function slotRevision(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+)\s*\((.*)\)\s*$/.exec(v);
  if (!m) return v.trim() || undefined;
  if (m[1] === '0') return undefined;
  const shown = m[2]!.trim();
  const bytes = revisionBytes(BigInt(m[1]!));
  const rendered = bytes && String.fromCharCode(...bytes.map((b) => (b >= 0x21 && b <= 0x7e ? b : 0x2e)));
  if (bytes && rendered === shown) return Buffer.from(bytes).toString('latin1').replace(/[\0 ]+$/, '').trim() || undefined;
  return shown || undefined;
}

/** The 8 bytes of a revision nvme-cli printed as a little-endian 64-bit number; none if it does not fit. */
function revisionBytes(n: bigint): number[] | undefined {
  if (n >= 1n << 64n) return undefined;
  return Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
}

/**
 * `nvme fw-log -o json`: `{"<dev>": {"Active Firmware Slot (afi)": N, "Firmware Rev Slot N": "<le64> (<ASCII>)"}}`.
 * nvme-cli 1.3 printed all seven slots numbered from 0 (`Firmware Rev Slot 0` is slot 1, empty ones as `0 (........)`).
 */
export function parseFwLogJson(text: string): Omit<NvmeFwLogText, 'issues'> & CutJson {
  const { doc, cut } = readNvmeJson('nvme-fw-log-json', text);
  // The device's object, wherever a newer nvme-cli's own top-level members put it; the object itself when a filter
  // took it out of its device's (`jq '.nvme0'`).
  const top = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  const values = Object.values(top);
  const own = Object.keys(top).some((k) => k === 'Active Firmware Slot (afi)' || /^Firmware Rev Slot [0-7]$/.test(k));
  const inner = own ? top : values.find((v) => typeof v === 'object' && v !== null && 'Active Firmware Slot (afi)' in v) ?? values[0];
  const body = (inner ?? {}) as Record<string, unknown>;
  const afi = int(body['Active Firmware Slot (afi)']);
  // A filter's excerpt that left the afi out gives its slots; which one runs, and which is next, the afi would say.
  const excerpt = afi === undefined && filteredJson(text) && Object.keys(body).some((k) => /^Firmware Rev Slot [0-7]$/.test(k));
  if (afi === undefined && !excerpt) throw new ParseError('nvme-fw-log-json', 'no "Active Firmware Slot (afi)" member; not nvme fw-log JSON');
  const fromZero = 'Firmware Rev Slot 0' in body;
  const slots: Record<number, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^Firmware Rev Slot ([0-7])$/.exec(k);
    const slot = m ? Number(m[1]) + (fromZero ? 1 : 0) : 0;
    const rev = slotRevision(v);
    if (slot >= 1 && slot <= 7 && rev) slots[slot] = rev;
  }
  if (afi === undefined) return { slots, ...(cut ? { cut } : {}) };
  const next = (afi >> 4) & 7;
  return { activeSlot: afi & 7, nextResetSlot: next === 0 ? null : next, slots, ...(cut ? { cut } : {}) };
}
