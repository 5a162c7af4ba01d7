import { describe, expect, it } from 'vitest';
import { unwrapRunnerLog } from '../../../analyzer/parsers/runner-log.js';

describe('an output quoted from a log keeps only its own lines, at their line numbers', () => {
  it('a test runner log: what follows [stdout], the command run above it typed, the runner\'s other lines blank', () => {
    const log = ["02:59:03 INFO | Running './nvme fw-log /dev/nvme0'", '02:59:03 DEBUG| [stdout] afi  : 0x1', '02:59:03 DEBUG| [stdout] frs1 : 0x31 (1)', "02:59:03 INFO | Command './nvme fw-log /dev/nvme0' finished with 0 after 0.002s"].join('\n');
    expect(unwrapRunnerLog(log)).toBe(['$ ./nvme fw-log /dev/nvme0', 'afi  : 0x1', 'frs1 : 0x31 (1)', ''].join('\n'));
  });

  it.each([
    ['year first, level word, microseconds', '2026 Jul  7 20:25:49.346772 ctn101 NOTICE root: '],
    ['classic syslog', 'Jul  7 20:25:49 ctn101 root: '],
    ['ISO time with offset and a pid', '2026-07-07T20:25:49.346772+02:00 ctn101 smart-log[812]: '],
  ])('syslog lines (%s): the messages of the program most lines are from, other programs blank', (_, prefix) => {
    const other = prefix.replace(/root|smart-log\[812\]/, 'systemd[1]').replace('NOTICE', 'INFO');
    const log = [
      'NVME:',
      `${other}Starting fstrim.service - Discard unused blocks...`,
      `${prefix}=== START OF INFORMATION SECTION ===`,
      prefix.trimEnd(),
      `${prefix}Model Number:                       ATP AF480GSTJA-AW2`,
    ].join('\n');
    expect(unwrapRunnerLog(log)).toBe(['', '', '=== START OF INFORMATION SECTION ===', '', 'Model Number:                       ATP AF480GSTJA-AW2'].join('\n'));
  });

  it('a one-line (compact) JSON output after a time is a timed output, not a syslog line whose host and tag are JSON', () => {
    const doc = '{"json_format_version":[1,0],"model_name":"SAMSUNG MZ7LH480","firmware_version":"HXT7404Q","smart_status":{"passed":true}}';
    for (const time of ['2026-12-01T10:00:05.1234567Z', 'Dec 01 10:00:05', '[2026-12-01 10:00:05]']) expect(unwrapRunnerLog(`${time} ${doc}\n`), time).toBe(`${doc}\n`);
  });

  it('a short output timed by ts whose lines look like a host and a tag (FW Version:) is a timed output, not syslog', () => {
    const log = ['Dec 01 10:10:05 FW Version:          10.16.1200', 'Dec 01 10:10:05 FW Version(Running): 10.10.5054'].join('\n');
    expect(unwrapRunnerLog(log)).toBe(['FW Version:          10.16.1200', 'FW Version(Running): 10.10.5054'].join('\n'));
  });

  it('leaves an output alone when log lines are only a small part of it', () => {
    const text = ['Model Number:    X', 'Serial Number:   Y', 'Firmware Version: Z', 'Local Time is:   Tue Jul  7 20:25:49 2026', 'Jul  7 20:25:49 host root: a stray line'].join('\n');
    expect(unwrapRunnerLog(text)).toBe(text);
  });
});

describe('a syslog-quoted output pasted again', () => {
  it('indented as a whole and coloured, reads the same', () => {
    const log = ['    \x1b[1;32mJul\x1b[0m  7 20:25:49 ctn101 root: Model Number:   X', '    \x1b[1;32mJul\x1b[0m  7 20:25:49 ctn101 root:   indented part'].join('\n');
    expect(unwrapRunnerLog(log)).toBe(['Model Number:   X', '  indented part'].join('\n'));
  });

  it("a program's own log quoting another's output (nwipe's `[2021/11/01 10:37:46]   debug: smartctl: `): the quoted program's lines", () => {
    const log = [
      '[2021/11/01 10:37:46]  notice: Found /dev/sdb, SAS',
      '[2021/11/01 10:37:46]   debug: smartctl: === START OF INFORMATION SECTION === ',
      '[2021/11/01 10:37:46]   debug: smartctl: Vendor:               HP ',
      '[2021/11/01 10:37:46]   debug: smartctl: Revision:             HPD7 ',
    ].join('\n');
    expect(unwrapRunnerLog(log)).toBe(['', '=== START OF INFORMATION SECTION === ', 'Vendor:               HP ', 'Revision:             HPD7 '].join('\n'));
  });
});

describe("a parallel shell's `<host>: ` prefix", () => {
  const fields = ['driver: mlx5_core', 'version: 5.14.0', 'firmware-version: 24.41.1000 (MT_0000000375)', 'bus-info: 0000:01:00.0'];

  it("comes off the first host's lines; another host's stay as they are", () => {
    const log = ['$ pdsh -w n[1-2] ethtool -i ib0', ...fields.map((l) => `n1: ${l}`), ...fields.map((l) => `n2: ${l}`)].join('\n');
    expect(unwrapRunnerLog(log)).toBe(['$ pdsh -w n[1-2] ethtool -i ib0', ...fields, ...fields.map((l) => `n2: ${l}`)].join('\n'));
  });

  it('is no prefix when the lines under one name are sentences or one field over and over', () => {
    const kernel = ['ata1: SATA max UDMA/133 abar m2048@0xf7e1a000 port 0xf7e1a100 irq 29', 'ata1: SATA link up 6.0 Gbps (SStatus 133 SControl 300)', 'ata1: EH complete', 'ata1: limiting SATA link speed to 3.0 Gbps'].join('\n');
    expect(unwrapRunnerLog(kernel)).toBe(kernel);
    const scsi = ['Attached devices:', ...[0, 1, 2].flatMap((n) => [`Host: scsi${n} Channel: 00 Id: 00 Lun: 00`, '  Vendor: ATA      Model: ST31000524AS     Rev: JC45', '  Type:   Direct-Access                    ANSI  SCSI revision: 05'])].join('\n');
    expect(unwrapRunnerLog(scsi)).toBe(scsi);
  });
});
