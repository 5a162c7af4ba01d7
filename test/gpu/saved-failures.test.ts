import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Db } from '../../analyzer/db/database.js';
import { smiFailure } from '../../analyzer/classes/gpu/nvidia-smi-failure.js';
import { parseNvidiaSmiTable } from '../../analyzer/classes/gpu/nvidia-smi-table.js';
import { parseNvidiaSmiText } from '../../analyzer/classes/gpu/nvidia-smi-text.js';
import { assertNoFalseAlarm, replaySample, type Provenance, type RealSample } from '../helpers/real-corpus.js';
import { replayTree } from '../helpers/replay-tree.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

/** What a person reads off nvidia-smi's failure (its provenance's `truth`). */
interface FailureTruth {
  /** The driver not answering at all, as the report words it; null when nvidia-smi named GPUs it could not open. */
  host_failure: string | null;
  lost: { bdf: string; reason: string }[];
  /** The GPUs it did list, by bus id. */
  gpus?: string[];
  unknown_lines: number;
}

const sample = (f: string): RealSample => ({ name: f, file: join(REAL, f), provenance: parse(readFileSync(join(REAL, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance });
const samples = readdirSync(REAL).filter((f) => /^nvidia-smi-failure-.*\.txt$/.test(f)).sort().map(sample);
const rows = (db: Db, sql: string, ...a: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...a) as Record<string, unknown>[];

describe("nvidia-smi's failures as people paste them, on real outputs", () => {
  it('has real samples of the driver not answering, of NVML refusing the module and of GPUs it could not open', () => {
    const texts = samples.map((s) => readFileSync(s.file, 'utf8'));
    for (const words of ["couldn't communicate with the NVIDIA driver", 'Driver/library version mismatch', 'Unable to determine the device handle for GPU'])
      expect(texts.filter((t) => t.includes(words)).length, words).toBeGreaterThanOrEqual(2);
  });

  for (const s of samples) {
    it(`${s.name}: reaches the bundle, a GPU it could not open is a device with its reason, a host failure an issue`, async () => {
      const t = s.provenance.truth as unknown as FailureTruth;
      const r = await replaySample(s, mkdtempSync(join(tempDir(), 'smi-failure-')), ['gpu']);
      expect(r.artifact).toMatch(/^cmd\/nvidia-smi\/(?:_|--query-gpu=[a-z0-9_.,]+_--format=csv[a-z,]*)\.out$/);
      expect(rows(r.db, `SELECT s.device_key AS d, s.value AS reason FROM settings s WHERE s.key = 'nvidia_smi_error' ORDER BY d`))
        .toEqual(t.lost.map((l) => ({ d: `gpu:${l.bdf}`, reason: l.reason })));
      const answered = rows(r.db, `SELECT pci_address AS bdf FROM devices WHERE class = 'gpu' AND device_key NOT IN (SELECT device_key FROM settings WHERE key = 'nvidia_smi_error') ORDER BY bdf`);
      expect(answered.map((x) => x.bdf)).toEqual(t.gpus ?? []);
      expect(rows(r.db, `SELECT message FROM collection_issues WHERE code = 'NVIDIA-SMI'`).map((x) => x.message)).toEqual(t.host_failure ? [t.host_failure] : []);
      expect(rows(r.db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE' AND target = ?`, r.artifact)).toHaveLength(t.unknown_lines);
      assertNoFalseAlarm(s, r);
    });
  }
});

describe("nvidia-smi's failure lines", () => {
  it('reads each form of the device-handle line, by bus id, by index or both', () => {
    expect(smiFailure('Unable to determine the device handle for GPU3: 0000:5F:00.0: Unknown Error')).toEqual({ bdf: '0000:5f:00.0', index: 3, reason: 'Unknown Error' });
    expect(smiFailure('Unable to determine the device handle for GPU0000:25:00.0: Unknown Error')).toEqual({ bdf: '0000:25:00.0', reason: 'Unknown Error' });
    expect(smiFailure('Unable to determine the device handle for gpu 0000:3B:00.0: Unknown Error')).toEqual({ bdf: '0000:3b:00.0', reason: 'Unknown Error' });
    expect(smiFailure('Unable to determine the device handle for GPU2: Unknown Error')).toEqual({ bdf: null, index: 2, reason: 'Unknown Error' });
    expect(smiFailure('Unable to determine the device handle for gpu 0000:01:00.0: GPU is lost.  Reboot the system to recover this GPU')).toEqual({ bdf: '0000:01:00.0', reason: 'GPU is lost.  Reboot the system to recover this GPU' });
    expect(smiFailure('Failed to initialize NVML: Unknown Error')).toEqual({ bdf: null, reason: 'Unknown Error' });
    expect(smiFailure('GPU 00000000:01:00.0')).toBeUndefined();
  });

  it('a lost GPU in the -q text and the table forms is a failure, not an unread line; its advice and NVML version are the tool\'s', () => {
    const q = parseNvidiaSmiText('Unable to determine the device handle for GPU 0000:02:00.0: Unknown Error\n\n==============NVSMI LOG==============\n\nDriver Version                            : 535.104.05\n\nGPU 00000000:01:00.0\n    Product Name                          : NVIDIA A100-SXM4-80GB\n');
    expect([q.failures, q.issues, q.gpus.map((g) => g.bdf)]).toEqual([[{ bdf: '0000:02:00.0', reason: 'Unknown Error' }], [], ['0000:01:00.0']]);
    const table = parseNvidiaSmiTable('Failed to initialize NVML: Driver/library version mismatch\nNVML library version: 580.173\nsomething else\n');
    expect(table.failures).toEqual([{ bdf: null, reason: 'Driver/library version mismatch' }]);
    expect(table.issues.map((i) => i.line)).toEqual([3]);
  });
});

describe('a GPU nvidia-smi could not open, named by more than one saved output', () => {
  it('is one device with one finding, not one per output that names it', async () => {
    const line = 'Unable to determine the device handle for GPU3: 0000:5F:00.0: Unknown Error\n';
    const table = `${line}Mon Jan  8 10:00:00 2024\n+-----------------------------------------------------------------------------+\n| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |\n+-----------------------------------------------------------------------------+\n`;
    const r = await replayTree({ 'cmd/nvidia-smi/_.out': table, 'cmd/nvidia-smi/-L.out': `GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-4ad6b5a3-8e0c-4a7e-9b1c-0d5b7a1c2e3f)\n${line}` });
    const found = r.db.prepare(`SELECT device_key AS d, message FROM rule_results WHERE result = 'fail' AND rule_id = 'gpu.nvidia.gpu-not-answering'`).all() as { d: string; message: string }[];
    expect(found.map((f) => f.d)).toEqual(['gpu:0000:5f:00.0']);
    expect(found[0]!.message).toContain('(Unknown Error)');
  });
});

describe('a GPU nvidia-smi could not open, named by its index alone (drivers before 470)', () => {
  it('is the GPU of that NVML index, with the reason, and the rule names it', async () => {
    const r = await replayTree({ 'cmd/nvidia-smi/-L.out': 'GPU 0: Tesla V100-SXM2-16GB (UUID: GPU-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901)\nUnable to determine the device handle for GPU1: Unknown Error\n' });
    expect(r.db.prepare(`SELECT device_key AS d, value FROM settings WHERE key = 'nvidia_smi_error'`).all()).toEqual([{ d: 'gpu:nvml-1', value: 'Unknown Error' }]);
    expect(r.db.prepare(`SELECT device_key AS d FROM rule_results WHERE result = 'fail' AND rule_id = 'gpu.nvidia.gpu-not-answering'`).all()).toEqual([{ d: 'gpu:nvml-1' }]);
    expect(r.db.prepare(`SELECT code FROM collection_issues WHERE code = 'NVIDIA-SMI'`).all()).toEqual([]);
  });
});
