import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { KERNEL_LOG_MAX } from '../../collector/classes/kernel-log/source.js';
import { openBundle } from '../collector/bundle-entries.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

const scratch = mkdtempSync(join(tmpdir(), 'fwsnap-kmsg-edges-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


describe('the kernel-log source on altered copies of the shared fake host', () => {
  it('keeps the tail of an oversized kernel log and marks it truncated', async () => {
    const root = await fakehostCopy();
    const record = (seq: number): string => `6,${seq},${seq * 1000},-;${'x'.repeat(200)} record ${seq}\n`;
    const lines: string[] = [];
    for (let seq = 0; lines.length * 220 < KERNEL_LOG_MAX + 1024 * 1024; seq++) lines.push(record(seq));
    writeFileSync(join(root, 'dev/kmsg'), lines.join(''));
    const r = await collect({ output: join(scratch, 'kmsg.tar.gz'), root, only: ['kernel-log'], isolation: 'inline' });
    const b = await openBundle(r.path);
    const rec = r.manifest.artifacts.find((a) => a.name === 'dev/kmsg')!;
    expect(rec.truncated).toBe(true);
    expect(rec.size).toBe(KERNEL_LOG_MAX);
    expect(b.text('dev/kmsg').endsWith(lines[lines.length - 1]!)).toBe(true);
  });

  it('falls back to dmesg output when there is no /dev/kmsg', async () => {
    const root = await fakehostCopy();
    rmSync(join(root, 'dev/kmsg'));
    mkdirSync(join(root, 'cmd/dmesg'), { recursive: true });
    writeFileSync(join(root, 'cmd/dmesg/--raw.out'), '<6>[    0.000000] Linux version 5.14.0\n');
    const r = await collect({ output: join(scratch, 'dmesg.tar.gz'), root, only: ['kernel-log'], isolation: 'inline' });
    const b = await openBundle(r.path);
    expect(b.entries.has('dev/kmsg')).toBe(false);
    expect(b.text('cmd/dmesg/--raw.out')).toContain('Linux version');
    expect(r.manifest.artifacts.find((a) => a.name === 'cmd/dmesg/--raw.out')?.origin).toEqual({ kind: 'cmd', argv: ['dmesg', '--raw'], stream: 'stdout' });
  });
});
