import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { journalKernelRecords } from '../../analyzer/classes/core/journal.js';
import { parseKernelLog, type KernelLogLine } from '../../analyzer/classes/core/kmsg.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import type { LineIssue } from '../../analyzer/parsers/text-input.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * The kernel log in the forms real hosts, reports and tickets hold it, each read from a public sample
 * (test/kernel-log/fixtures/real, where it was published and what a person reads off it in its .provenance.yaml).
 */
const REAL = new URL('./fixtures/real/', import.meta.url);
const text = (name: string): string => readFileSync(new URL(`${name}.txt`, REAL), 'utf8');
const truth = (name: string): Record<string, unknown> => (parse(readFileSync(new URL(`${name}.provenance.yaml`, REAL), 'utf8')) as { truth: Record<string, unknown> }).truth;
function read(name: string, input = text(name)): { lines: KernelLogLine[]; issues: LineIssue[] } {
  const issues: LineIssue[] = [];
  return { lines: parseKernelLog(input, issues), issues };
}

describe('kernel log forms from real samples', () => {
  it('Intel CI `<3> [sec.usec]` (a space after the level), quoted in a mail, wrapped at 80 columns, with elisions: level, time and device per line', () => {
    const name = 'dmesg-raw-space-intel-ci-quoted-wrapped';
    const t = truth(name) as { records: number; unknown_lines: number[]; wrapped_lines: number[]; first: object; third: object; fourth_text: string; fifth_text: string };
    const { lines, issues } = read(name);
    expect(lines).toHaveLength(t.records);
    expect(lines[0]).toEqual({ seq: null, ...t.first });
    expect(lines[2]).toEqual({ seq: null, ...t.third });
    expect(lines[3]!.text).toBe(t.fourth_text);
    expect(lines[4]!.text).toBe(t.fifth_text);
    expect(lines.slice(1).every((l) => l.level === 4)).toBe(true);
    // The prose line before the log is an issue with its line number; each wrapped piece is one too.
    expect(issues.filter((i) => /not a kernel log line/.test(i.message)).map((i) => i.line)).toEqual(t.unknown_lines);
    expect(issues.filter((i) => /wrapped/.test(i.message)).map((i) => i.line)).toEqual(t.wrapped_lines);
  });

  it('`dmesg -x` wrapped at the words by a mail client behind two quote levels', () => {
    const name = 'dmesg-x-wrapped-e1000e-quoted';
    const t = truth(name) as { records: number; levels: number[]; usec: number[]; devices: (string | null)[]; texts: string[] };
    const { lines } = read(name);
    expect(lines).toHaveLength(t.records);
    expect(lines.map((l) => l.level)).toEqual(t.levels);
    expect(lines.map((l) => l.usec)).toEqual(t.usec);
    expect(lines.map((l) => l.device)).toEqual(t.devices);
    expect(lines.map((l) => l.text)).toEqual(t.texts);
  });

  it('`dmesg -x -T`: decoded level, wall-clock stamps give no time since boot', () => {
    const name = 'dmesg-x-T-skl-guc-debug';
    const t = truth(name) as { records: number; first_text: string };
    const { lines, issues } = read(name);
    expect(lines).toHaveLength(t.records);
    expect(lines.every((l) => l.level === 7 && l.usec === null && l.device === null)).toBe(true);
    expect(lines[0]!.text).toBe(t.first_text);
    expect(issues).toEqual([]);
  });

  it('`dmesg -r`: `<N>[sec.usec]` with the facility-free level', () => {
    const name = 'dmesg-r-dg2-backports';
    const t = truth(name) as { records: number; first: object; thirteenth: object; sixteenth: object };
    const { lines } = read(name);
    expect(lines).toHaveLength(t.records);
    expect(lines[0]).toMatchObject(t.first);
    expect(lines[12]).toMatchObject(t.thirteenth);
    expect(lines[15]).toMatchObject(t.sixteenth);
  });

  it('journalctl short lines with and without a host name, one with its first letter lost in the paste', () => {
    const name = 'journal-short-ehl-sriov';
    const t = truth(name) as { records: number; first: object; second_device: null; sixth_text: string };
    for (const lines of [read(name).lines, [...journalKernelRecords(text(name).split('\n'))]]) {
      expect(lines).toHaveLength(t.records);
      expect(lines[0]).toMatchObject({ level: null, usec: null, ...t.first });
      expect(lines[1]!.device).toBe(t.second_device);
      expect(lines[5]!.text).toBe(t.sixth_text);
    }
  });

  it('journalctl short lines across a boot marker, with another program\'s line left out and a message that starts with a space kept', () => {
    const name = 'journal-short-boot-marker-nvme';
    const t = truth(name) as { records: number; fourth_text: string; device_rows: { text: string; device: string }[] };
    const { lines, issues } = read(name);
    expect(lines).toHaveLength(t.records);
    expect(lines[3]!.text).toBe(t.fourth_text);
    expect(lines.filter((l) => l.device !== null).map(({ text: tx, device }) => ({ text: tx, device }))).toEqual(t.device_rows);
    expect(lines.some((l) => l.text.includes('clusters'))).toBe(false);
    expect(issues).toEqual([]);
  });

  it('`journalctl -o json`: the priority and the kernel\'s own time since boot', () => {
    const name = 'journal-json-nvme-medium-error';
    const t = truth(name) as { level: number; text: string };
    expect(read(name).lines).toEqual([{ level: t.level, seq: null, usec: 1_805_611_354, text: t.text, device: null }]);
  });

  it('/var/log/kern.log (RFC 3164 with the kernel\'s own stamp) pasted into a mail: the wrapped first line joined, the cut marked by `...` left out', () => {
    const name = 'kern-log-rfc3164-ivtv-wrapped';
    const t = truth(name) as { records: number; first_text: string; first_usec: number; died: object; last: object };
    const { lines, issues } = read(name);
    expect(lines).toHaveLength(t.records);
    expect(lines[0]).toMatchObject({ level: null, usec: t.first_usec, text: t.first_text });
    expect(lines.find((l) => l.text.includes('has died'))).toMatchObject(t.died);
    expect(lines.at(-1)).toMatchObject(t.last);
    expect(lines.every((l) => l.level === null && l.device === null)).toBe(true);
    expect(issues.map((i) => i.line)).toEqual([3]);
  });

  it('dmesg with printk caller ids (`[sec.usec][  T123]`, `[    C3]`): the id is not part of the message', () => {
    const name = 'dmesg-caller-id-quoted';
    const t = truth(name) as { records: number; third: object; fifth: object; eleventh_usec: number };
    const { lines, issues } = read(name);
    expect(lines).toHaveLength(t.records);
    expect(lines[2]).toMatchObject(t.third);
    expect(lines[4]).toMatchObject(t.fifth);
    expect(lines[10]!.usec).toBe(t.eleventh_usec);
    expect(lines.every((l) => l.level === null && l.device === null && !/^\[\s*[TC]\d+\]/.test(l.text))).toBe(true);
    expect(issues).toEqual([]);
  });

  it('the same real lines saved on Windows (CRLF) or with dmesg --color=always escapes read the same', () => {
    const name = 'dmesg-r-dg2-backports';
    const plain = read(name).lines;
    // util-linux dmesg colours the time green, the subsystem prefix yellow and an error message bold red.
    const coloured = text(name).split('\n').map((l) => l
      .replace(/^(<\d>)(\[[^\]]*\])/, '$1\x1b[32m$2\x1b[0m')
      .replace(/\] ([^ :]+ [0-9a-f:.]+: )/, '] \x1b[33m$1\x1b[0m')
      .replace(/Unknown capability 0$/, '\x1b[1;31mUnknown capability 0\x1b[0m')).join('\r\n');
    expect(coloured).toContain('\x1b[');
    expect(read(name, coloured).lines).toEqual(plain);
  });
});

