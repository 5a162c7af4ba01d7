/**
 * The power state descriptors of `nvme id-ctrl -o json` as each nvme-cli release prints them (linux-nvme/nvme-cli
 * nvme-print.c json_nvme_id_ctrl at v1.0 – v1.16 and v2.0, nvme-print.c / nvme-print-json.c at v2.1 and v2.6), read as
 * the text form of the same release reads them (nvme_show_id_ctrl_power, print_ps_power_and_scale: `-` for no scale) and
 * as the Identify Controller bytes decode:
 *   1.x   `flags` (byte 3 whole), `idle_scale` (byte 18 whole: the scale in bits 7:6), `active_work_scale` (byte 22 whole:
 *         the scale in bits 7:6, the workload in bits 2:0)
 *   2.0   `flags`, `idle_scale` (byte 18 whole), `active_work_scale` (nvme_psd_power_scale: byte 22 >> 6)
 *   2.1   `flags`, `idle_scale` and `active_scale` (>> 6), `active_power_work` (byte 22 & 7)
 *   2.6   `max_power_scale` and `non-operational_state` in place of `flags`
 */
import { describe, expect, it } from 'vitest';
import { parseIdCtrlJson } from '../../analyzer/classes/nvme/nvme-json.js';
import { parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';
import { parseIdCtrl } from '../../analyzer/classes/nvme/nvme.js';
import { replaySaved } from '../helpers/replay-tree.js';

interface Psd {
  mp: number;
  flags: number;
  enlat: number;
  exlat: number;
  rrt: number;
  idlp: number;
  ips: number;
  actp: number;
  apws: number;
}
// A Samsung-like table: PS0 active power at 0.01 W with workload 2, PS1 idle power at 0.0001 W, PS2 non-operational at
// 0.0001 W max power with no idle or active power reported, PS3 a workload with no scale.
const PSDS: Psd[] = [
  { mp: 758, flags: 0, enlat: 0, exlat: 0, rrt: 0, idlp: 0, ips: 0, actp: 558, apws: 0x82 },
  { mp: 590, flags: 0, enlat: 0, exlat: 0, rrt: 1, idlp: 3500, ips: 0x40, actp: 0, apws: 0 },
  { mp: 400, flags: 3, enlat: 210, exlat: 1200, rrt: 2, idlp: 0, ips: 0, actp: 0, apws: 0 },
  { mp: 70, flags: 2, enlat: 2000, exlat: 1200, rrt: 3, idlp: 50, ips: 0x80, actp: 0, apws: 0x01 },
];
const scaleOf = (b: number): number => b >> 6;

type Release = '1.x' | '2.0' | '2.1' | '2.6';
function jsonPsd(p: Psd, r: Release): Record<string, number> {
  const flags: Record<string, number> = r === '2.6' ? { max_power_scale: p.flags & 1, 'non-operational_state': (p.flags & 2) >> 1 } : { flags: p.flags };
  const common = { max_power: p.mp, ...flags, entry_lat: p.enlat, exit_lat: p.exlat, read_tput: p.rrt, read_lat: p.rrt, write_tput: p.rrt, write_lat: p.rrt, idle_power: p.idlp };
  if (r === '1.x') return { ...common, idle_scale: p.ips, active_power: p.actp, active_work_scale: p.apws };
  if (r === '2.0') return { ...common, idle_scale: p.ips, active_power: p.actp, active_work_scale: scaleOf(p.apws) };
  return { ...common, idle_scale: scaleOf(p.ips), active_power: p.actp, active_power_work: p.apws & 7, active_scale: scaleOf(p.apws) };
}
const json = (r: Release): string =>
  JSON.stringify({ vid: 5197, ssvid: 5197, sn: 'S4EWNX0R123456      ', mn: 'Samsung SSD 970 EVO Plus 1TB            ', fr: '2B2QEXM7', lpa: 0x1e, npss: PSDS.length - 1, psds: PSDS.map((p) => jsonPsd(p, r)) }, null, 2);

/** print_ps_power_and_scale. */
const power = (v: number, scale: number): string => (scale === 1 ? `${Math.floor(v / 10000)}.${String(v % 10000).padStart(4, '0')}W` : scale === 2 ? `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}W` : scale === 0 ? '-' : 'reserved');
const text = [
  'NVME Identify Controller:', 'vid       : 0x144d', 'ssvid     : 0x144d', 'sn        : S4EWNX0R123456      ', 'mn        : Samsung SSD 970 EVO Plus 1TB            ', 'fr        : 2B2QEXM7',
  'lpa       : 0x1e', `npss      : ${PSDS.length - 1}`,
  ...PSDS.flatMap((p, i) => [
    `ps ${String(i).padStart(4)} : mp:${power(p.mp, p.flags & 1 ? 1 : 2)} ${p.flags & 2 ? 'non-' : ''}operational enlat:${p.enlat} exlat:${p.exlat} rrt:${p.rrt} rrl:${p.rrt}`,
    `          rwt:${p.rrt} rwl:${p.rrt} idle_power:${power(p.idlp, scaleOf(p.ips))} active_power:${power(p.actp, scaleOf(p.apws))}`,
  ]),
  '',
].join('\n');

function bytes(): Buffer {
  const b = Buffer.alloc(4096);
  b.writeUInt16LE(0x144d, 0);
  b.write('S4EWNX0R123456      ', 4, 'latin1');
  b.write('Samsung SSD 970 EVO Plus 1TB'.padEnd(40), 24, 'latin1');
  b.write('2B2QEXM7', 64, 'latin1');
  b[261] = 0x1e;
  b[263] = PSDS.length - 1;
  PSDS.forEach((p, i) => {
    const o = 2048 + 32 * i;
    b.writeUInt16LE(p.mp, o);
    b[o + 3] = p.flags;
    b.writeUInt32LE(p.enlat, o + 4);
    b.writeUInt32LE(p.exlat, o + 8);
    for (const k of [12, 13, 14, 15]) b[o + k] = p.rrt;
    b.writeUInt16LE(p.idlp, o + 16);
    b[o + 18] = p.ips;
    b.writeUInt16LE(p.actp, o + 20);
    b[o + 22] = p.apws;
  });
  return b;
}

describe('nvme id-ctrl -o json power states, every release, read as the text form and the bytes read them', () => {
  const fromText = parseIdCtrlText(text).idCtrl.powerStates!;
  it('the text form and the bytes agree (idle 0.35 W, active 5.58 W, none where no scale)', () => {
    expect(fromText).toEqual(parseIdCtrl(bytes()).powerStates);
    expect(fromText.map((p) => [p.idlePowerW, p.activePowerW])).toEqual([[null, 5.58], [0.35, null], [null, null], [0.5, null]]);
  });

  it.each(['1.x', '2.0', '2.1', '2.6'] as Release[])('nvme-cli %s', (r) => {
    expect(parseIdCtrlJson(json(r)).powerStates).toEqual(fromText);
  });

  it('the log page attributes (LPA) from every form', () => {
    expect([parseIdCtrl(bytes()).lpa, parseIdCtrlText(text).idCtrl.lpa, parseIdCtrlJson(json('1.x')).lpa]).toEqual([0x1e, 0x1e, 0x1e]);
  });

  it('stored: each power state with its idle and active power where reported, the same from the text and every JSON', async () => {
    const rows = async (name: string, data: string): Promise<unknown[]> =>
      (await replaySaved(name, data)).db.prepare(`SELECT key, value FROM settings WHERE namespace = 'nvme.power-state' ORDER BY key`).all();
    const stored = await rows('cmd/nvme/id-ctrl_nvme0_-o_json.out', json('1.x'));
    expect(stored).toEqual([
      { key: 'ps0', value: '7.58W enlat:0 exlat:0 active:5.58W' },
      { key: 'ps1', value: '5.9W enlat:0 exlat:0 idle:0.35W' },
      { key: 'ps2', value: '0.04W non-operational enlat:210 exlat:1200' },
      { key: 'ps3', value: '0.7W non-operational enlat:2000 exlat:1200 idle:0.5W' },
    ]);
    expect(stored).toEqual(await rows('cmd/nvme/id-ctrl_nvme0.out', text));
    expect(stored).toEqual(await rows('cmd/nvme/id-ctrl_nvme0_-o_json.out', json('2.0')));
  }, 60000);
});
