import { readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollectContext } from '../../collector/context.js';
import { LiveReader } from '../../collector/host/live-reader.js';
import { DRVINFO, ETHTOOL, cString, ethtoolBuffer, ethtoolCall } from '../../collector/classes/nic/ethtool-ioctl.js';
import { KoffiTransport } from '../../collector/ioctl/koffi-transport.js';
import type { WorkerMessage } from '../../collector/run/messages.js';
import { FakeKernel, KernelViolation } from '../collector/fake-kernel/fake-kernel.js';
import { FakeEthtool, ethtoolCommands } from './fake-kernel.js';
import { FAKEHOST_NICS, I40E_ENS2F0, MLX5_ENS1F0NP0, type FakeNic } from './fake-nics.js';
import { artifact, runSource } from '../collector/fake-kernel/run-source.js';
import { ethtoolInfo, liveNic } from './live-nic.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();

/** The net source on the fake host's sysfs with its ioctls answered by the fake kernel. */
async function live(kernel: FakeKernel, includeEeprom = false) {
  return runSource('net', { root: FAKEHOST, replay: false, includeEeprom, transport: () => kernel });
}

const withNic = (nic: FakeNic, patch: Partial<FakeNic>): FakeNic[] => FAKEHOST_NICS.map((n) => (n.ifname === nic.ifname ? { ...n, ...patch } : n));

