/**
 * A supportconfig whose topic files are far larger than real ones (a topic of 100 MB, 300,000 entries in one topic)
 * is read up to caps, each cut named: before, every topic was read whole and every entry mapped, so such a report
 * took 730 MB (a 105 MB network.txt) or ran out of time past 1 GB (300,000 `ethtool -i` entries) in `fwsnap import`.
 */
import { describe, expect, it } from 'vitest';
import { mapSupportconfig } from '../../collector/import/supportconfig.js';

const CMD = '#==[ Command ]======================================#';
const entry = (i: number): string => `${CMD}\n# /usr/sbin/ethtool -i eth${i}\ndriver: ixgbe\nfirmware-version: 0x8000${i}\n\n`;
const reader = (topics: Record<string, string>) => (path: string, max: number): { data: Buffer; size: number } => {
  const b = Buffer.from(topics[path] ?? '');
  return { data: b.subarray(0, max), size: b.length };
};
const ethtoolTrees = (m: ReturnType<typeof mapSupportconfig>): string[] => m.files.map((f) => f.tree).filter((t) => t.startsWith('cmd/ethtool/'));

describe('supportconfig caps', () => {
  it('maps entries up to the cap over all topics and names how many were left out', () => {
    const m = mapSupportconfig(['network.txt'], reader({ 'network.txt': Array.from({ length: 30 }, (_, i) => entry(i)).join('') }), { topicBytes: 1 << 20, entries: 10 });
    expect(ethtoolTrees(m)).toHaveLength(10);
    expect(m.cut).toEqual([{ target: 'network.txt', message: '20 entries past the first 10 of the topic files are left out' }]);
  });

  it('reads a topic up to its byte cap, leaves out the entry the cap cuts, and names the cut', () => {
    const text = Array.from({ length: 10 }, (_, i) => entry(i)).join('');
    const cap = text.indexOf(`eth5\n`) + 20;
    const m = mapSupportconfig(['network.txt'], reader({ 'network.txt': text }), { topicBytes: cap, entries: 1000 });
    // eth5's entry is cut inside its output: it is not mapped with half an output.
    expect(ethtoolTrees(m)).toHaveLength(5);
    expect(m.cut).toEqual([{ target: 'network.txt', message: `network.txt is ${text.length} bytes; only its first ${cap} were read (the entries past them are left out)` }]);
  });

  it('module parameters count against the entry cap: each is a file of its own', () => {
    const params = Array.from({ length: 30 }, (_, i) => `/sys/module/m${i}/parameters/p=${i}`).join('\n');
    const m = mapSupportconfig(['modules.txt'], reader({ 'modules.txt': `${CMD}\n# /bin/grep . /sys/module/*/parameters/*\n${params}\n\n` }), { topicBytes: 1 << 20, entries: 11 });
    expect(m.files.filter((f) => f.tree.startsWith('sys/module/'))).toHaveLength(10);
    expect(m.cut).toEqual([{ target: 'modules.txt', message: '20 entries past the first 11 of the topic files are left out' }]);
  });

  it('a real-sized report is read whole, with nothing cut', () => {
    const m = mapSupportconfig(['network.txt'], reader({ 'network.txt': Array.from({ length: 200 }, (_, i) => entry(i)).join('') }));
    expect(ethtoolTrees(m)).toHaveLength(200);
    expect(m.cut).toEqual([]);
  });
});
