import { ParseError } from '../../parsers/errors.js';
import type { NvmeFwLog } from './nvme.js';

export interface NvmeIdCtrlText {
  /** Every `field : value` line by nvme-cli's short field name, value as printed (trimmed). */
  fields: Record<string, string>;
  /** `ps N : …` descriptors, continuation lines joined: key → value (mp, enlat, exlat, rrt…). */
  powerStates: Record<string, string>[];
  vid?: number;
  ssvid?: number;
  serial?: string;
  model?: string;
  firmware?: string;
  /** `ver` is printed in hex, with or without 0x depending on the nvme-cli version. */
  versionRaw?: number;
  frmw?: number;
  firmwareSlots?: number;
  slot1ReadOnly?: boolean;
  activationWithoutReset?: boolean;
  npss?: number;
  apsta?: number;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = /^0x[0-9a-f]+$/i.test(v) ? Number.parseInt(v, 16) : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `nvme id-ctrl` output (any nvme-cli version, with or without -H): keyed on field names, not columns. */
export function parseIdCtrlText(text: string): NvmeIdCtrlText {
  const fields: Record<string, string> = {};
  const powerStates: Record<string, string>[] = [];
  let ps: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    const psLine = /^ps\s+(\d+)\s*:\s*(.*)$/.exec(line);
    if (psLine) {
      ps = {};
      powerStates[Number(psLine[1])] = ps;
      addPairs(ps, psLine[2]!);
      continue;
    }
    const field = /^([a-z][a-z0-9_]*)\s*:(.*)$/.exec(line);
    if (field) {
      ps = undefined;
      fields[field[1]!] = field[2]!.trim();
    } else if (ps && /^\s+\S+:/.test(line)) addPairs(ps, line);
  }
  if (fields.vid === undefined && fields.mn === undefined) throw new ParseError('nvme-id-ctrl-text', 'no vid or mn field; not nvme id-ctrl output');
  const frmw = num(fields.frmw);
  const ver = fields.ver === undefined ? undefined : Number.parseInt(fields.ver.replace(/^0x/i, ''), 16);
  return {
    fields,
    powerStates: powerStates.filter((p) => p !== undefined),
    vid: num(fields.vid),
    ssvid: num(fields.ssvid),
    serial: fields.sn,
    model: fields.mn,
    firmware: fields.fr,
    versionRaw: ver !== undefined && Number.isSafeInteger(ver) ? ver : undefined,
    frmw,
    ...(frmw !== undefined ? { firmwareSlots: (frmw >> 1) & 7, slot1ReadOnly: (frmw & 1) === 1, activationWithoutReset: (frmw & 0x10) === 0x10 } : {}),
    npss: num(fields.npss),
    apsta: num(fields.apsta),
  };
}

function addPairs(into: Record<string, string>, s: string): void {
  for (const token of s.trim().split(/\s+/)) {
    const i = token.indexOf(':');
    if (i > 0) into[token.slice(0, i)] = token.slice(i + 1);
    else if (token) into.state = token;
  }
}

/** `nvme fw-log` output: `afi : 0x11` and `frsN : 0x<le64> (<ASCII>)` lines. */
export function parseFwLogText(text: string): NvmeFwLog {
  const afiLine = /^afi\s*:\s*(0x[0-9a-f]+|\d+)\s*$/im.exec(text);
  if (!afiLine) throw new ParseError('nvme-fw-log-text', 'no "afi :" line; not nvme fw-log output');
  const afi = num(afiLine[1]!)!;
  const slots: Record<number, string> = {};
  for (const m of text.matchAll(/^frs([1-7])\s*:\s*0x([0-9a-f]+)(?:\s*\((.*)\))?\s*$/gim)) {
    if (/^0+$/.test(m[2]!)) continue;
    slots[Number(m[1])] = (m[3] ?? '').trim();
  }
  const next = (afi >> 4) & 7;
  return { activeSlot: afi & 7, nextResetSlot: next === 0 ? null : next, slots };
}
