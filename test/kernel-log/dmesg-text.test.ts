import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKernelLog } from '../../analyzer/classes/core/kmsg.js';
import type { LineIssue } from '../../analyzer/parsers/text-input.js';

/** Plain `dmesg` and `dmesg -T` text as sosreports and supportconfig keep it; fixtures from public issues (see their .provenance.yaml). */
const real = (name: string): string => readFileSync(new URL(`./fixtures/real/${name}`, import.meta.url), 'utf8');

describe('plain dmesg text', () => {
  it('reads timestamps and devices, with no level (intel-gpu-firmware#5)', () => {
    const lines = parseKernelLog(real('dmesg-dg2-guc-recommended.txt'));
    expect(lines).toHaveLength(8);
    expect(lines[0]).toEqual({ level: null, seq: null, usec: 877_342, device: null, text: 'Setting dangerous option enable_guc - tainting kernel' });
    expect(lines[2]).toMatchObject({ level: null, usec: 922_031, device: '0000:0b:00.0' });
    expect(lines[2]!.text).toMatch(/^i915 0000:0b:00\.0: \[drm\] GT0: GuC firmware .* \(70\.12\.1\) is recommended, but only .* \(70\.11\.0\) was found$/);
    expect(lines.every((l) => l.level === null)).toBe(true);
  });

  it('reads seconds of more than four digits (hwraid#136)', () => {
    const lines = parseKernelLog(real('dmesg-megaraid-fw-fault.txt'));
    expect(lines.map((l) => [l.usec, l.device])).toEqual([
      [1_661_722_829, '0000:18:00.0'],
      [1_661_722_848, '0000:18:00.0'],
    ]);
    expect(lines[0]!.text).toBe('megaraid_sas 0000:18:00.0: FW in FAULT state Fault code:0x10000 subcode:0x0 func:megasas_wait_for_outstanding_fusion');
  });

  it('reads dmesg -T, whose wall-clock stamps give neither level nor time since boot (support-diagnostics#161)', () => {
    const plain = parseKernelLog(real('dmesg-el7.txt'));
    const wall = parseKernelLog(real('dmesg-T-el7.txt'));
    expect(wall.map((l) => l.text)).toEqual(['Initializing cgroup subsys cpuset', 'Initializing cgroup subsys cpu', 'Initializing cgroup subsys cpuacct']);
    expect(wall.every((l) => l.level === null && l.usec === null && l.seq === null)).toBe(true);
    // The same host's plain dmesg: the same messages, at boot time 0.
    expect(plain.map((l) => l.text)).toEqual(wall.map((l) => l.text));
    expect(plain.every((l) => l.usec === 0 && l.level === null)).toBe(true);
  });

  it('keeps a message that starts with white space, and still refuses text that is no kernel log', () => {
    // mpt3sas indents its end-device lines (geerlingguy/raspberry-pi-pcie-devices#196, dmesg of an LSI 9405W-16i).
    expect(parseKernelLog('[ 9226.939107]  end_device-3:18: add: handle(0x0011)\n')[0]).toMatchObject({ usec: 9_226_939_107, text: ' end_device-3:18: add: handle(0x0011)' });
    expect(() => parseKernelLog('[global]\nkey = value\n')).toThrow(/dmesg text/);
  });
});

// Real form: a Chinese translation of the kernel's ionic guide quotes `dmesg | grep ionic` indented in a fence, with no
// stamps (nic corpus devlink-info/ionic-zh-markdown-translation-fences-headings, where the guide was saved whole).
describe('dmesg text with no stamps', () => {
  it("reads a driver's messages on a PCI function, indented whole", () => {
    const issues: LineIssue[] = [];
    const lines = parseKernelLog('```\n\n  $ dmesg | grep ionic\n  ionic 0000:b5:00.0: 126.016 Gb/s available PCIe bandwidth (8.0 GT/s PCIe x16 link)\n  ionic 0000:b5:00.0 enp181s0: renamed from eth0\n  ionic 0000:b5:00.0 enp181s0: Link up - 100 Gbps\n\n```\n', issues);
    expect(lines.map((l) => [l.level, l.usec, l.device, l.text])).toEqual([
      [null, null, '0000:b5:00.0', 'ionic 0000:b5:00.0: 126.016 Gb/s available PCIe bandwidth (8.0 GT/s PCIe x16 link)'],
      [null, null, '0000:b5:00.0', 'ionic 0000:b5:00.0 enp181s0: renamed from eth0'],
      [null, null, '0000:b5:00.0', 'ionic 0000:b5:00.0 enp181s0: Link up - 100 Gbps'],
    ]);
    expect(issues).toEqual([]);
    // The writer's sentence after the block's closing fence is no rest of the last message's line.
    const after: LineIssue[] = [];
    const read = parseKernelLog('```\n[    1.0] ionic 0000:b5:00.0 enp181s0: Link up - 100 Gbps\n```\nThe driver and firmware versions are shown by\n', after);
    expect(read.map((l) => l.text)).toEqual(['ionic 0000:b5:00.0 enp181s0: Link up - 100 Gbps']);
    expect(after.map((i) => [i.line, i.message])).toEqual([[4, 'not a kernel log line']]);
    // A wiki's block (Trac, MoinMoin) and a fence naming its language and options are the page's marks, not the log's lines.
    for (const [open, close] of [['{{{', '}}}'], ['{{{#!sh', '}}}'], ['```console title="dmesg"', '```'], ['{% highlight console %}', '{% endhighlight %}']]) {
      const marks: LineIssue[] = [];
      const inBlock = parseKernelLog(`${open}\n[    1.0] ionic 0000:b5:00.0 enp181s0: Link up - 100 Gbps\n${close}\n`, marks);
      expect(inBlock.map((l) => l.text), open).toEqual(['ionic 0000:b5:00.0 enp181s0: Link up - 100 Gbps']);
      expect(marks, open).toEqual([]);
    }
    // A sentence naming an address is no driver's message.
    expect(() => parseKernelLog('The card at 0000:b5:00.0: is slow\n')).toThrow();
  });
});
