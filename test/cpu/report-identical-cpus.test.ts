import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../analyzer/report/model.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { treeOf } from '../helpers/tmp.js';

// A real WSL cpuinfo (fixtures/real/cpuinfo/wsl-ryzen-4800h-details-fenced, its provenance beside it): 16 logical CPUs of
// one Ryzen 7 4800H, each with the placeholder microcode 0xffffffff, pasted as the whole /proc/cpuinfo of a tree.
describe('a report of identical CPUs with the same findings', () => {
  const report = (format: string): string => {
    const root = treeOf({ 'proc/cpuinfo': readFileSync('test/cpu/fixtures/real/cpuinfo/wsl-ryzen-4800h-details-fenced.txt') });
    const r = fwsnap(['check', '--root', root, '--format', format]);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    return r.stdout;
  };
  beforeAll(ensureBuilt);

  it('folds the CPUs whose findings say the same into one entry, keeping every finding', () => {
    const r = JSON.parse(report('json')) as Report;
    expect(r.findings.filter((f) => f.rule === 'core.firmware-version-unknown')).toHaveLength(16);
    const cpus = r.inventory.filter((e) => e.class === 'cpu');
    // cpu:0 alone carries the per-socket erratum finding; the other fifteen say the same of themselves.
    expect(cpus.map((e) => e.keys.length)).toEqual([1, 15]);
    expect(cpus[1]!.findings.map((g) => g.headline.device)).toEqual(cpus[1]!.keys);
  });

  it('names a finding repeated on the devices of an entry once, with the devices it also holds for', () => {
    const text = report('text');
    expect(text.match(/\[core\.firmware-version-unknown\]/g)).toHaveLength(2);
    expect(text).toMatch(/the same on cpu 2, cpu 3, cpu 4,[\s\S]*cpu 15\n/);
    expect(report('markdown').match(/the same on cpu 2, cpu 3/g)).toHaveLength(1);
    expect(report('html').match(/the same on cpu 2, cpu 3/g)).toHaveLength(1);
  });

  it('names only the fact that is missing when a rule cannot decide', () => {
    // The Zenbleed rule reads the signature (present: 17-60-01) under nine conditions and the microcode (a placeholder).
    const zen = (JSON.parse(report('json')) as Report).skipped.find((s) => s.rule === 'cpu.amd-zenbleed-microcode');
    expect(zen?.reason).toBe('not evaluated: missing firmware microcode (running)');
  });
});
