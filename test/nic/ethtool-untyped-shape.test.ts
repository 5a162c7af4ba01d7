/**
 * ethtool -i's output pasted under a name of no tool (`attachment.txt`), no command typed above it that a prompt shape
 * takes, in the forms its `driver:` line alone did not tell: under plain ethtool's `Settings for <if>:` (a report
 * script's interface blocks, a probe script's `-- ethtool enP7s7 --` sections, VyOS's `show interfaces ethernet eth0
 * physical`), or as the one `driver:` line under an obfuscated prompt's `ethtool -i <interface_obfuscated>` (a kernel
 * patch's test note). Each real sample of those forms in the nic corpus (its provenance says where it was published) is
 * told as ethtool -i, and gives as attachment.txt the firmware and settings it gives under its saved name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLASSES } from '../../collector/classes/index.js';
import { outputShapes, shapedCommand } from '../../collector/output-shapes.js';
import { storedRows } from '../helpers/stored-rows.js';

const SHAPES = outputShapes(CLASSES);
const SAMPLES = [
  'bnxt-cdc-report-script-interface-blocks',
  'r8127-mt7925e-dgx-spark-probe-settings-ip-br-link-redacted',
  'vmxnet3-vyos-doc-show-physical-settings-above-myst-fence',
  'st-gmac-kasan-patch-obfuscated-prompt-driver-only-stats-after',
].map((name) => {
  const at = (ext: string): URL => new URL(`./fixtures/real/ethtool-i/${name}.${ext}`, import.meta.url);
  return { name, data: readFileSync(at('txt')), savedAs: (parse(readFileSync(at('provenance.yaml'), 'utf8')) as { saved_as: string }).saved_as };
});

async function stored(name: string, data: Buffer): Promise<string[]> {
  const r = await storedRows(name, data);
  expect(r.replayedFrom.some((f) => f?.startsWith(name)), `${name} read`).toBe(true);
  return r.rows;
}

describe("ethtool -i's output under plain ethtool's, or under a command no prompt shape takes, pasted as attachment.txt", () => {
  it.each(SAMPLES.map((s) => [s.name, s] as const))('%s: told as ethtool -i, and read as under its saved name', async (_, s) => {
    expect(shapedCommand(s.data, SHAPES)?.slice(0, 2)).toEqual(['ethtool', '-i']);
    expect(await stored('attachment.txt', s.data)).toEqual(await stored(s.savedAs, s.data));
  });
});
