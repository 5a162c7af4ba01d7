import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Db } from '../../analyzer/db/database.js';
import { parseNvidiaSmiList, parseNvidiaSmiQueryCsv } from '../../analyzer/classes/gpu/nvidia-smi-query.js';
import { assertNoFalseAlarm, replaySample, type Provenance, type RealSample } from '../helpers/real-corpus.js';
import { tempDir } from '../helpers/tmp.js';
import { loadGpuTree } from './gpu-tree.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

/** What a person reads off a saved `nvidia-smi -L` or `--query-gpu` CSV (its provenance's `truth`). */
interface QueryTruth {
  driver_version: string | null;
  /** uuid null: not asked for, or cut short by the writer. */
  gpus: { product_name: string; uuid: string | null; vbios?: string }[];
  unknown_lines: number;
  /** GPUs nvidia-smi printed it could not open: stored by their bus id alone. */
  lost?: { bdf: string; reason: string }[];
}

const sample = (f: string): RealSample => ({ name: f, file: join(REAL, f), provenance: parse(readFileSync(join(REAL, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance });
const samples = readdirSync(REAL).filter((f) => /^nvidia-smi-(?:L|query-gpu)-.*\.txt$/.test(f)).sort().map(sample);
const rows = (db: Db, sql: string, ...a: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...a) as Record<string, unknown>[];

describe('nvidia-smi -L and --query-gpu CSV as people save them, on real outputs', () => {
  it('has real samples of both', () => {
    expect(samples.filter((s) => s.name.includes('-L-')).length).toBeGreaterThanOrEqual(2);
    expect(samples.filter((s) => s.name.includes('query-gpu')).length).toBeGreaterThanOrEqual(8);
  });

  for (const s of samples) {
    it(`${s.name}: reaches the bundle as its command and reads each GPU; with no bus id in the tree it stores each under its NVML index and says so`, async () => {
      const t = s.provenance.truth as unknown as QueryTruth;
      const r = await replaySample(s, mkdtempSync(join(tempDir(), 'smi-query-')), ['gpu']);
      const list = s.name.includes('-L-');
      expect(r.artifact).toMatch(list ? /^cmd\/nvidia-smi\/-L\.out$/ : /^cmd\/nvidia-smi\/--query-gpu=[a-z0-9_.,]+_--format=csv\.out$/);
      const text = readFileSync(s.file, 'utf8');
      const q = list ? parseNvidiaSmiList(text) : parseNvidiaSmiQueryCsv(text);
      expect(q.driverVersion ?? null).toBe(t.driver_version);
      expect(q.gpus.map((g) => ({ product_name: g.fields.get('product_name'), uuid: g.fields.get('uuid') ?? null }))).toEqual(t.gpus.map((g) => ({ product_name: g.product_name, uuid: g.uuid })));
      expect(rows(r.db, `SELECT d.device_key AS d, s.value AS reason FROM devices d JOIN settings s ON s.device_key = d.device_key AND s.key = 'nvidia_smi_error' WHERE d.class = 'gpu'`))
        .toEqual((t.lost ?? []).map((l) => ({ d: `gpu:${l.bdf}`, reason: l.reason })));
      // With no bus id anywhere in the tree, each GPU is stored under its NVML index, with what the output gives of it.
      const unplaced = rows(r.db, `SELECT d.device_key AS d, d.model, d.pci_address AS bdf, (SELECT value FROM settings s WHERE s.device_key = d.device_key AND s.key = 'uuid') AS uuid,
        (SELECT value FROM settings s WHERE s.device_key = d.device_key AND s.key = 'driver_version') AS driver,
        (SELECT version FROM firmware f WHERE f.device_key = d.device_key AND f.component = 'vbios' AND f.state = 'running') AS vbios FROM devices d WHERE d.class = 'gpu' AND d.device_key LIKE 'gpu:nvml-%' ORDER BY d.device_key`);
      const at = q.gpus.map((g, i) => g.index ?? i);
      expect(unplaced).toEqual(t.gpus.map((g, i) => ({ d: `gpu:nvml-${at[i]}`, model: g.product_name, bdf: null, uuid: g.uuid, driver: t.driver_version, vbios: g.vbios ?? null })).sort((a, b) => a.d.localeCompare(b.d)));
      expect(rows(r.db, `SELECT message FROM collection_issues WHERE code = 'GPU-NO-ADDRESS' AND target = ?`, r.artifact).map((x) => String(x.message))).toEqual(t.gpus.map((_, i) => expect.stringContaining(`stored as gpu:nvml-${at[i]}`)));
      expect(rows(r.db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE' AND target = ?`, r.artifact)).toHaveLength(t.unknown_lines);
      assertNoFalseAlarm(s, r);
    });
  }
});

describe('nvidia-smi -L and --query-gpu beside another output of the same host', () => {
  const table = readFileSync(join(REAL, 'nvidia-smi-table-rtx5070ti-580-node-report.txt'), 'utf8');
  const csv = readFileSync(join(REAL, 'nvidia-smi-query-gpu-rtx5070ti-580-node-report.txt'), 'utf8');
  const load = loadGpuTree;
  const settings = (db: Db): Record<string, unknown>[] => rows(db, `SELECT device_key AS d, key, value, artifact FROM settings WHERE namespace = 'gpu' AND key NOT IN ('firmware_files') ORDER BY key`);

  it('the table and a CSV of one report: one GPU, each value once, from the table', async () => {
    const db = await load({ 'nvidia-smi.txt': table, 'nvidia-smi-query.txt': csv });
    expect(rows(db, `SELECT device_key AS d, model FROM devices WHERE class = 'gpu'`)).toEqual([{ d: 'gpu:0000:01:00.0', model: 'NVIDIA GeForce RTX 5070 Ti' }]);
    expect(settings(db)).toEqual([
      { d: 'gpu:0000:01:00.0', key: 'cuda_version', value: '13.0', artifact: 'cmd/nvidia-smi/_.out' },
      { d: 'gpu:0000:01:00.0', key: 'driver_version', value: '580.95.05', artifact: 'cmd/nvidia-smi/_.out' },
      { d: 'gpu:0000:01:00.0', key: 'persistence_mode', value: 'Disabled', artifact: 'cmd/nvidia-smi/_.out' },
    ]);
    expect(rows(db, `SELECT code FROM collection_issues WHERE code IN ('GPU-NO-ADDRESS', 'PARSE-LINE')`)).toEqual([]);
  });

  it('-L beside a table that cut the name: its index places the GPU, which gets the whole name and the UUID', async () => {
    const cut = readFileSync(join(REAL, 'nvidia-smi-table-alibaba-v100-525-root-prompt.txt'), 'utf8');
    const db = await load({ 'nvidia-smi.txt': cut, 'nvidia-smi -L.txt': 'GPU 0: Tesla V100-SXM2-16GB (UUID: GPU-0200523e-f473-3a45-9b4a-fbbe0e41ccf8)\n' });
    expect(rows(db, `SELECT device_key AS d, model FROM devices WHERE class = 'gpu'`)).toEqual([{ d: 'gpu:0000:00:07.0', model: 'Tesla V100-SXM2-16GB' }]);
    expect(settings(db).find((x) => x.key === 'uuid')).toEqual({ d: 'gpu:0000:00:07.0', key: 'uuid', value: 'GPU-0200523e-f473-3a45-9b4a-fbbe0e41ccf8', artifact: 'cmd/nvidia-smi/-L.out' });
  });

  it('with no nvidia-smi form giving bus ids, the host GPUs the proc files show are taken in bus order', async () => {
    const db = await load({
      'proc/driver/nvidia/gpus/0000:81:00.0/information': 'Model: \t\t NVIDIA L40\nBus Location: \t 0000:81:00.0\n',
      'proc/driver/nvidia/gpus/0000:01:00.0/information': 'Model: \t\t NVIDIA L40\nBus Location: \t 0000:01:00.0\n',
      'nvidia-smi -L.txt': 'GPU 0: NVIDIA L40 (UUID: GPU-0200523e-f473-3a45-9b4a-fbbe0e41ccf8)\nGPU 1: NVIDIA L40 (UUID: GPU-7cfc2710-0025-0d50-7ce9-5c877f079cb4)\n',
    });
    expect(rows(db, `SELECT device_key AS d, value FROM settings WHERE key = 'uuid' ORDER BY d`)).toEqual([
      { d: 'gpu:0000:01:00.0', value: 'GPU-0200523e-f473-3a45-9b4a-fbbe0e41ccf8' },
      { d: 'gpu:0000:81:00.0', value: 'GPU-7cfc2710-0025-0d50-7ce9-5c877f079cb4' },
    ]);
  });

  it('a CSV with pci.bus_id places its GPUs itself and gives their firmware and modes', async () => {
    const db = await load({ 'nvidia-smi --query-gpu.txt': 'name, pci.bus_id, driver_version, vbios_version, inforom.img, persistence_mode, mig.mode.current, mig.mode.pending\nNVIDIA A100-SXM4-80GB, 00000000:07:00.0, 535.104.05, 92.00.36.00.02, G506.0212.00.01, Enabled, Disabled, [N/A]\n' });
    expect(rows(db, `SELECT component AS c, version AS v FROM firmware ORDER BY c`)).toEqual([{ c: 'inforom.img', v: 'G506.0212.00.01' }, { c: 'vbios', v: '92.00.36.00.02' }]);
    expect(settings(db).map((x) => `${x.key}=${String(x.value)}`)).toEqual(['driver_version=535.104.05', 'mig_mode=Disabled', 'persistence_mode=Enabled']);
  });
});
