/**
 * An mlxconfig query saved under a name of no tool, no command typed in it, is told by its headings
 * (collector/classes/mlx5/output-shape.ts): `Configurations:` under `Device #1:`, or — pasted from `Device type:` down — under
 * the `Device:` line naming the device. Real queries of the corpus, their command and `Device #1:` heading taken off, give
 * as attachment.txt the settings they give with that heading. Rows with no device named (a fragment, or `Configurations:`
 * alone) are not told: they would be settings of no known device.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { outputShapes, shapedCommand } from '../../collector/output-shapes.js';
import { replaySaved, savedIssueMessages } from '../helpers/replay-tree.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/mstconfig/${name}.txt`, import.meta.url), 'utf8');
const SHAPES = outputShapes(CLASSES);
const untyped = (text: string): string => text.split('\n').filter((l) => !/mlxconfig|mstconfig/.test(l)).join('\n');
const headless = (text: string): string => untyped(text).split('\n').filter((l) => !/^\s*(?:Device #\d+:|-{5,})\s*$/.test(l)).join('\n');

async function settingsOf(text: string): Promise<string[]> {
  const { db } = await replaySaved('attachment.txt', text);
  return (db.prepare(`SELECT device_key || ' ' || key || ' ' || value AS s FROM settings WHERE namespace LIKE 'mlx%' ORDER BY 1`).all() as { s: string }[]).map((r) => r.s);
}

describe('an mlxconfig query pasted from Device type: down, naming no tool', () => {
  for (const name of ['cx3pro-hp544-next-boot', 'bf3-dpu-next-boot-ptp-tools', 'cx5-e-query-after-raw-tlv-apply-slingshot', 'cx3-set-preview-truenas-mstconfig']) {
    it(`${name}: told as mlxconfig query without its Device #1: heading, the same settings of the same device`, async () => {
      const text = real(name);
      expect(shapedCommand(Buffer.from(headless(text)), SHAPES)).toEqual(['mlxconfig', 'query']);
      const whole = await settingsOf(untyped(text));
      expect(whole.length).toBeGreaterThan(0);
      expect(whole.every((s) => !s.startsWith('null '))).toBe(true);
      expect(await settingsOf(headless(text))).toEqual(whole);
    });
  }

  it('rows naming no device are not told, under Configurations: or alone', () => {
    for (const name of ['cx7-next-boot-head-sriov-dp-issue601', 'cx6lx-e-query-sriov-op-pr358-part1', 'cx5-e-query-sriov-op-issue492-part1', 'cx5-roce-cc-dpservice-issue26']) {
      expect(shapedCommand(Buffer.from(real(name)), SHAPES), name).toBeUndefined();
    }
  });
});

describe('an mlxconfig i (show_confs) listing naming no tool', () => {
  it('is told by its banner, with the device it names, and read as a listing: no setting of the device', async () => {
    const text = real('cx6-mstconfig-i-wrapped-descriptions-excerpt-ironic');
    expect(shapedCommand(Buffer.from(text), SHAPES)).toEqual(['mlxconfig', '-d', '0000:06:00.0', 'i']);
    expect(shapedCommand(Buffer.from(text.replace(' 0000:06:00.0', '')), SHAPES)).toEqual(['mlxconfig', 'i']);
    expect(await settingsOf(text)).toEqual([]);
    expect((await savedIssueMessages('attachment.txt', text, ['LISTING'])).LISTING).toEqual([
      'cmd/mlxconfig/-d_0000:06:00.0_i.out: a parameter listing (mlxconfig i) of 3 parameters 0000:06:00.0 may support, with no value of the device\'s: not its configuration',
    ]);
  });
});