describe('net source against the fake kernel', () => {
  it('sends exactly the ethtool sequence, sized from the kernel’s own answers', async () => {
    const kernel = new FakeKernel({ answerers: [new FakeEthtool(FAKEHOST_NICS)] });
    const run = await live(kernel);
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([]);
    expect(run.devices).toEqual(['net:ens1f0np0', 'net:ens1f1np1', 'net:ens2f0']);
    const E = ETHTOOL;
    expect(ethtoolCommands(kernel, 'ens2f0')).toEqual([
      E.GDRVINFO, E.GREGS, E.GSSET_INFO, E.GSTRINGS, E.GPFLAGS, E.GRINGPARAM, E.GCHANNELS, E.GCOALESCE, E.GPAUSEPARAM,
      E.GFECPARAM, E.GLINKSETTINGS, E.GLINKSETTINGS, E.GPERMADDR, E.GSSET_INFO, E.GSTRINGS, E.GFEATURES,
    ]);
    // mlx5 reports regdump_len 0: no GREGS.
    expect(ethtoolCommands(kernel, 'ens1f0np0')).not.toContain(E.GREGS);
    for (const s of kernel.seen) {
      expect(s.request).toBe(0x8946);
      expect(s.pointerOffset).toBe(16);
      expect(s.arg.length).toBe(0);
    }
    const regsCall = kernel.seen.find((s) => s.target === 'ens2f0' && s.data!.readUInt32LE(0) === E.GREGS)!;
    expect(regsCall.data!.length).toBe(12 + I40E_ENS2F0.drvinfo.regdumpLen);
    expect(regsCall.data!.readUInt32LE(8)).toBe(I40E_ENS2F0.drvinfo.regdumpLen);
    kernel.close();
  });

  it('stores each ethtool struct as the kernel returned it', async () => {
    const run = await live(new FakeKernel({ answerers: [new FakeEthtool(FAKEHOST_NICS)] }));
    const drv = artifact(run, 'ioctl/net/ens2f0/drvinfo.bin');
    expect(drv.length).toBe(196);
    expect(cString(drv, DRVINFO.driver, 32)).toBe('i40e');
    expect(cString(drv, DRVINFO.fwVersion, 32)).toBe('9.20 0x8000d8c5 1.3429.0');
    const regs = artifact(run, 'ioctl/net/ens2f0/regs.bin');
    expect([regs.readUInt32LE(0), regs.readUInt32LE(4), regs.readUInt32LE(8), regs.length]).toEqual([ETHTOOL.GREGS, 1, 0x2c18, 12 + 0x2c18]);
    const names = artifact(run, 'ioctl/net/ens1f0np0/strings-priv-flags.bin');
    expect(names.readUInt32LE(8)).toBe(8);
    expect(cString(names, 12 + 32 * 3, 32)).toBe('rx_striding_rq');
    expect(artifact(run, 'ioctl/net/ens1f0np0/pflags.bin').readUInt32LE(4)).toBe(0b1001001);
    // The handshake answer (-nwords) and the full answer are both kept.
    expect(artifact(run, 'ioctl/net/ens2f0/linksettings-nwords.bin').readInt8(15)).toBe(-4);
    const link = artifact(run, 'ioctl/net/ens2f0/linksettings.bin');
    expect([link.length, link.readUInt32LE(4), link.readInt8(15)]).toEqual([48 + 48, 10000, 4]);
    expect(artifact(run, 'ioctl/net/ens1f0np0/permaddr.bin').subarray(4, 14).toString('hex')).toBe('06000000b8cef64a102e');
    const origin = run.artifacts.get('ioctl/net/ens2f0/drvinfo.bin')!.origin;
    expect(origin).toEqual({ kind: 'ioctl', class: 'net', device: 'ens2f0', request: 'SIOCETHTOOL', requestNumber: 0x8946, what: 'drvinfo' });
  });

  it('collects sysfs attributes and the device link of each interface', async () => {
    const run = await live(new FakeKernel({ answerers: [new FakeEthtool(FAKEHOST_NICS)] }));
    const dir = 'sys/class/net/ens1f0np0';
    expect(artifact(run, `${dir}/address`).toString()).toBe('b8:ce:f6:4a:10:2e\n');
    expect(artifact(run, `${dir}/phys_port_name`).toString()).toBe('p0\n');
    expect(artifact(run, `${dir}/device`).toString()).toBe('../../../0000:3b:00.0');
    expect([...run.artifacts.keys()].some((k) => k.includes('/statistics/'))).toBe(false);
  });

  it('records EPERM for GREGS without CAP_NET_ADMIN and keeps going', async () => {
    const run = await live(new FakeKernel({ answerers: [new FakeEthtool(FAKEHOST_NICS)], privileged: false }));
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([{ target: 'ens2f0:regs', code: 'EPERM', message: expect.stringContaining('EPERM') }]);
    expect(run.artifacts.has('ioctl/net/ens2f0/regs.bin')).toBe(false);
    expect(run.artifacts.has('ioctl/net/ens2f0/coalesce.bin')).toBe(true);
  });

  it('skips commands the driver does not implement (EOPNOTSUPP) silently', async () => {
    const nics = withNic(I40E_ENS2F0, { unsupported: [ETHTOOL.GCHANNELS, ETHTOOL.GLINKSETTINGS, ETHTOOL.GDRVINFO] });
    const run = await live(new FakeKernel({ answerers: [new FakeEthtool(nics)] }));
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([]);
    for (const what of ['channels', 'linksettings-nwords', 'linksettings', 'drvinfo', 'regs']) expect(run.artifacts.has(`ioctl/net/ens2f0/${what}.bin`)).toBe(false);
    expect(run.artifacts.has('ioctl/net/ens2f0/ringparam.bin')).toBe(true);
  });

  it('reports a private-flag count that changed between GSSET_INFO and GSTRINGS', async () => {
    const run = await live(new FakeKernel({ answerers: [new FakeEthtool(FAKEHOST_NICS, true)] }));
    expect(run.issues.map((i) => `${i.target} ${i.code}`)).toEqual(['ens1f0np0:strings-priv-flags ECHANGED', 'ens1f1np1:strings-priv-flags ECHANGED', 'ens2f0:strings-priv-flags ECHANGED']);
    expect(artifact(run, 'ioctl/net/ens2f0/strings-priv-flags.bin').readUInt32LE(8)).toBe(0);
  });

  it('reads no EEPROM unless asked to', async () => {
    const kernel = new FakeKernel({ answerers: [new FakeEthtool(FAKEHOST_NICS)] });
    await live(kernel);
    const eeprom = [ETHTOOL.GEEPROM, ETHTOOL.GMODULEINFO, ETHTOOL.GMODULEEEPROM];
    expect(kernel.seen.filter((s) => eeprom.includes(s.data!.readUInt32LE(0) as 0x0b))).toEqual([]);
  });

  it('reads the NIC and module EEPROM with --include-eeprom, sized from the kernel’s answers', async () => {
    const kernel = new FakeKernel({ answerers: [new FakeEthtool(withNic(I40E_ENS2F0, { drvinfo: { ...I40E_ENS2F0.drvinfo, eedumpLen: 64 } }))] });
    const run = await live(kernel, true);
    expect(run.issues).toEqual([]);
    expect(ethtoolCommands(kernel, 'ens2f0').slice(-3)).toEqual([ETHTOOL.GEEPROM, ETHTOOL.GMODULEINFO, ETHTOOL.GMODULEEEPROM]);
    expect(artifact(run, 'ioctl/net/ens2f0/eeprom.bin').length).toBe(16 + 64);
    expect(artifact(run, 'ioctl/net/ens2f0/moduleinfo.bin').readUInt32LE(4)).toBe(2);
    const module = artifact(run, 'ioctl/net/ens1f0np0/module-eeprom.bin');
    expect([module.length, module[16]]).toEqual([16 + 256, 0x11]);
    expect(ethtoolCommands(kernel, 'ens1f0np0')).not.toContain(ETHTOOL.GEEPROM);
  });

  it('the context refuses EEPROM reads without --include-eeprom before any transport sees them', () => {
    const messages: WorkerMessage[] = [];
    const kernel = new FakeKernel({ answerers: [new FakeEthtool([MLX5_ENS1F0NP0])] });
    const ctx = new CollectContext({ sourceName: 'net', reader: new LiveReader({ includeEeprom: false, transport: () => kernel }), includeEeprom: false, emit: (m) => messages.push(m) });
    const call = ethtoolCall('ens1f0np0', ethtoolBuffer(ETHTOOL.GMODULEINFO, 44));
    expect(ctx.ioctl({ class: 'net', device: 'ens1f0np0', what: 'moduleinfo', call, answer: 0 })).toBeUndefined();
    expect(kernel.seen).toEqual([]);
    expect(messages).toEqual([{ type: 'issue', issue: { target: 'ens1f0np0:moduleinfo', code: 'REFUSED', message: expect.stringMatching(/GMODULEINFO needs --include-eeprom/) } }]);
  });

  it('the fake kernel itself rejects a malformed command (so the tests above can fail)', () => {
    const kernel = new FakeKernel({ answerers: [new FakeEthtool([I40E_ENS2F0])] });
    expect(() => kernel.call(ethtoolCall('ens2f0', ethtoolBuffer(ETHTOOL.GDRVINFO, 160)))).toThrow(KernelViolation);
    const regs = ethtoolBuffer(ETHTOOL.GREGS, 12 + 100);
    expect(() => kernel.call(ethtoolCall('ens2f0', regs))).toThrow(/GREGS/);
  });
});

