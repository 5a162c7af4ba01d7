import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFabricManagerLog } from '../../analyzer/classes/gpu/fabric-manager-log.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));
const real = (name: string): string => readFileSync(`${REAL}${name}.txt`, 'utf8');
const truth = <T>(name: string): T => (parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { truth: T }).truth;

describe('Fabric Manager log parser, on real logs (provenance beside each)', () => {
  it('reads an H100 host\'s inband exchanges: entries with their payload lines, nothing to report', () => {
    const t = truth<{ entries: number; starts: number; configured: boolean; nvswitch_fatal: number[]; nvswitch_non_fatal: number[] }>('fabricmanager-log-h100-inband');
    const r = parseFabricManagerLog(real('fabricmanager-log-h100-inband'));
    expect(r.issues).toEqual([]);
    expect(r.entries).toBe(t.entries);
    expect(r.starts).toBe(t.starts);
    expect(r.run.configured).toBe(t.configured);
    expect(r.run.nvswitchFatal.map((e) => e.sxid)).toEqual(t.nvswitch_fatal);
    expect(r.run.nvswitchNonFatal.map((e) => e.sxid)).toEqual(t.nvswitch_non_fatal);
    expect(r.run.driverRefused).toBeUndefined();
  });

  it('tells NVSwitch fatal from non-fatal SXids and names where each was logged', () => {
    const t = truth<{ entries: number; nvswitch_fatal: number[]; nvswitch_non_fatal: number[]; issues: number }>('fabricmanager-log-nvswitch-errors');
    const r = parseFabricManagerLog(real('fabricmanager-log-nvswitch-errors'));
    expect(r.issues).toHaveLength(t.issues);
    expect(r.entries).toBe(t.entries);
    expect(r.run.nvswitchFatal.map((e) => e.sxid)).toEqual(t.nvswitch_fatal);
    expect(r.run.nvswitchNonFatal.map((e) => e.sxid)).toEqual(t.nvswitch_non_fatal);
    expect(r.run.nvswitchFatal[0]!.entry).toMatchObject({ line: 2, time: 'Jul 23 2024 07:53:55', level: 'ERROR' });
    expect(r.run.nvswitchFatal[0]!.entry.message).toMatch(/^detected NVSwitch fatal error 20034 on fid 0 on NVSwitch pci bus id 00000000:86:00\.0/);
  });

  it('reads the daemon\'s refusals in their syslog form, and records the systemd lines around them by number', () => {
    const t = truth<{ entries: number; driver_refused_by_line: Record<number, [string, string]>; topology_refused: boolean; issues: number[] }>('fabricmanager-journal-refusals');
    const text = real('fabricmanager-journal-refusals');
    const r = parseFabricManagerLog(text);
    expect(r.entries).toBe(t.entries);
    expect(r.issues.map((i) => i.line)).toEqual(t.issues);
    expect(r.run.topologyRefused !== undefined).toBe(t.topology_refused);
    const lines = text.split('\n');
    for (const [n, [iface, driver]] of Object.entries(t.driver_refused_by_line)) {
      expect(parseFabricManagerLog(lines[Number(n) - 1]!).run.driverRefused, `line ${n}`).toMatchObject({ interfaceVersion: iface, driverVersion: driver });
    }
    // The whole excerpt keeps the last refusal of the run.
    const last = Object.values(t.driver_refused_by_line).at(-1)!;
    expect(r.run.driverRefused).toMatchObject({ interfaceVersion: last[0], driverVersion: last[1] });
  });
});

describe('Fabric Manager log parser: what a log holds over time', () => {
  const at = (s: string, level: string, msg: string): string => `[Nov 05 2024 13:55:${s}] [${level}] [tid 104230] ${msg}`;
  const start = (v: string, s: string): string => at(s, 'INFO', `Fabric Manager version ${v} is running with the following configuration options`);

  it('judges the last start only: a refusal before a later, successful start is history', () => {
    const log = [
      start('550.127.05', '01'),
      at('02', 'ERROR', 'fabric manager NVIDIA GPU driver interface version 550.127.05 don\'t match with driver version 550.120. Please update with matching NVIDIA driver package.'),
      start('550.127.05', '03'),
      at('04', 'INFO', 'Successfully configured all the available GPUs and NVSwitches to route NVLink traffic.'),
      '',
    ].join('\n');
    const r = parseFabricManagerLog(log);
    expect(r.starts).toBe(2);
    expect(r.run).toMatchObject({ version: '550.127.05', configured: true });
    expect(r.run.driverRefused).toBeUndefined();
    // Cut before the second start, the refusal is the last run's.
    expect(parseFabricManagerLog(log.split('\n').slice(0, 2).join('\n')).run.driverRefused).toMatchObject({ interfaceVersion: '550.127.05', driverVersion: '550.120' });
  });

  it('records an unknown line with its number and reads on; a continuation line belongs to its entry until a blank line', () => {
    const r = parseFabricManagerLog(['ed with matching NVIDIA driver package.', at('05', 'ERROR', 'Fabric Manager detected GPU NVL Fatal error on :'), 'moduleId : 3', 'portNum : 4', '', 'garbage', at('06', 'ERROR', 'detected NVSwitch fatal error 12345 on fid 0')].join('\r\n'));
    expect(r.issues.map((i) => i.line)).toEqual([1, 6]);
    expect(r.issues[0]!.message).toMatch(/cut/);
    expect(r.entries).toBe(2);
    expect(r.run.nvswitchFatal.map((e) => e.sxid)).toEqual([12345]);
  });

  it('takes the newer wording of the refusal and the logger\'s header line', () => {
    const r = parseFabricManagerLog(['Fabric Manager Log initializing at: 11/5/2024 13:55:26.061', at('07', 'ERROR', 'fabric manager NVIDIA GPU driver interface version 580.126.09 doesn\'t match with the driver version 590.48.01. Please update')].join('\n'));
    expect(r.issues).toEqual([]);
    expect(r.run.driverRefused).toMatchObject({ interfaceVersion: '580.126.09', driverVersion: '590.48.01' });
    expect(parseFabricManagerLog('')).toEqual({ entries: 0, starts: 0, run: { nvswitchFatal: [], nvswitchNonFatal: [], configured: false }, issues: [] });
  });
});
