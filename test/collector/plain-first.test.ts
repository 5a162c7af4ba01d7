import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleWriter } from '../../bundle/writer.js';
import type { HostReader } from '../../collector/host/reader.js';
import { isPlainRead, PlainReader } from '../../collector/run/plain-reads.js';
import { KoffiTransport } from '../../collector/ioctl/koffi-transport.js';
import type { WorkerMessage } from '../../collector/run/messages.js';
import { runSources } from '../../collector/run/runner.js';
import { tempDir } from '../helpers/tmp.js';

/** A reader that answers every request and notes which reached it. */
function innerReader(): { reader: HostReader; reached: string[] } {
  const reached: string[] = [];
  const reader: HostReader = {
    captured: false,
    list: (p) => (reached.push(`list ${p}`), []),
    stat: (p) => (reached.push(`stat ${p}`), { type: 'file', mode: 0o444 }),
    readFile: (p) => (reached.push(`read ${p}`), { data: Buffer.from('x'), truncated: false }),
    readLink: (p) => (reached.push(`link ${p}`), '../x'),
    hasCommand: () => true,
    savedOutputs: () => [],
    run: (argv) => (reached.push(`run ${argv.join(' ')}`), { ran: false }),
    ioctl: () => (reached.push('ioctl'), undefined),
    close: () => undefined,
  };
  return { reader, reached };
}

describe('plain reads (the collector runs a source itself only if it reaches no device)', () => {
  it('kernel-held files, listings, stats and links pass; config space, a driver attribute, a command or an ioctl is refused and remembered', () => {
    for (const p of ['/proc/cpuinfo', '/dev/kmsg', '/sys/bus/pci/devices/0000:00:00.0/vendor', '/sys/block/sda/queue/rotational', '/sys/module/mlx5_core/parameters/prof_sel'])
      expect(isPlainRead(p), p).toBe(true);
    for (const p of ['/sys/bus/pci/devices/0000:00:00.0/config', '/sys/bus/pci/devices/0000:00:00.0/vpd', '/sys/block/sda/device/vpd_pg83', '/sys/class/net/eth0/speed', '/proc/bus/pci/00/00.0', '/sys/class/mei/mei0/fw_status'])
      expect(isPlainRead(p), p).toBe(false);
    const { reader, reached } = innerReader();
    const plain = new PlainReader(reader);
    plain.list('/sys/class/net');
    plain.stat('/sys/class/nvme');
    plain.readLink('/sys/class/net/eth0/device');
    plain.readFile('/proc/cpuinfo', { maxBytes: 16 });
    expect(plain.needsWorker).toBeUndefined();
    expect(() => plain.readFile('/sys/bus/pci/devices/0000:00:00.0/config', { maxBytes: 4096 })).toThrow(expect.objectContaining({ code: 'ENOTPLAIN' }));
    expect(() => plain.run(['devlink', '-j', 'dev', 'show'], { timeoutMs: 1000, maxBytes: 1024 })).toThrow(/not a plain read/);
    expect(plain.needsWorker).toBe('/sys/bus/pci/devices/0000:00:00.0/config');
    expect(reached).toEqual(['list /sys/class/net', 'stat /sys/class/nvme', 'link /sys/class/net/eth0/device', 'read /proc/cpuinfo']);
    // What the source collects now is thrown away: the rest of it runs through without touching the host.
    expect(() => plain.list('/sys/class/net')).toThrow(expect.objectContaining({ code: 'ENOTPLAIN' }));
    expect(() => plain.stat('/sys/class/nvme')).toThrow(expect.objectContaining({ code: 'ENOTPLAIN' }));
    expect(() => plain.readLink('/sys/class/net/eth0/device')).toThrow(expect.objectContaining({ code: 'ENOTPLAIN' }));
    expect(() => plain.readFile('/proc/cpuinfo', { maxBytes: 16 })).toThrow(expect.objectContaining({ code: 'ENOTPLAIN' }));
    expect(reached).toHaveLength(4);
    expect(plain.needsWorker).toBe('/sys/bus/pci/devices/0000:00:00.0/config');
  });

  describe('on this host', () => {
    beforeAll(() => {
      if (!existsSync(new URL('../../dist/collector/run/worker-main.cjs', import.meta.url))) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
    });

    it('a source of plain reads (cpu) runs in the collector, one that needs more (nic: driver attributes, ioctls) in a worker, and both are stored alike', async () => {
      const run = async (isolation: 'process' | 'inline') => {
        const writer = new BundleWriter(join(tempDir(), 'b.tar.gz'), { overwrite: true });
        const names: string[] = [];
        const onEvent = (_source: string, m: WorkerMessage): void => void (m.type === 'artifact' && names.push(m.name));
        try {
          const r = await runSources([{ name: 'pci' }, { name: 'nic' }, { name: 'cpu' }], writer, { root: '/', includeEeprom: false, timeoutMs: 30_000, isolation, onEvent, transport: () => new KoffiTransport() });
          return { ranInCollector: r.ranInCollector, statuses: r.sources.map((s) => `${s.name} ${s.status}`), devices: r.sources.map((s) => s.devices), names: names.sort() };
        } finally {
          await writer.abort();
        }
      };
      const split = await run('process');
      expect(split.ranInCollector).toEqual(['cpu']);
      // The same sources run whole in one process, with no plain-first pass: the same records and artifacts.
      const whole = await run('inline');
      expect(whole.ranInCollector).toEqual([]);
      expect(split.statuses).toEqual(whole.statuses);
      expect(split.devices).toEqual(whole.devices);
      expect(split.names).toEqual(whole.names);
      expect(split.names).toContain('proc/cpuinfo');
    }, 120_000);
  });
});
