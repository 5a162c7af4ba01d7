/**
 * flint ROM removals (`drom`): the real public ones under fixtures/real/flint-rom replayed with collect --root and
 * compared with the truth their provenance states, and what the reader makes of each outcome.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isRomRemoval, parseRomRemoval } from '../../analyzer/classes/mlx5/flint-rom-removal.js';
import { commands } from '../../collector/classes/mlx5/commands.js';
import { pastedMstArgv } from '../../collector/classes/mlx5/pasted.js';
import { replaySaved } from '../helpers/replay-tree.js';

const DIR = new URL('./fixtures/real/flint-rom/', import.meta.url).pathname;
interface Provenance {
  saved_as: string;
  truth: { device: string; rom_removal: string };
  expected_findings: string[];
}
const samples = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ id: f, text: readFileSync(join(DIR, f)), prov: parseYaml(readFileSync(join(DIR, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance }));

describe('public flint ROM removals, replayed with collect --root', () => {
  it.each(samples)('$id', async ({ text, prov }) => {
    const { db, report } = await replaySaved(prov.saved_as, text);
    expect(db.prepare(`SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL`).all()).toEqual([]);
    expect(db.prepare(`SELECT device_key, value FROM settings WHERE namespace = 'mlx.device' AND key = 'rom_removal'`).all()).toEqual([{ device_key: prov.truth.device, value: prov.truth.rom_removal }]);
    expect(db.prepare(`SELECT code FROM collection_issues WHERE code IN ('UNKNOWN-LINE', 'NOT_READ', 'UNKNOWN_NAME')`).all()).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.rule).filter((r) => !prov.expected_findings.includes(r))).toEqual([]);
  });
});

describe('flint drom', () => {
  const run = (...lines: string[]): string => ['# flint -d 03:00.0 --allow_rom_change drom', '', '-I- Preparing to remove ROM ...', ...lines].join('\n');
  it('tells a removal done, failed and unfinished apart, and names a line that is not the tool’s', () => {
    expect(parseRomRemoval(run('Removing ROM image    - OK', 'Restoring signature  - OK'))).toEqual({ device: '03:00.0', outcome: 'removed', errors: [], issues: [] });
    expect(parseRomRemoval(run('-E- Remove ROM failed: The device does not contain a ROM image')).outcome).toBe('failed');
    expect(parseRomRemoval(run('Removing ROM image    - FAILED')).outcome).toBe('failed');
    expect(parseRomRemoval(run('Removing ROM image    - OK')).outcome).toBe('unfinished');
    expect(parseRomRemoval(run('Removing ROM image    - OK', 'Restoring signature  - OK', 'rebooted after')).issues.map((i) => i.line)).toEqual([6]);
    expect(isRomRemoval('Image type:            FS4\nFW Version:            16.35.2000\n')).toBe(false);
    expect(() => parseRomRemoval('Removing ROM image    - OK\n')).toThrow(/Preparing to remove ROM/);
  });

  it('saved names: the command spelled or in words, replayed only, never run', () => {
    expect(pastedMstArgv('flint', '-d_mt4103_pci_cr0_--allow_rom_change_drom.txt')).toEqual(['flint', '-d', 'mt4103_pci_cr0', '--allow_rom_change', 'drom']);
    expect(pastedMstArgv('mstflint', '-d_0000:03:00.0_drom.log')).toEqual(['mstflint', '-d', '0000:03:00.0', 'drom']);
    expect(pastedMstArgv('flint', 'flint-drom.txt')).toEqual(['flint', 'drom']);
    expect(pastedMstArgv('flint', '-d_03:00.0_brom_drom.txt')).toBeUndefined();
    expect(commands.flint!.replay!(['-d', 'mt4103_pci_cr0', '--allow_rom_change', 'drom'])).toBe(true);
    expect(commands.flint!.run!(['-d', 'mt4103_pci_cr0', '--allow_rom_change', 'drom'])).toBe(false);
  });
});
