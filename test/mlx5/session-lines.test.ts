/**
 * What a session or a script shows around mlx5 tools' outputs (real: an AWS lab's notes and health-check runs of two
 * ConnectX-7 cards, sigitp-git/mellanox-nic-firmware-and-vf-creation): another tool's output typed in the same session,
 * the lines a loop echoes to name each device or port, and a grep that keeps section headings without their underline.
 * And a flint query's whole console block as a writer published it (empovit/nvidia-tools): `lspci -d 15b3:` above it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { parseMlxlink } from '../../analyzer/classes/mlx5/mlxlink.js';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

describe('an mstflint query in a session', () => {
  it("lspci's lines typed above the query in the same console block are noted once as lspci's, not read as fields", () => {
    const { runs, issues } = parseMstflintRuns(real('mstflint/cx6lx-whole-console-block-dnf-lspci-above-domain2.txt'));
    expect(issues.map((i) => [i.line, i.message])).toEqual([[5, '2 line(s) of the output of "lspci -d 15b3:" not read']]);
    expect(runs.map((r) => [r.device, r.query.fwVersion, r.query.psid])).toEqual([['0002:01:00.0', '26.33.1048', 'MT_0000000575']]);
  });

  it('ethtool -i typed above the query: its lines are ethtool\'s, its firmware-version no field of the query', () => {
    const text = `$ ethtool -i eth2\ndriver: mlx5_core\nfirmware-version: 26.33.1048 (MT_0000000575)\nbus-info: 0002:01:00.0\n$ ${real('mstflint/cx6lx-whole-console-block-dnf-lspci-above-domain2.txt').split('\n# ').at(-1)!}`;
    const { runs, issues } = parseMstflintRuns(text);
    expect(issues.map((i) => i.message)).toEqual(['3 line(s) of the output of "ethtool -i eth2" not read']);
    expect(runs.map((r) => [r.device, r.query.fwVersion])).toEqual([['0002:01:00.0', '26.33.1048']]);
  });
});

describe('mlxconfig in a session or a loop', () => {
  it("lspci's lines typed above the query in the same session are noted once, not read as the query's", () => {
    const q = parseMstconfigQuery(real('mstconfig/cx7-lspci-grep-above-num-of-vfs-grep-aws.txt'));
    expect(q.issues.map((i) => i.message)).toEqual(['4 line(s) of the output of "lspci | grep MT2910" not read']);
    expect(q.devices.map((d) => d.params.map((p) => p.name))).toEqual([['NUM_OF_VFS']]);
  });

  it('a loop naming each device in a line it echoes: each row is its device\'s', () => {
    const q = parseMstconfigQuery(real('mstconfig/cx7-vf-count-loop-echoed-devices-health-check-aws.txt'));
    expect(q.devices.map((d) => [d.commandDevice, d.params[0]?.values.next_boot?.raw])).toEqual([
      ['0000:05:00.0', '16'], ['0000:05:00.1', '16'], ['0001:05:00.0', '16'], ['0001:05:00.1', '16'],
    ]);
  });

  it('the same loop under its typed command (a shell variable for the device): still each row its device\'s', () => {
    const text = `$ for device in \${DEVICES[@]}; do echo "Device $device VF count:"; mlxconfig -d $device query | grep NUM_OF_VFS; done\n${real('mstconfig/cx7-vf-count-loop-echoed-devices-health-check-aws.txt')}`;
    expect(parseMstconfigQuery(text).devices.map((d) => d.commandDevice)).toEqual(['0000:05:00.0', '0000:05:00.1', '0001:05:00.0', '0001:05:00.1']);
  });

  it("a shell's completion list of mst nodes (two names on one line) names no device", () => {
    const q = parseMstconfigQuery(real('mstconfig/cx6dx-query-all-grep-cqe-shell-completion-line.txt'));
    expect(q.devices.map((d) => [d.commandDevice, d.params.map((p) => p.name)])).toEqual([[undefined, ['CQE_COMPRESSION']]]);
  });

  it("the tool's own Device: field and a sentence naming a device are no echoed line", () => {
    const q = parseMstconfigQuery('Device #1:\n----------\n\nDevice type:        ConnectX7\nDevice:             05:00.0\n\nConfigurations:        Next Boot\n        NUM_OF_VFS        16\n');
    expect(q.devices.map((d) => [d.device, d.commandDevice])).toEqual([['05:00.0', undefined]]);
  });
});

describe('mlxlink cut down by grep', () => {
  it('section headings without their underline, a dropped heading\'s fields kept apart, the port a loop echoed', () => {
    const out = parseMlxlink(real('mlxlink/cx7-two-ports-grep-port-echo-lab-execution-aws.txt'));
    expect(out.runs).toHaveLength(1);
    expect(out.runs[0]!.port).toBe(1);
    expect(out.runs[0]!.sections['Operational Info']).toEqual({ 'Physical state': 'LinkUp', Speed: '200G', Width: '4x' });
    expect(Object.keys(out.runs[0]!.sections['Supported Info'] ?? {})).toEqual(['Enabled Link Speed (Ext.)', 'Supported Cable Speed (Ext.)']);
  });

  it('fields whose headings the grep dropped are read into their own sections', () => {
    const out = parseMlxlink('Physical state                     : LinkUp\nSpeed                              : 100G\nRecommendation                     : No issue was observed\n');
    expect(out.runs[0]!.sections).toEqual({ 'Operational Info': { 'Physical state': 'LinkUp', Speed: '100G' }, 'Troubleshooting Info': { Recommendation: 'No issue was observed' } });
    expect(out.issues).toEqual([]);
  });
});
