import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { intelUcFacts } from '../../analyzer/classes/gpu/intel-uc-loader.js';
import { parseIntelUcLine } from '../../analyzer/classes/gpu/intel-uc.js';
import { journalKernelRecords } from '../../analyzer/classes/core/journal.js';
import { parseKernelLog, type KernelLogLine } from '../../analyzer/classes/core/kmsg.js';
import type { FactSink, FirmwareRow } from '../../analyzer/db/rows.js';

/** Real kernel-log lines with their provenance (fixtures/real/*.provenance.yaml; fixtures/kernel-log/ holds copies of two of the kernel-log class's real logs, with their provenance). */
const real = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

function rowsOf(records: Iterable<KernelLogLine>): string[] {
  const rows: FirmwareRow[] = [];
  const sink = { firmware: (r: FirmwareRow) => void rows.push(r) } as unknown as FactSink;
  intelUcFacts(records, sink, 'dev/kmsg');
  return rows.map((r) => `${r.deviceKey} ${r.component} ${r.state} ${r.version}`).sort();
}

describe('Intel GPU firmware versions from real i915 and xe kernel-log lines', () => {
  it('xe: a GuC refused as too old, and GuCs loaded on Lunar Lake, DG2 and Ponte Vecchio', () => {
    const lines = real('fixtures/real/xe-guc-kernel-log-lines.txt').trimEnd().split('\n').map((l) => l.replace(/^\s*(?:\[\s*[\d.]+\]\s*)?/, ''));
    expect(lines.map((l) => parseIntelUcLine(l))).toEqual([
      { driver: 'xe', uc: { kind: 'guc', version: '70.20.0', states: ['stored'], gt: 0 } },
      { driver: 'xe', uc: { kind: 'guc', version: '70.53.0', states: ['running', 'stored'], gt: 0, file: 'xe/lnl_guc_70.bin' } },
      { driver: 'xe', uc: { kind: 'guc', version: '70.36.0', states: ['running', 'stored'], gt: 0, file: 'i915/dg2_guc_70.bin' } },
      { driver: 'xe', uc: { kind: 'guc', version: '70.20.0', states: ['running', 'stored'], gt: 0, file: 'xe/pvc_guc_70.20.0.bin' } },
    ]);
  });

  it('i915 on a DG2 (intel-gpu-firmware#5): DMC 2.8, HuC 7.10.7, and GuC 70.11.0 where 70.12.1 is recommended', () => {
    expect(rowsOf(parseKernelLog(real('./fixtures/kernel-log/dmesg-dg2-guc-recommended.txt')))).toEqual([
      '0000:0b:00.0 intel.dmc running 2.8',
      '0000:0b:00.0 intel.dmc stored 2.8',
      '0000:0b:00.0 intel.guc running 70.11.0',
      '0000:0b:00.0 intel.guc stored 70.11.0',
      '0000:0b:00.0 intel.huc running 7.10.7',
      '0000:0b:00.0 intel.huc stored 7.10.7',
    ]);
    const older = parseIntelUcLine('i915 0000:0b:00.0: [drm] GT0: GuC firmware i915/dg2_guc_70.bin (70.12.1) is recommended, but only i915/dg2_guc_70.bin (70.11.0) was found');
    expect(older?.uc).toMatchObject({ kind: 'guc', version: '70.11.0', recommended: '70.12.1', states: ['stored'] });
  });

  it('i915 on Alder Lake whose GuC upload failed (journal -k): GuC 70.5.1 found but not running, HuC 7.9.3', () => {
    const text = real('./fixtures/kernel-log/journal-k-monotonic-adl-guc-load-failed.txt');
    expect(rowsOf(journalKernelRecords(text.split('\n')))).toEqual([
      '0000:00:02.0 intel.guc stored 70.5.1',
      '0000:00:02.0 intel.huc running 7.9.3',
      '0000:00:02.0 intel.huc stored 7.9.3',
    ]);
  });

  it('keeps a second GT apart, and ignores lines of other drivers and other i915 messages', () => {
    expect(parseIntelUcLine('i915 0000:00:02.0: [drm] GT1: GuC firmware i915/mtl_guc_70.bin version 70.12.1')?.uc).toMatchObject({ kind: 'guc', gt: 1 });
    expect(parseIntelUcLine('amdgpu 0000:03:00.0: GuC firmware x version 1.2.3')).toBeUndefined();
    expect(parseIntelUcLine('i915 0000:00:02.0: [drm] GT0: GUC: submission disabled')).toBeUndefined();
  });
});
