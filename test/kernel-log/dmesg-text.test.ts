import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKernelLog } from '../../analyzer/classes/core/kmsg.js';

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