describe('net source replaying the fake host', () => {
  it('reads the stored answers back under the same names', async () => {
    const run = await runSource('net', { root: FAKEHOST });
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([]);
    const drv = artifact(run, 'ioctl/net/ens2f0/drvinfo.bin');
    expect(cString(drv, DRVINFO.fwVersion, 32)).toBe('9.20 0x8000d8c5 1.3429.0');
    expect(cString(drv, DRVINFO.busInfo, 32)).toBe('0000:5e:00.0');
    expect(cString(artifact(run, 'ioctl/net/ens1f1np1/drvinfo.bin'), DRVINFO.fwVersion, 32)).toBe('22.39.1002 (MT_0000000359)');
    expect(run.artifacts.get('ioctl/net/ens2f0/regs.bin')!.replayedFrom).toBe('ioctl/net/ens2f0/regs.bin');
    expect(artifact(run, 'ioctl/net/ens2f0/linksettings.bin').length).toBe(96);
  });
});

const nic = liveNic();
describe.runIf(nic)(`net source on this machine (${nic ?? 'no NIC'})`, () => {
  it('stores the same driver, version, firmware and bus as ethtool -i', async () => {
    const run = await runSource('net', { root: '/', transport: () => new KoffiTransport() });
    expect(run.status).toBe('ok');
    expect(run.devices).toContain(`net:${nic}`);
    const drv = artifact(run, `ioctl/net/${nic}/drvinfo.bin`);
    const info = ethtoolInfo(nic!);
    expect({
      driver: cString(drv, DRVINFO.driver, 32),
      version: cString(drv, DRVINFO.version, 32),
      'firmware-version': cString(drv, DRVINFO.fwVersion, 32),
      'bus-info': cString(drv, DRVINFO.busInfo, 32),
    }).toEqual({ driver: info.driver, version: info.version, 'firmware-version': info['firmware-version'], 'bus-info': info['bus-info'] });
    // virtio_net's device is the virtio device (../../../virtio2), not the PCI function: stored as the kernel has it.
    expect(artifact(run, `sys/class/net/${nic}/device`).toString()).toBe(readlinkSync(`/sys/class/net/${nic}/device`));
  });
});
