import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../analyzer/parsers/errors.js';
import type { LineIssue } from '../../analyzer/parsers/text-input.js';
import { parseKernelLog } from '../../analyzer/classes/core/kmsg.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';
import { fakehostKmsg } from '../../collector/classes/kernel-log/fake-host.js';

describe('kernel log parser', () => {
  it('reads /dev/kmsg records, with the device a driver message names', () => {
    const lines = parseKernelLog(Buffer.from(fakehostKmsg()));
    expect(lines[0]).toMatchObject({ level: 6, seq: 0, usec: 0, device: null });
    expect(lines[0]!.text).toMatch(/^Linux version 5\.14\.0/);
    const ahci = lines.find((l) => l.text.startsWith('ahci '))!;
    expect(ahci).toMatchObject({ level: 6, device: '0000:00:17.0' });
    expect(lines.find((l) => l.text.startsWith('microcode:'))).toMatchObject({ level: 4, usec: 412000 });
  });

  it('skips the key=value continuation lines /dev/kmsg adds', () => {
    const lines = parseKernelLog('3,10,5000,-;mlx4_core 0000:04:00.0: Installed FW has unsupported command interface revision 1\n SUBSYSTEM=pci\n DEVICE=+pci:0000:04:00.0\n');
    expect(lines).toEqual([{ level: 3, seq: 10, usec: 5000, device: '0000:04:00.0', text: 'mlx4_core 0000:04:00.0: Installed FW has unsupported command interface revision 1' }]);
  });

  it('reads dmesg --raw output', () => {
    expect(parseKernelLog('<4>[    1.234567] ata1.00: NCQ Send/Recv Log not supported\n<6>[12.5] e1000e 0000:00:02.0 eth0: NIC Link is Up\n')).toEqual([
      { level: 4, seq: null, usec: 1_234_567, device: null, text: 'ata1.00: NCQ Send/Recv Log not supported' },
      { level: 6, seq: null, usec: 12_500_000, device: '0000:00:02.0', text: 'e1000e 0000:00:02.0 eth0: NIC Link is Up' },
    ]);
  });

  it('reads a log a page or a mail indented whole; dmesg\'s indented further lines of a message still continue it', () => {
    // An LKML test report (<20230925170224.57670-1-qiuxu.zhuo@intel.com>) indents its dmesg lines by two spaces.
    const got = parseKernelLog('  [    0.000000] microcode: updated early: 0xab000130 -> 0xab000140, date = 2022-11-04\n  ...\n  [  199.361069] microcode: Microcode revision: 0xab000140 -> 0xab000160\n');
    expect(got.map((l) => [l.usec, l.text])).toEqual([[0, 'microcode: updated early: 0xab000130 -> 0xab000140, date = 2022-11-04'], [199361069, 'microcode: Microcode revision: 0xab000140 -> 0xab000160']]);
    const multi = parseKernelLog('[    1.000000] Call Trace:\n  <TASK>\n [    2.000000] next\n');
    expect(multi.map((l) => l.text)).toEqual(['Call Trace: <TASK>', 'next']);
  });

  it('reads another command typed in the paste, and its output, as that command\'s: one issue, no log line grows by it', () => {
    const issues: LineIssue[] = [];
    const got = parseKernelLog([
      '$ dmesg | grep mlx5',
      '[    3.000001] mlx5_core 0000:3b:00.0: firmware version: 16.35.2000',
      '',
      'user@host:~$ ethtool -i ens1f0',
      'driver: mlx5_core',
      'firmware-version: 16.35.2000 (MT_0000000080)',
      '[root@host ~]# readlink /sys/class/net/ens1f0/device',
      '../../../0000:3b:00.0',
      '$ dmesg | tail -1',
      '[  100.000002] mlx5_core 0000:3b:00.0 ens1f0: Link up',
      '$ ip -br link',
      'ens1f0           UP             b8:ce:f6:00:00:01 <BROADCAST,MULTICAST,UP,LOWER_UP>',
      '[  101.000003] mlx5_core 0000:3b:00.0 ens1f0: Link down',
    ].join('\n'), issues);
    expect(got.map((l) => [l.usec, l.text])).toEqual([
      [3000001, 'mlx5_core 0000:3b:00.0: firmware version: 16.35.2000'],
      [100000002, 'mlx5_core 0000:3b:00.0 ens1f0: Link up'],
      [101000003, 'mlx5_core 0000:3b:00.0 ens1f0: Link down'],
    ]);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [4, "another command's output (2 lines below its command line), not the kernel log's"],
      [7, "another command's output (1 line below its command line), not the kernel log's"],
      [11, "another command's output (1 line below its command line), not the kernel log's"],
    ]);
  });

  it('reads a command typed bare in the paste (no prompt) as another command\'s, its output no rest of the log line above it', () => {
    const issues: LineIssue[] = [];
    const got = parseKernelLog([
      'dmesg | grep nvme',
      '[    1.000000] nvme nvme0: pci function 0000:01:00.0',
      '[    2.000000] nvme nvme0: I/O 5 QID 0 timeout, reset controller',
      'lspci -vvv -s 01:00.0',
      '01:00.0 Non-Volatile memory controller: Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983',
      '\tSubsystem: Samsung Electronics Co Ltd SSD 970 EVO Plus',
      '',
      'smartctl -a /dev/nvme0',
      'smartctl 7.2 2020-12-30 r5155 [x86_64-linux-5.15.0] (local build)',
      'Model Number:                       Samsung SSD 970 EVO Plus 1TB',
      '[    3.000000] nvme nvme0: 8/0/0 default/read/poll queues',
    ].join('\n'), issues);
    expect(got.map((l) => [l.usec, l.text])).toEqual([
      [1000000, 'nvme nvme0: pci function 0000:01:00.0'],
      [2000000, 'nvme nvme0: I/O 5 QID 0 timeout, reset controller'],
      [3000000, 'nvme nvme0: 8/0/0 default/read/poll queues'],
    ]);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [4, "another command's output (2 lines below its command line), not the kernel log's"],
      [8, "another command's output (2 lines below its command line), not the kernel log's"],
    ]);
  });

  it('refuses input that is no kernel log, and never throws anything else', () => {
    expect(() => parseKernelLog('hello world\n')).toThrow(ParseError);
    expectOnlyParseErrors(fc.uint8Array({ maxLength: 2048 }), [(bytes) => parseKernelLog(Buffer.from(bytes))], 300);
  });
});