describe('a kernel log excerpt in a mail, its trace elided', () => {
  it('plain dmesg lines around a `....` line: every stamped line a record, the elision no issue', () => {
    const name = 'dmesg-mlx5-vf-warn-elided-kvm-list';
    const t = truth(name) as { records: number; usec_first: number; devices: (string | null)[]; last_text: string };
    const { lines, issues } = read(name);
    expect(issues).toEqual([]);
    expect(lines).toHaveLength(t.records);
    expect(lines[0]!.usec).toBe(t.usec_first);
    expect(lines.map((l) => l.device)).toEqual(t.devices);
    expect(lines.at(-1)!.text).toBe(t.last_text);
  });
});

describe('a kernel log pasted with other commands typed after it', () => {
  it('`dmesg | grep ionic` then two `ls -l` of sysfs links at the same prompt, in one fence: the log lines whole, each other command one issue', () => {
    const name = 'dmesg-grep-ionic-then-ls-sys-class-net-fenced';
    const t = truth(name) as { records: number; usec_first: number; usec_last: number; devices: (string | null)[]; last_text: string; firmware_lines: number; other_commands: [number, number][] };
    const { lines, issues } = read(name);
    expect(lines).toHaveLength(t.records);
    expect([lines[0]!.usec, lines.at(-1)!.usec]).toEqual([t.usec_first, t.usec_last]);
    expect(lines.map((l) => l.device)).toEqual(t.devices);
    expect(lines.at(-1)!.text).toBe(t.last_text);
    expect(lines.filter((l) => / FW: /.test(l.text))).toHaveLength(t.firmware_lines);
    expect(issues.map((i) => [i.line, Number(/\((\d+) lines? below/.exec(i.message)?.[1])])).toEqual(t.other_commands);
  });
});

describe('kernel log forms dmesg, journald and syslog daemons print (shapes from their documentation, messages from the samples above)', () => {
  const msg = 'e1000e 0000:00:19.0 eth0: Hardware Error';
  const one = (line: string): KernelLogLine => {
    const lines = parseKernelLog(`${line}\n`);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('syslog files: RFC 3164 kern.log with the kernel\'s own stamp, rsyslog\'s ISO 8601 format, RFC 5424, a forwarded <PRI>', () => {
    expect(one(`Jul  2 13:12:28 nuc kernel: [  242.269348] ${msg}`)).toEqual({ level: null, seq: null, usec: 242_269_348, text: msg, device: '0000:00:19.0' });
    expect(one(`2020-07-02T13:12:28.123456+00:00 nuc kernel: [  242.269348] ${msg}`)).toMatchObject({ usec: 242_269_348, text: msg, device: '0000:00:19.0' });
    expect(one(`2020-07-02T13:12:28.123456+00:00 nuc kernel: ${msg}`)).toMatchObject({ usec: null, text: msg });
    expect(one(`<3>1 2020-07-02T13:12:28.123456Z nuc kernel - - - ${msg}`)).toMatchObject({ level: 3, text: msg, device: '0000:00:19.0' });
    expect(one(`<3>Jul  2 13:12:28 nuc kernel: ${msg}`)).toMatchObject({ level: 3, text: msg });
    expect(parseKernelLog(`Jul  2 13:12:28 nuc NetworkManager[812]: <info> device (eth0): state change\nJul  2 13:12:28 nuc kernel: ${msg}\n`)).toHaveLength(1);
  });

  it('dmesg -d, -e, --time-format iso, a printk caller id, and `dmesg -r -t` (a level and no time)', () => {
    expect(one(`[  242.269348 <    0.373226>] ${msg}`)).toMatchObject({ usec: 242_269_348, text: msg });
    expect(one(`[Jul 2 13:12] ${msg}`)).toMatchObject({ usec: null, text: msg });
    expect(one(`[  +0.373226] ${msg}`)).toMatchObject({ usec: null, text: msg });
    expect(one(`2020-07-02T13:12:28,123456+00:00 ${msg}`)).toMatchObject({ usec: null, text: msg, device: '0000:00:19.0' });
    expect(one(`[  242.269348] [   T4552] ${msg}`)).toMatchObject({ usec: 242_269_348, text: msg, device: '0000:00:19.0' });
    expect(one(`kern  :err   : [  242.269348] [    C1] ${msg}`)).toMatchObject({ level: 3, text: msg });
    expect(one(`<3>${msg}`)).toMatchObject({ level: 3, usec: null, text: msg });
  });

  it('a dmesg line whose message looks like a journal line stays dmesg\'s; a short-monotonic journal line with a host is the journal\'s', () => {
    expect(one('[    5.100000] usb 1-1: new high-speed USB device number 2 using xhci_hcd')).toMatchObject({ usec: 5_100_000, text: 'usb 1-1: new high-speed USB device number 2 using xhci_hcd' });
    expect(one('[    5.100000] systemd[1]: Detected virtualization kvm.')).toMatchObject({ text: 'systemd[1]: Detected virtualization kvm.' });
    expect(parseKernelLog('[    1.241863] archlinux systemd[1]: Reached target System Initialization.\n[    1.343565] archlinux kernel: ata_piix 0000:00:01.1: version 2.13\n'))
      .toEqual([{ level: null, seq: null, usec: 1_343_565, text: 'ata_piix 0000:00:01.1: version 2.13', device: '0000:00:01.1' }]);
  });

  it('a journal entry of -o json names its PCI function in _KERNEL_DEVICE; other programs\' entries are left out', () => {
    const entry = { _TRANSPORT: 'kernel', PRIORITY: '3', _SOURCE_MONOTONIC_TIMESTAMP: '242269348', _KERNEL_DEVICE: '+pci:0000:00:19.0', MESSAGE: 'Hardware Error' };
    const other = { _TRANSPORT: 'stdout', PRIORITY: '6', MESSAGE: 'started', SYSLOG_IDENTIFIER: 'wicked' };
    expect(parseKernelLog(`${JSON.stringify(other)}\n${JSON.stringify(entry)}\n`)).toEqual([{ level: 3, seq: null, usec: 242_269_348, text: 'Hardware Error', device: '0000:00:19.0' }]);
  });

  it('lines before the log and between its records are issues with their numbers, never fatal; a text with no log line at all is refused', () => {
    const issues: LineIssue[] = [];
    const lines = parseKernelLog(`Here is my dmesg:\n$ dmesg | grep e1000e\n\`\`\`\n[  242.269348] ${msg}\n\`\`\`\n`, issues);
    expect(lines).toEqual([{ level: null, seq: null, usec: 242_269_348, text: msg, device: '0000:00:19.0' }]);
    expect(issues).toEqual([{ line: 1, text: 'Here is my dmesg:', message: 'not a kernel log line' }]);
    expect(() => parseKernelLog('Here is my dmesg:\nnothing came out\n')).toThrow(/dmesg/);
  });
});

describe('the loader keeps what a pasted kernel log says', () => {
  it('a pasted Intel CI log as a report\'s dmesg: rows with level, time and device, and its unknown line as an issue naming line 1', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'pasted.tar.gz');
    await writeBundle(bundle, [{ name: 'cmd/dmesg/_.out', data: text('dmesg-raw-space-intel-ci-quoted-wrapped') }]);
    const db = openDatabase(':memory:');
    try {
      await loadBundle(db, bundle);
      const rows = db.prepare(`SELECT level, usec, device_key FROM kernel_log ORDER BY rowid`).all();
      expect(rows).toHaveLength(13);
      expect(rows[0]).toEqual({ level: 3, usec: 525_823_143, device_key: '0000:00:02.0' });
      const issues = db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE' ORDER BY rowid`).all() as { message: string }[];
      expect(issues.map((i) => i.message)).toEqual([
        'kmsg: line 1 "warnings that taint the kernel are triggered:": not a kernel log line',
        'kmsg: line 4 "userspace access!": read as the rest of the line before it (wrapped)',
        'kmsg: line 8 "f)": read as the rest of the line before it (wrapped)',
        'kmsg: line 10 "_display_power.c:2074 intel_power_domains_disable+0xc2/0xd0 [i915]": read as the rest of the line before it (wrapped)',
      ]);
    } finally {
      db.close();
    }
  });
});
