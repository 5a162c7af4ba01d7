import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IoctlRefused, checkAllowed } from '../../collector/ioctl/allowlist.js';
import { CollectContext } from '../../collector/context.js';
import type { IoctlCall } from '../../collector/source.js';
import { GLOBAL_CAPABILITY_TLVS, accessRegRead, mnvdaQuery } from '../../collector/classes/mlx5/fwctl-registers.js';
import { fwctlRpcArg } from '../../collector/classes/mlx5/fwctl.js';
import { MlxconfigDb, writeTlvFields } from '../../analyzer/classes/mlx5/config-db.js';
import { FAKE_GLOBAL_PCI_CAP, fakeMgir } from './fixtures/registers.js';
import { FakeFwctl, connectxFwctlDevice, type FakeFwctlDevice } from './fwctl-fake.js';
import { artifact, runSource } from '../collector/fake-kernel/run-source.js';
import { FakeHostReader } from '../collector/fake-kernel/fake-host-reader.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const ROOT = await fakehostRoot();
const db = MlxconfigDb.open();

const fakeDevice = (): FakeFwctlDevice => connectxFwctlDevice(db);

const fake = (): FakeFwctl => new FakeFwctl(new Map([['/dev/fwctl/fwctl0', fakeDevice()], ['/dev/fwctl/fwctl1', fakeDevice()]]));

describe('fwctl source against a fake fwctl device', () => {
  it('sends FWCTL_INFO then read-only ACCESS_REG RPCs, byte for byte', async () => {
    const kernel = fake();
    const run = await runSource('fwctl', { root: ROOT, replay: false, transport: () => kernel });
    expect(run.status).toBe('ok');
    expect(run.devices).toEqual(['fwctl:fwctl0', 'fwctl:fwctl1']);
    const calls0 = kernel.seen.filter((c) => c.path === '/dev/fwctl/fwctl0');
    expect(calls0.map((c) => c.name)).toEqual(['FWCTL_INFO', 'FWCTL_INFO', 'FWCTL_RPC', ...GLOBAL_CAPABILITY_TLVS.map(() => 'FWCTL_RPC')]);
    // Probe: size 24, flags 0, no device data; then the 8 bytes mlx5 announced.
    expect(calls0[0]!.request).toBe(0x9a00);
    expect(calls0[0]!.arg.toString('hex')).toBe('18000000' + '00000000' + '00000000' + '00000000' + '0000000000000000');
    expect(calls0[1]!.arg.readUInt32LE(12)).toBe(8);
    // MGIR: struct fwctl_rpc {size 32, scope 1 (DEBUG_READ_ONLY), in_len = out_len = 16 + 0xa0}.
    const mgir = calls0[2]!;
    expect(mgir.request).toBe(0x9a01);
    expect(mgir.arg.subarray(0, 16).toString('hex')).toBe('20000000' + '01000000' + 'b0000000' + 'b0000000');
    expect(mgir.mailbox!.subarray(0, 16).toString('hex')).toBe('0805' + '0000' + '0000' + '0001' + '0000' + '9020' + '00000000');
    // MNVDA of nv_global_pci_cap: item length 20, access NEXT, class 0, index 129.
    const cap = calls0[3]!;
    expect(cap.arg.readUInt32LE(8)).toBe(16 + 12 + 20);
    expect(cap.mailbox!.subarray(10, 12).toString('hex')).toBe('9024');
    expect(cap.mailbox!.subarray(16, 24).toString('hex')).toBe('00000014' + '00000081');
    expect(kernel.seen.every((c) => c.name !== 'FWCTL_RPC' || c.arg.readUInt32LE(4) <= 1)).toBe(true);

    expect(artifact(run, 'ioctl/fwctl/fwctl0/info.bin').readUInt32LE(8)).toBe(1);
    expect(artifact(run, 'ioctl/fwctl/fwctl0/info-data.bin').toString('hex')).toBe('0700000004000000');
    const out = artifact(run, 'ioctl/fwctl/fwctl0/access-reg-mgir.bin');
    expect(out.readUInt8(0)).toBe(0);
    expect(out.subarray(16)).toEqual(fakeMgir());
    expect(artifact(run, 'ioctl/fwctl/fwctl0/mnvda-nv_global_pci_cap.bin').length).toBe(48);
    expect(artifact(run, 'ioctl/fwctl/fwctl0/mnvda-nv_rom_cap.bin').readUInt8(0)).toBe(3); // firmware status BAD_PARAM, kept
    expect(artifact(run, 'sys/class/fwctl/fwctl0/device').toString()).toBe('../../../0000:3b:00.0');
    expect(artifact(run, 'sys/class/fwctl/fwctl1/dev').toString()).toBe('236:1\n');
    expect(run.issues).toEqual([]);
  });

  it('replays the captured answers of the fake host', async () => {
    const run = await runSource('fwctl', { root: ROOT });
    expect(run.status).toBe('ok');
    expect(artifact(run, 'ioctl/fwctl/fwctl0/access-reg-mgir.bin').subarray(16)).toEqual(fakeMgir());
    expect(artifact(run, 'ioctl/fwctl/fwctl0/mnvda-nv_global_pci_cap.bin').subarray(28)).toEqual(writeTlvFields(db, 'nv_global_pci_cap', FAKE_GLOBAL_PCI_CAP));
    expect(run.artifacts.get('ioctl/fwctl/fwctl0/mnvda-nv_global_pci_cap.bin')!.replayedFrom).toBe('ioctl/fwctl/fwctl0/mnvda-nv_global_pci_cap.bin');
  });

  it('skips a host without /sys/class/fwctl', async () => {
    const run = await runSource('fwctl', { root: fileURLToPath(new URL('./fixtures', import.meta.url)) });
    expect(run.status).toBe('skipped');
    expect(run.reason).toMatch(/no \/sys\/class\/fwctl/);
  });

  it('the capability table matches the installed mlxconfig database', () => {
    for (const t of GLOBAL_CAPABILITY_TLVS) {
      expect(db.tlvs.get(t.name), t.name).toMatchObject({ id: t.id, size: t.size, class: 0, cap: true });
    }
  });
});

