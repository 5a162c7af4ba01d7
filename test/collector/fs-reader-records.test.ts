import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../collector/fs-reader.js';

const kmsgReadable = existsSync('/dev/kmsg') && process.getuid?.() === 0;

describe('readBounded with records', () => {
  it.runIf(kmsgReadable)('reads /dev/kmsg to the end without blocking, one whole record per line', () => {
    const r = readBounded('/dev/kmsg', 4 * 1024 * 1024, true, true);
    expect(r.data.length).toBeGreaterThan(0);
    const lines = r.data.toString('utf8').split('\n').filter((l) => /^\d+,\d+,\d+,/.test(l));
    expect(lines.length).toBeGreaterThan(0);
  });

  it.runIf(kmsgReadable)('keeps the last whole records within the cap and says it truncated', () => {
    const full = readBounded('/dev/kmsg', 64 * 1024 * 1024, true, true).data.toString('utf8');
    const r = readBounded('/dev/kmsg', 300, true, true);
    expect(r.truncated).toBe(true);
    expect(r.data.length).toBeLessThanOrEqual(300);
    const text = r.data.toString('utf8');
    expect(text === '' || /^\d+,\d+,\d+,/.test(text)).toBe(true);
    if (text) expect(full).toContain(text.split('\n')[0]);
  });

  it('reads a regular file as before when records is asked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsnap-rec-'));
    writeFileSync(join(dir, 'kmsg'), 'a\nb\nc\n');
    expect(readBounded(join(dir, 'kmsg'), 4, true, true)).toEqual({ data: Buffer.from('b\nc\n'), truncated: true });
  });

  it('still refuses a character device when records is not asked for', () => {
    expect(() => readBounded('/dev/null', 10)).toThrow(/not a regular file/);
  });
});
