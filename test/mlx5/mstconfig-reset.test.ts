/**
 * mlxconfig/mstconfig reset printouts: the real public ones under fixtures/real/mstconfig-reset replayed with collect
 * --root and compared with the truth their provenance states, and what the reader makes of each outcome.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isConfigReset, parseConfigReset } from '../../analyzer/classes/mlx5/mstconfig-reset.js';
import { replaySaved } from '../helpers/replay-tree.js';

const DIR = new URL('./fixtures/real/mstconfig-reset/', import.meta.url).pathname;
interface Provenance {
  saved_as: string;
  truth: { device: string; config_reset: string };
  expected_findings: string[];
}
const samples = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ id: f, text: readFileSync(join(DIR, f)), prov: parseYaml(readFileSync(join(DIR, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance }));

describe('public mlxconfig reset printouts, replayed with collect --root', () => {
  it.each(samples)('$id', async ({ text, prov }) => {
    const { db, report } = await replaySaved(prov.saved_as, text);
    expect(db.prepare(`SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL`).all()).toEqual([]);
    expect(db.prepare(`SELECT device_key, value FROM settings WHERE namespace = 'mlx.device' AND key = 'config_reset'`).all()).toEqual([{ device_key: prov.truth.device, value: prov.truth.config_reset }]);
    expect(db.prepare(`SELECT code FROM collection_issues WHERE code IN ('UNKNOWN-LINE', 'NOT_READ', 'UNKNOWN_NAME')`).all()).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.rule).filter((r) => !prov.expected_findings.includes(r))).toEqual([]);
  });
});

describe('mlxconfig reset', () => {
  const ask = (answer: string): string => ` Reset configuration for device 03:00.0? (y/n) [n] : ${answer}`;
  it('tells an applied, a failed, a declined and an unfinished reset apart', () => {
    expect(parseConfigReset([ask('y'), 'Applying... Done!', '-I- Please reboot machine to load new configurations.'].join('\n'))).toEqual({ device: '03:00.0', outcome: 'applied', errors: [], issues: [] });
    expect(parseConfigReset([ask('y'), 'Applying... Failed!', '-E- Failed to reset configuration: operation not permitted'].join('\n')).outcome).toBe('failed');
    expect(parseConfigReset([ask('n'), '-E- Aborted by user.'].join('\n')).outcome).toBe('failed');
    expect(parseConfigReset(ask('n')).outcome).toBe('declined');
    expect(parseConfigReset(ask('y')).outcome).toBe('unfinished');
  });
  it('takes the device from the command line when the question is cut, and names a line that is not the tool’s', () => {
    const r = parseConfigReset(['# mlxconfig -d 0000:03:00.0 -y reset', '', 'Reset configuration for device 03:00.0? (y/n) [n] : y', 'Applying... Done!', 'then I rebooted'].join('\n'));
    expect([r.device, r.outcome, r.issues.map((i) => i.line)]).toEqual(['03:00.0', 'applied', [5]]);
    expect(isConfigReset('Device #1:\n----------\nDevice type:    ConnectX5\n')).toBe(false);
    expect(() => parseConfigReset('Applying... Done!\n')).toThrow(/no "Reset configuration for device" question/);
  });
});
