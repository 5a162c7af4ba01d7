/**
 * ibv_devinfo and ibstat, as people paste them into tickets and notes: the real outputs of test/rdma/fixtures/real
 * (provenance beside each) replayed under the names people save them as reach the rdma rows a live host's
 * /sys/class/infiniband gives, with the truth their provenance records, every line read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseVerbsText } from '../../analyzer/classes/rdma/verbs-text.js';
import { savedIbstatArgv, savedIbvDevinfoArgv } from '../../collector/classes/rdma/saved.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/', import.meta.url);
interface DeviceTruth { key: string; firmware: string; board_id?: string; vendor_part_id?: string; hca_type?: string; hw_rev?: string; ports: Record<string, Record<string, string>> }
interface Provenance { saved_as: string; truth: { devices: DeviceTruth[] } }
const samples = (tool: string): string[] => readdirSync(new URL(`${tool}/`, REAL)).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const read = (tool: string, name: string): { text: string; p: Provenance } => ({
  text: readFileSync(new URL(`${tool}/${name}.txt`, REAL), 'utf8'),
  p: parse(readFileSync(new URL(`${tool}/${name}.provenance.yaml`, REAL), 'utf8')) as Provenance,
});

describe.each(['ibv_devinfo', 'ibstat'])('a saved %s', (tool) => {
  it.each(samples(tool))('%s: every device with its firmware, identity and ports, every line read', async (name) => {
    const { text, p } = read(tool, name);
    const r = await replayTree({ [p.saved_as]: text });
    try {
      const all = <T>(sql: string, ...a: unknown[]): T[] => r.db.prepare(sql).all(...a) as T[];
      const devices = all<{ key: string; model: string | null }>(`SELECT device_key AS key, model FROM devices WHERE class = 'rdma' ORDER BY 1`);
      expect(devices.map((d) => d.key)).toEqual(p.truth.devices.map((d) => d.key).sort());
      for (const d of p.truth.devices) {
        expect(all<{ version: string }>(`SELECT version FROM firmware WHERE device_key = ? AND component = 'firmware' AND state = 'running'`, d.key).map((f) => f.version)).toEqual([d.firmware]);
        const settings = Object.fromEntries(all<{ ns: string; key: string; value: string }>(`SELECT namespace AS ns, key, value FROM settings WHERE device_key = ?`, d.key).map((s) => [`${s.ns}:${s.key}`, s.value]));
        for (const k of ['board_id', 'vendor_part_id', 'hca_type', 'hw_rev'] as const) if (d[k] !== undefined) expect(settings[`rdma:${k}`], k).toBe(d[k]);
        if (d.hca_type !== undefined) expect(devices.find((x) => x.key === d.key)?.model).toBe(d.hca_type);
        for (const [port, attributes] of Object.entries(d.ports)) for (const [a, v] of Object.entries(attributes)) expect(settings[`rdma.port:${port}.${a}`], `${port}.${a}`).toBe(v);
      }
      const issues = all<{ code: string; message: string }>(`SELECT code, message FROM collection_issues WHERE code NOT LIKE 'PASTE%'`);
      expect(issues.filter((i) => /^(?:PARSE|NOT_READ|UNKNOWN_NAME)/.test(i.code))).toEqual([]);
    } finally {
      r.db.close();
    }
  });
});

describe('the verbs tools read', () => {
  it('state words and numbers as sysfs writes them, GUIDs in its form, a line neither tool prints as an issue with its number', () => {
    const out = parseVerbsText(["CA 'mlx5_0'", '\tFirmware version: 20.28.1002', '\tNode GUID: 0x0c42a10300b4b8b4', '\tPort 1:', '\t\tState: Down', '\t\tPhysical state: Polling', '\t\tRate: 10', 'this line is a note', "CA 'mlx5_1'", '\tFirmware version: 20.28.1002'].join('\n'));
    expect(out.devices.map((d) => [d.name, d.fwVer, d.attributes.node_guid, d.ports['1']])).toEqual([
      ['mlx5_0', '20.28.1002', '0c42:a103:00b4:b8b4', { state: '1: DOWN', phys_state: '2: Polling', rate: '10 Gb/sec' }],
      ['mlx5_1', '20.28.1002', undefined, undefined],
    ]);
    expect(out.issues).toEqual([{ line: 8, text: 'this line is a note', message: 'not an ibstat "Key: value" line' }]);
    const v = parseVerbsText(['hca_id: rxe0', '\tfw_ver:\t\t\t0.0.0', '\tdevice_cap_flags:\t\t0x00213c76', '\t\t\t\t\tBAD_PKEY_CNTR', '\t\t\t\t\tAUTO_PATH_MIG', '\tport:\t1', '\t\tstate:\t\t\tPORT_INIT (2)', '\t\tphys_state:\t\tLINK_UP (5)', '\t\t\tGID[  0]:\t\tfe80:0000:0000:0000:5054:00ff:fe12:3456'].join('\n'));
    expect([v.devices[0]!.fwVer, v.devices[0]!.ports['1'], v.issues]).toEqual(['0.0.0', { state: '2: INIT', phys_state: '5: LinkUp' }, []]);
  });

  it('under the names people save them as; an option that prints no device is not read', () => {
    expect(['ibv_devinfo.txt', 'cmd/ibv_devinfo/-v.out', 'ibv_devinfo -d mlx5_0.log', 'cmd/ibv_devinfo/-d_bnxt_re0_-v.out', 'cmd/ibv_devinfo/-l.out'].map(savedIbvDevinfoArgv)).toEqual([
      ['ibv_devinfo'], ['ibv_devinfo', '-v'], ['ibv_devinfo', '-d', 'mlx5_0'], ['ibv_devinfo', '-d', 'bnxt_re0', '-v'], undefined,
    ]);
    expect(['ibstat.txt', 'cmd/ibstat/mlx5_0_1.out', 'ibstat -l.txt'].map(savedIbstatArgv)).toEqual([['ibstat'], ['ibstat', 'mlx5_0', '1'], undefined]);
  });
});
