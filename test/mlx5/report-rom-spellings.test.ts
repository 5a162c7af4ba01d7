/**
 * The report's device list when flint and a firmware manager spell one ROM version differently (3.6.502, 3.6.0502),
 * from real outputs (test/mlx5/fixtures/real, each with its provenance): both rows stay in the firmware table, each
 * with its artifact; the inventory shows the version once per component and state, and names the file it was read from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { firmwareText } from '../../analyzer/report/inventory-text.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const REAL = new URL('./fixtures/real/', import.meta.url).pathname;
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

async function reportOf(files: Record<string, string>) {
  const bundle = join(tempDir(), 'pasted.tar.gz');
  await collect({ output: bundle, root: treeOf(files), isolation: 'inline' });
  const result = await analyze({ bundles: [bundle], minSeverity: 'info' });
  const rows = (sql: string): Record<string, unknown>[] => result.db.prepare(sql).all() as Record<string, unknown>[];
  return { rows, report: result.report };
}

describe('one ROM version spelled two ways by two tools', () => {
  it('the device list shows it once; a real difference still shows both', async () => {
    const { rows, report } = await reportOf({
      'cmd/mstflint/-d_0002:01:00.0_q.out': real('mstflint/cx6lx-fs4-secure-fw-domain2.txt'),
      'cmd/mlxup/--query.out': real('fwmanager/cx6lx-mlxup-query-rhel.txt'),
    });
    expect(rows(`SELECT count(*) AS n FROM firmware WHERE device_key = '0002:01:00.0' AND component LIKE 'rom.%'`)).toEqual([{ n: 4 }]);
    const card = report.inventory.find((d) => d.key === '0002:01:00.0')!;
    const roms = card.firmware.filter((f) => f.component.startsWith('rom.'));
    expect(roms.map((f) => `${f.component} ${f.version} ${f.state} ${f.artifact}`)).toEqual([
      'rom.uefi 14.26.17 stored cmd/mstflint/-d_0002:01:00.0_q.out',
      'rom.pxe 3.6.502 stored cmd/mstflint/-d_0002:01:00.0_q.out',
    ]);
    expect(firmwareText(card).filter((l) => l.startsWith('rom.pxe'))).toEqual(['rom.pxe 3.6.502 (stored)']);
    expect(renderText(report)).not.toContain('3.6.0502');
    expect(renderMarkdown(report)).not.toContain('14.26.0017');
  }, 60_000);

  it('two tools showing really different ROM versions keep both in the device list', async () => {
    const { report } = await reportOf({
      'cmd/flint/-d_%2Fdev%2Fmst%2Fmt4115_pciconf0_query.out': real('mstflint/cx4-fs3-pve-query.txt'),
      'cmd/mlxfwmanager/--query.out': real('fwmanager/cx4-two-devices-dev-mst-no-uefi.txt'),
    });
    const card = report.inventory.find((d) => d.key === 'mst:mt4115_pciconf0')!;
    expect(card.firmware.filter((f) => f.component === 'rom.pxe').map((f) => f.version).sort()).toEqual(['3.4.0903', '3.6.102']);
  }, 60_000);
});