describe('no tainting or writing fwctl request leaves the collector', () => {
  const rpc = (scope: number, mailbox: Buffer, path = '/dev/fwctl/fwctl0'): IoctlCall => ({
    target: { kind: 'path', path },
    name: 'FWCTL_RPC',
    request: 0x9a01,
    arg: fwctlRpcArg(scope, mailbox.length, mailbox.length),
    pointers: [{ offset: 16, buffer: mailbox }, { offset: 24, buffer: Buffer.alloc(mailbox.length) }],
  });
  const mgirRead = (): Buffer => accessRegRead(0x9020, Buffer.alloc(0xa0));

  function contextWith(kernel: FakeFwctl, issues: string[]): CollectContext {
    return new CollectContext({
      sourceName: 'fwctl', reader: new FakeHostReader(ROOT, () => kernel), includeEeprom: false,
      emit: (m) => { if (m.type === 'issue') issues.push(`${m.issue.code}: ${m.issue.message}`); },
    });
  }

  it('refuses the scopes that taint (DEBUG_WRITE 2, DEBUG_WRITE_FULL 3) before any transport', () => {
    const kernel = fake();
    const issues: string[] = [];
    const ctx = contextWith(kernel, issues);
    for (const scope of [2, 3]) expect(ctx.ioctl({ class: 'fwctl', device: 'fwctl0', what: 'x', call: rpc(scope, mgirRead()), answer: 1 })).toBeUndefined();
    expect(kernel.seen).toEqual([]);
    expect(issues).toEqual(['REFUSED: ioctl refused: fwctl scope 2 may taint the kernel or write', 'REFUSED: ioctl refused: fwctl scope 3 may taint the kernel or write']);
  });

  it('refuses register writes, unknown registers and other opcodes even at a safe scope', () => {
    const write = mgirRead();
    write.writeUInt16BE(0, 6);
    expect(() => checkAllowed(rpc(1, write), { includeEeprom: false })).toThrow(/op_mod other than 1/);
    expect(() => checkAllowed(rpc(0, accessRegRead(0x5008, Buffer.alloc(0x100))), { includeEeprom: false })).toThrow(/register 0x5008 is not on the read-only list/);
    const setHcaCap = mgirRead();
    setHcaCap.writeUInt16BE(0x109, 0);
    expect(() => checkAllowed(rpc(0, setHcaCap), { includeEeprom: false })).toThrow(/opcode 0x109/);
    expect(() => checkAllowed(rpc(1, mgirRead(), '/dev/mem'), { includeEeprom: false })).toThrow(/needs a \/dev\/fwctl\/fwctlN device/);
    const long = rpc(1, mgirRead());
    long.arg.writeUInt32LE(4096, 12); // out_len larger than the out buffer
    expect(() => checkAllowed(long, { includeEeprom: false })).toThrow(/out buffer missing or shorter than 4096/);
    const info: IoctlCall = { target: { kind: 'path', path: '/dev/fwctl/fwctl0' }, name: 'FWCTL_INFO', request: 0x9a00, arg: Buffer.alloc(24), pointers: [] };
    info.arg.writeUInt32LE(24, 0);
    info.arg.writeUInt32LE(1, 4);
    expect(() => checkAllowed(info, { includeEeprom: false })).toThrow(/flags must be 0/);
    expect(() => checkAllowed(rpc(1, mnvdaQuery(0, 129, 20)), { includeEeprom: false })).toThrow(IoctlRefused); // not a mailbox
  });

  it('property: whatever the bytes, a call reaching the device has scope 0 or 1 and is an ACCESS_REG read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.boolean(), (scope, bytes, asRead) => {
        const mbox = Buffer.from(bytes);
        if (asRead) {
          mbox.writeUInt16BE(0x805, 0);
          mbox.writeUInt16BE(1, 6);
          mbox.writeUInt16BE(0x9020, 10);
        }
        const kernel = new FakeFwctl(new Map([['/dev/fwctl/fwctl0', { type: 1, deviceData: Buffer.alloc(8), registers: new Map() }]]));
        const ctx = contextWith(kernel, []);
        ctx.ioctl({ class: 'fwctl', device: 'fwctl0', what: 'p', call: rpc(scope, mbox), answer: 1 });
        for (const c of kernel.seen) {
          expect(c.arg.readUInt32LE(4)).toBeLessThanOrEqual(1);
          expect(c.mailbox!.readUInt16BE(0)).toBe(0x805);
          expect(c.mailbox!.readUInt16BE(6)).toBe(1);
        }
        expect(kernel.seen.length).toBe(scope <= 1 && asRead ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });

  it('the fixture answers are the bytes of the recorded registers', () => {
    const tree = (p: string): Buffer => readFileSync(`${ROOT}/${p}`);
    expect(tree('ioctl/fwctl/fwctl1/access-reg-mgir.bin').subarray(16)).toEqual(fakeMgir());
  });
});
