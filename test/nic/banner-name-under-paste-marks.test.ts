/**
 * The collector names a saved ethtool -i output by the probe script's banner above it (the real DGX Spark probe notes:
 * `-- ethtool enP7s7 --` over its driver lines). Before, under what a paste puts around every line (a log's prefix, a
 * paste site's line numbers, `<br>` joins, Unicode spaces, a JSON log line's string), the banner was not found: the
 * file named no interface and both devices were keyed by their bus-info, though the analyzer read the banners.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedDriverInfo } from '../../collector/classes/nic/net.js';
import { FORMS } from '../real-corpus/pasted-forms.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/ethtool-i/${name}.txt`, import.meta.url), 'utf8');
// The two probe runs: the trimmed one, and the one with `ip -br link` above and each interface's Settings output.
const SAMPLES = [real('r8127-mt7925e-dgx-spark-probe-trimmed'), real('r8127-mt7925e-dgx-spark-probe-settings-ip-br-link-redacted')];
const FORM_NAMES = ['CI log or ts timestamps', 'HTML mail joined with <br>', 'JSON log line', 'kubectl logs --prefix', 'paste site line numbers', 'syslog prefix', 'Unicode spaces'];
// Names the forms hash to choose their variants (the syslog's or the journal's, a pipe or a number column, each space).
const SAVED_AS = ['cmd/ethtool/ethtool-i.txt', 'cmd/ethtool/-i.out', 'a', 'bb', 'ccc', 'dddd', 'eeeee'];

describe("the collector's name for a probe's ethtool -i output, under a paste's marks on every line", () => {
  it.each(FORM_NAMES)('%s: the banner names enP7s7', (form) => {
    for (const [sample, savedAs] of SAMPLES.flatMap((x) => SAVED_AS.map((n) => [x, n] as const))) {
      const text = FORMS[form]!({ text: sample, format: 'text', command: 'ethtool -i enP7s7', savedAs });
      expect(typeof text).toBe('string');
      expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', text as string), `${form}, ${savedAs}`).toEqual({ ifname: 'enP7s7' });
    }
  });

  it('as published: the banner names enP7s7', () => {
    for (const sample of SAMPLES) expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', sample)).toEqual({ ifname: 'enP7s7' });
  });
});
