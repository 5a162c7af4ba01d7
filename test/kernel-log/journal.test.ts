import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { journalKernelRecords } from '../../analyzer/classes/core/journal.js';

const REAL = new URL('./fixtures/real/', import.meta.url);
const NAME = 'journal-k-monotonic-adl-guc-load-failed';
const text = readFileSync(new URL(`${NAME}.txt`, REAL), 'utf8');
const truth = (parse(readFileSync(new URL(`${NAME}.provenance.yaml`, REAL), 'utf8')) as { truth: { lines: number; first: Record<string, unknown>; last: { usec: number; text: string } } }).truth;
const records = (t: string) => [...journalKernelRecords(t.split('\n'))];

describe('the kernel\'s lines of journalctl text (kernel-log class, for imported reports)', () => {
  it('a real short-monotonic --no-hostname output: every line, its time since boot and the PCI function it names', () => {
    const r = records(text);
    expect(r).toHaveLength(truth.lines);
    expect(r[0]).toEqual({ level: null, seq: null, ...truth.first });
    expect(r.at(-1)).toMatchObject(truth.last);
  });

  it('the other short formats, with a hostname, in another locale; other programs\' lines, markers and catalog text are not kernel lines', () => {
    const bodies = text.split('\n').filter(Boolean).map((l) => l.replace(/^\[\s*[\d.]+\] kernel: /, ''));
    const framed = [
      '-- Logs begin at Wed 2023-08-16 09:00:00 UTC, end at Wed 2023-08-16 10:01:00 UTC. --',
      `Aug 16 10:00:01 adl kernel: ${bodies[0]}`,
      `Aug 16 10:00:01.123456 adl kernel: ${bodies[1]}`,
      'Aug 16 10:00:02 adl systemd[1]: Started Journal Service.',
      '-- Subject: A start job for unit systemd-journald.service has finished successfully',
      `2023-08-16T10:00:03+0000 adl kernel: ${bodies[2]}`,
      `2023-08-16T10:00:03.654321+00:00 adl kernel: ${bodies[3]}`,
      `Wed 2023-08-16 10:00:04 UTC adl kernel: ${bodies[4]}`,
      `ago 16 10:00:05 adl kernel: ${bodies[5]}`,
      '-- Boot 0123456789abcdef0123456789abcdef --',
      `[   61.509097] adl kernel: ${bodies[6]}`,
    ].join('\r\n');
    const r = records(framed);
    expect(r.map((x) => x.text)).toEqual(bodies);
    expect(r.map((x) => x.usec)).toEqual([null, null, null, null, null, null, 61_509_097]);
    expect(r.every((x) => x.device === '0000:00:02.0')).toBe(true);
  });

  it('an artifact that is not journal text is refused on its first line', () => {
    expect(() => records('this is not a journal\n')).toThrow(/not journalctl text output/);
  });
});
