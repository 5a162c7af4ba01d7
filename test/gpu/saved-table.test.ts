import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Db } from '../../analyzer/db/database.js';
import { parseNvidiaSmiTable } from '../../analyzer/classes/gpu/nvidia-smi-table.js';
import { assertNoFalseAlarm, replaySample, type Provenance, type RealSample } from '../helpers/real-corpus.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

/** What a person reads off a pasted nvidia-smi table (its provenance file's `truth`). */
interface TableTruth {
  driver_version: string;
  cuda_version: string | null;
  /** product_name null: nvidia-smi cut the name with `...`; persistence_mode null: a Windows table (TCC/WDDM column). */
  gpus: { bdf: string; product_name: string | null; persistence_mode: string | null }[];
  unknown_lines: number;
}

const samples: RealSample[] = readdirSync(REAL)
  .filter((f) => /^nvidia-smi-table-.*\.txt$/.test(f))
  .sort()
  .map((f) => ({ name: f, file: join(REAL, f), provenance: parse(readFileSync(join(REAL, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance }));
const truthOf = (s: RealSample): TableTruth => s.provenance.truth as unknown as TableTruth;
const rows = (db: Db, sql: string, ...a: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...a) as Record<string, unknown>[];

describe('the nvidia-smi table (no option) as people save and paste it, on real outputs', () => {
  it('has real samples of Linux and Windows drivers from 331 to 580', () => expect(samples.length).toBeGreaterThanOrEqual(12));

  for (const s of samples) {
    it(`${s.name}: reaches the bundle as nvidia-smi and stores the GPUs, driver and modes a person reads off it`, async () => {
      const t = truthOf(s);
      const r = await replaySample(s, mkdtempSync(join(tempDir(), 'smi-table-')), ['gpu']);
      expect(r.artifact).toBe('cmd/nvidia-smi/_.out');
      const devices = rows(r.db, `SELECT device_key AS key, model FROM devices WHERE class = 'gpu' ORDER BY device_key`);
      expect(devices).toEqual([...t.gpus].sort((a, b) => a.bdf.localeCompare(b.bdf)).map((g) => ({ key: `gpu:${g.bdf}`, model: g.product_name })));
      for (const g of t.gpus) {
        const setting = (k: string): unknown => rows(r.db, `SELECT value FROM settings WHERE device_key = ? AND namespace = 'gpu' AND key = ?`, `gpu:${g.bdf}`, k)[0]?.value ?? null;
        expect(setting('driver_version'), g.bdf).toBe(t.driver_version);
        expect(setting('cuda_version'), g.bdf).toBe(t.cuda_version);
        expect(setting('persistence_mode'), g.bdf).toBe(g.persistence_mode);
      }
      // The table prints no VBIOS, InfoROM or GSP version: nothing stands in for them.
      expect(rows(r.db, `SELECT component FROM firmware`)).toEqual([]);
      const unread = rows(r.db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE' AND target = ?`, r.artifact);
      expect(unread.length, JSON.stringify(unread)).toBe(t.unknown_lines);
      assertNoFalseAlarm(s, r);
    });
  }
});

describe('nvidia-smi table reader', () => {
  const table = [
    'Tue Jul 11 21:10:47 2023',
    '+-----------------------------------------------------------------------------+',
    '| NVIDIA-SMI 525.105.17   Driver Version: 525.105.17   CUDA Version: 12.0     |',
    '|-------------------------------+----------------------+----------------------+',
    '| GPU  Name        Persistence-M| Bus-Id        Disp.A | Volatile Uncorr. ECC |',
    '| Fan  Temp  Perf  Pwr:Usage/Cap|         Memory-Usage | GPU-Util  Compute M. |',
    '|                               |                      |               MIG M. |',
    '|===============================+======================+======================|',
    '|   0  A100-SXM4-40GB      On   | 00000000:07:00.0 Off |                    0 |',
    '| N/A   32C    P0    39W / 400W |      0MiB / 40960MiB |      0%      Default |',
    '|                               |                      |              Enabled |',
    '+-------------------------------+----------------------+----------------------+',
  ];
  it('reads the MIG mode from the row the header puts it in', () => {
    const log = parseNvidiaSmiTable(table.join('\n'));
    expect(log.issues).toEqual([]);
    expect([...log.gpus[0]!.fields]).toEqual([['pci/pci_bus_id', '00000000:07:00.0'], ['index', '0'], ['persistence_mode', 'Enabled'], ['product_name', 'A100-SXM4-40GB'], ['mig_mode/current_mig', 'Enabled']]);
  });

  it('records a line of another shape with its number and reads on; a second run of the same GPUs adds none', () => {
    const log = parseNvidiaSmiTable([...table.slice(0, 9), 'garbage line', ...table.slice(9), ...table].join('\n'));
    expect(log.issues.map((i) => i.line)).toEqual([10]);
    expect(log.gpus.map((g) => g.bdf)).toEqual(['0000:07:00.0']);
    expect(log.gpus[0]!.fields.get('mig_mode/current_mig')).toBe('Enabled');
  });

  it('takes the command typed above it, behind a prompt or a wrapper, as no unread line', () => {
    for (const typed of ['>> nvidia-smi', 'docker run --rm --gpus all nvidia/cuda:12.2.0-base-ubuntu22.04 nvidia-smi', 'C:\\Users\\me>nvidia-smi.exe']) {
      expect(parseNvidiaSmiTable([typed, ...table].join('\n')).issues, typed).toEqual([]);
    }
    expect(parseNvidiaSmiTable(['##### nvidia-smi #####', ...table].join('\n')).issues.map((i) => i.line)).toEqual([1]);
  });
});
