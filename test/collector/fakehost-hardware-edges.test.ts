import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { KERNEL_LOG_MAX } from '../../collector/classes/kernel-log/source.js';
import { openBundle } from './bundle-entries.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKE = await fakehostRoot();
const HW = ['pci', 'ata', 'platform', 'cpu', 'kernel-log', 'rdma'];
const scratch = mkdtempSync(join(tmpdir(), 'fwsnap-hw-edges-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
const tree = (): string => {
  const dir = join(scratch, `tree${n++}`);
  cpSync(FAKE, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
};

describe('hardware sources on altered trees', () => {
  it('runs in worker processes with the same result as inline', async () => {
    const r = await collect({ output: join(scratch, 'proc.tar.gz'), root: FAKE, only: HW, isolation: 'process', timeoutSeconds: 60 });
    const b = await openBundle(r.path);
    expect(b.manifest.sources.filter((s) => HW.includes(s.name)).map((s) => [s.name, s.status])).toEqual(HW.map((s) => [s, 'ok']));
    expect(b.manifest.sources.find((s) => s.name === 'pci')!.devices.pci).toBe(9);
    expect(b.entries.get('sys/bus/pci/devices/0000:af:00.0/config')!.equals(readFileSync(join(FAKE, 'sys/bus/pci/devices/0000:af:00.0/config')))).toBe(true);
    expect(b.text('sys/class/ata_device/dev1.0/id').split('\n').filter(Boolean)).toHaveLength(32);
  });

  it('keeps the tail of an oversized kernel log and marks it truncated', async () => {
    const root = tree();
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
    const root = tree();
    rmSync(join(root, 'dev/kmsg'));
    mkdirSync(join(root, 'cmd/dmesg'), { recursive: true });
    writeFileSync(join(root, 'cmd/dmesg/--raw.out'), '<6>[    0.000000] Linux version 5.14.0\n');
    const r = await collect({ output: join(scratch, 'dmesg.tar.gz'), root, only: ['kernel-log'], isolation: 'inline' });
    const b = await openBundle(r.path);
    expect(b.entries.has('dev/kmsg')).toBe(false);
    expect(b.text('cmd/dmesg/--raw.out')).toContain('Linux version');
    expect(r.manifest.artifacts.find((a) => a.name === 'cmd/dmesg/--raw.out')?.origin).toEqual({ kind: 'cmd', argv: ['dmesg', '--raw'], stream: 'stdout' });
  });

  it('skips each source with its reason when its class directories are missing', async () => {
    const root = join(scratch, 'bare');
    mkdirSync(join(root, 'proc/sys/kernel'), { recursive: true });
    writeFileSync(join(root, 'proc/sys/kernel/osrelease'), '6.1.0\n');
    const r = await collect({ output: join(scratch, 'bare.tar.gz'), root, only: HW, isolation: 'inline' });
    const byName = Object.fromEntries(r.manifest.sources.map((s) => [s.name, s]));
    expect(byName.pci).toMatchObject({ status: 'skipped', reason: 'no PCI bus on this host' });
    // ata has two parts (block devices, saved smartctl outputs): skipped only when both are, with both reasons.
    expect(byName.ata).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^block: no block devices on this host; smartctl: no smartctl outputs/) });
    expect(byName.rdma).toMatchObject({ status: 'skipped', reason: 'no /sys/class/infiniband on this host' });
    expect(byName.platform).toMatchObject({ status: 'ok', devices: {} });
    expect(r.manifest.artifacts.map((a) => a.name)).toEqual(['proc/sys/kernel/osrelease']);
  });

  it('collects the rest of a host that lost whole directories (no RDMA, no ATA classes, no DMI)', async () => {
    const root = tree();
    for (const d of ['sys/class/infiniband', 'sys/class/ata_device', 'sys/class/ata_link', 'sys/class/ata_port', 'sys/class/dmi']) rmSync(join(root, d), { recursive: true });
    const r = await collect({ output: join(scratch, 'partial.tar.gz'), root, only: HW, isolation: 'inline' });
    const byName = Object.fromEntries(r.manifest.sources.map((s) => [s.name, s]));
    expect(byName.rdma).toMatchObject({ status: 'skipped' });
    expect(byName.ata).toMatchObject({ status: 'ok', devices: { block: 2 } });
    expect(byName.platform).toMatchObject({ status: 'ok' });
    expect(byName.cpu).toMatchObject({ status: 'ok', devices: { cpu: 4 } });
    expect(r.manifest.issues).toEqual([]);
  });
});
