import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFwInfo } from '../../analyzer/classes/cxl/fw-info.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { collect } from '../../collector/collect.js';
import { checkAllowed, ioctlRequests, IoctlRefused } from '../../collector/ioctl/allowlist.js';
import { CXL_MEM_COMMAND_ID, queryCommandsCall, sendCommandCall } from '../../collector/classes/cxl/mailbox-uapi.js';
import { FakeKernel } from '../collector/fake-kernel/fake-kernel.js';
import { fwInfoPayload, queryAnswer } from '../../collector/classes/cxl/fake-host-mailbox.js';
import { FakeCxlMailbox, type FakeCxlMemdev } from './fake-kernel.js';
import { artifact, runSource } from '../collector/fake-kernel/run-source.js';
import { openBundle } from '../collector/bundle-entries.js';
import { writeTree } from '../faults/fault-helpers.js';
import { tempDir } from '../helpers/tmp.js';

const real = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`fixtures/real/${name}`, import.meta.url)));
/** QEMU 7.2's cxl-type3 answer through Linux 6.1, captured in the lab (fixtures/real/PROVENANCE.md). */
const QEMU_72 = real('get-fw-info-qemu-7.2-cxl-type3.bin');

/** One memory device in the kernel's sysfs layout, reached through its /dev/cxl node by the fake kernel. */
function liveTree(): string {
  const root = tempDir();
  writeTree(root, {
    'sys/bus/cxl/devices/mem0': { link: '../../../devices/pci0000:0c/0000:0c:00.0/0000:0d:00.0/mem0' },
    'sys/devices/pci0000:0c/0000:0c:00.0/0000:0d:00.0/mem0/firmware_version': 'BWFW VERSION 00\n',
    'sys/devices/pci0000:0c/0000:0c:00.0/0000:0d:00.0/mem0/serial': '0x1a2b\n',
  });
  return root;
}

async function live(dev: Omit<FakeCxlMemdev, 'memdev'>) {
  const kernel = new FakeKernel({ answerers: [new FakeCxlMailbox([{ memdev: 'mem0', ...dev }])] });
  const run = await runSource('cxl', { root: liveTree(), replay: false, transport: () => kernel });
  const sent = kernel.seen.map((s) => `${s.name} ${s.target} ${s.arg.length}B id=${s.arg.readUInt32LE(0)} out=${s.name === 'CXL_MEM_SEND_COMMAND' ? s.arg.readUInt32LE(32) : '-'} ptr@${s.pointerOffset ?? '-'}`);
  return { run, sent };
}

describe('cxl source: firmware slots through the CXL mailbox ioctls, against a fake Linux 6.1 kernel', () => {
  it('queries the commands, then sends Get FW Info (id 4) with an 80-byte output buffer, and stores both answers', async () => {
    const { run, sent } = await live({ fwInfo: QEMU_72 });
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([]);
    expect(sent).toEqual([
      'CXL_MEM_QUERY_COMMANDS /dev/cxl/mem0 1032B id=64 out=- ptr@-',
      'CXL_MEM_SEND_COMMAND /dev/cxl/mem0 48B id=4 out=80 ptr@40',
    ]);
    expect(artifact(run, 'ioctl/cxl/mem0/get-fw-info.bin').equals(QEMU_72)).toBe(true);
    expect(run.artifacts.get('ioctl/cxl/mem0/get-fw-info.bin')!.origin).toEqual({
      kind: 'ioctl', class: 'cxl', device: 'mem0', request: 'CXL_MEM_SEND_COMMAND', requestNumber: 0xc030ce02, what: 'get-fw-info',
    });
    // The query answer: the kernel's table in uAPI order, Get FW Info with no input and 0x50 bytes out.
    const q = artifact(run, 'ioctl/cxl/mem0/query-commands.bin');
    expect(q.length).toBe(1032);
    expect([q.readUInt32LE(8 + 16 * 4), q.readUInt32LE(8 + 16 * 4 + 8), q.readUInt32LE(8 + 16 * 4 + 12)]).toEqual([4, 0, 0x50]);
    expect(run.artifacts.has('ioctl/cxl/mem0/get-fw-info.status')).toBe(false);
  });

  it('stores a device return code other than Success as the answer\'s status, with an issue', async () => {
    const { run } = await live({ fwInfo: QEMU_72, retval: 0x0001 });
    expect(run.artifacts.get('ioctl/cxl/mem0/get-fw-info.bin')!.exitStatus).toBe(1);
    expect(artifact(run, 'ioctl/cxl/mem0/get-fw-info.status').toString().trim()).toBe('1');
    expect(run.issues).toEqual([{ target: 'mem0:get-fw-info', code: 'CXL_MBOX_STATUS', message: expect.stringMatching(/return code 0x1/) }]);
  });

  it('does not send Get FW Info where a kernel that flags commands says it is not enabled, or claimed by the kernel', async () => {
    const disabled = await live({ fwInfo: QEMU_72, enabled: new Set([1, 3, 5]) });
    expect(disabled.sent).toHaveLength(1);
    expect(disabled.run.issues).toEqual([]);
    const exclusive = await live({ fwInfo: QEMU_72, enabled: new Set([1, 3, 4]), exclusive: new Set([4]) });
    expect(exclusive.sent).toHaveLength(1);
    const enabled = await live({ fwInfo: QEMU_72, enabled: new Set([1, 3, 4]) });
    expect(enabled.sent).toHaveLength(2);
  });

  it('a memory device without its /dev node is an issue, not a failure of the source', async () => {
    const kernel = new FakeKernel({ answerers: [new FakeCxlMailbox([])] });
    const run = await runSource('cxl', { root: liveTree(), replay: false, transport: () => kernel });
    expect(run.status).toBe('ok');
    expect(run.issues.map((i) => `${i.target} ${i.code}`)).toEqual(['mem0:query-commands ENOENT']);
    expect(run.artifacts.has('sys/bus/cxl/devices/mem0/firmware_version')).toBe(true);
  });

  it('replays both answers and the device\'s return code from a captured tree', async () => {
    const root = liveTree();
    const q = queryCommandsCall('/dev/cxl/mem0');
    for (const [i, id] of [1, 3, 4].entries()) q.arg.writeUInt32LE(id, 8 + 16 * i);
    const bin = join(root, 'ioctl/cxl/mem0/get-fw-info.bin');
    writeTree(root, { 'ioctl/cxl/mem0/get-fw-info.status': '2\n' });
    writeFileSync(bin, QEMU_72);
    writeFileSync(join(root, 'ioctl/cxl/mem0/query-commands.bin'), q.arg);
    const run = await runSource('cxl', { root });
    expect(run.artifacts.get('ioctl/cxl/mem0/get-fw-info.bin')).toMatchObject({ exitStatus: 2, replayedFrom: 'ioctl/cxl/mem0/get-fw-info.bin' });
    expect(artifact(run, 'ioctl/cxl/mem0/get-fw-info.bin').equals(readFileSync(bin))).toBe(true);
    expect(run.issues.map((i) => i.code)).toEqual(['CXL_MBOX_STATUS']);
  });
});

describe('the CXL mailbox on the ioctl allow-list', () => {
  const path = '/dev/cxl/mem0';
  const allowed = (call: ReturnType<typeof sendCommandCall>): void => checkAllowed(call, { includeEeprom: false });

  it('declares the two requests with the numbers include/uapi/linux/cxl_mem.h gives', () => {
    expect(ioctlRequests().get('CXL_MEM_QUERY_COMMANDS')).toBe(0x8008ce01);
    expect(ioctlRequests().get('CXL_MEM_SEND_COMMAND')).toBe(0xc030ce02);
  });

  it('lets through the query and Get FW Info as the source builds them', () => {
    expect(() => allowed(queryCommandsCall(path))).not.toThrow();
    expect(() => allowed(sendCommandCall(path, CXL_MEM_COMMAND_ID.getFwInfo, 0x50))).not.toThrow();
  });

  it('refuses RAW, every command that writes or scans, any input payload, flags, other sizes and other devices', () => {
    const refused = (call: ReturnType<typeof sendCommandCall>, why: RegExp): void => expect(() => allowed(call), String(why)).toThrow(why);
    // RAW (2), Set Partition Info (9), Set LSA (10), Set Shutdown State (14), Inject/Clear Poison (16, 17), Scan Media (19).
    for (const id of [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 14, 16, 17, 19, 99]) refused(sendCommandCall(path, id, 0x50), /is not read-only/);
    const withField = (at: number, v: number) => {
      const c = sendCommandCall(path, 4, 0x50);
      c.arg.writeUInt32LE(v, at);
      return c;
    };
    refused(withField(4, 1), /flags must be 0/);
    refused(withField(8, 0x4400), /raw must be 0/);
    refused(withField(16, 8), /in.size must be 0/);
    refused(withField(24, 0x1000), /payload pointers/);
    refused(sendCommandCall(path, 4, 0x40), /answers 80 bytes/);
    refused({ ...sendCommandCall(path, 4, 0x50), pointers: [] }, /exactly the output buffer/);
    refused({ ...sendCommandCall(path, 4, 0x50), pointers: [{ offset: 40, buffer: Buffer.alloc(16) }] }, /shorter than 80/);
    refused(sendCommandCall('/dev/nvme0', 4, 0x50), /\/dev\/cxl\/memN/);
    refused(sendCommandCall('/dev/cxl/../nvme0', 4, 0x50), /\/dev\/cxl\/memN/);
    refused({ ...sendCommandCall(path, 4, 0x50), arg: Buffer.alloc(40) }, /48 bytes/);
  });

  it('refuses a query whose buffer does not hold the entries it asks for', () => {
    const q = queryCommandsCall(path, 4);
    expect(() => allowed({ ...q, arg: q.arg.subarray(0, 40) })).toThrow(IoctlRefused);
    expect(() => allowed(queryCommandsCall(path, 0))).toThrow(/exactly the 1–256 entries/);
    const rsvd = queryCommandsCall(path, 4);
    rsvd.arg.writeUInt32LE(1, 4);
    expect(() => allowed(rsvd)).toThrow(/rsvd must be 0/);
    expect(() => allowed({ ...queryCommandsCall(path, 4), pointers: [{ offset: 8, buffer: Buffer.alloc(8) }] })).toThrow(/no pointer/);
  });
});

describe('the fake host\'s mailbox answers are the ones the lab\'s real kernel and QEMU gave', () => {
  it('Get FW Info: QEMU 7.2\'s two slots, slot 1 active and staged, "BWFW VERSION 0"', () => {
    expect(fwInfoPayload({ slots: 2, active: 1, staged: 1, revisions: { 1: 'BWFW VERSION 0' } }).equals(QEMU_72)).toBe(true);
  });

  it('the command query: Linux 6.1\'s table, byte for byte', () => {
    expect(queryAnswer().equals(real('query-commands-linux-6.1.bin'))).toBe(true);
  });
});

describe('Get FW Info parser (CXL 3.0 8.2.9.3.1)', () => {
  it('QEMU 7.2\'s answer: two slots, slot 1 active and staged, its revision, no online activation', () => {
    expect(parseFwInfo(QEMU_72)).toEqual({ numSlots: 2, activeSlot: 1, stagedSlot: 1, onlineActivateCapable: false, slots: new Map([[1, 'BWFW VERSION 0']]), issues: [] });
  });

  it('reads the staged slot from bits 5:3 and the active one from 2:0, a full 16-byte revision without its NUL, and online activation', () => {
    const b = fwInfoPayload({ slots: 4, active: 3, staged: 4, online: true, revisions: { 1: '1.0.0', 3: '2.1.4', 4: 'ABCDEFGHIJKLMNOP' } });
    b[1]! |= 0xc0; // reserved bits 7:6
    expect(parseFwInfo(b)).toEqual({ numSlots: 4, activeSlot: 3, stagedSlot: 4, onlineActivateCapable: true, slots: new Map([[1, '1.0.0'], [3, '2.1.4'], [4, 'ABCDEFGHIJKLMNOP']]), issues: [] });
  });

  it('a short payload is an error; slots outside what the device supports and unprintable revisions are issues', () => {
    expect(() => parseFwInfo(QEMU_72.subarray(0, 0x4f))).toThrow(/79 bytes; Get FW Info answers 80/);
    const b = fwInfoPayload({ slots: 2, active: 3, staged: 5, revisions: { 1: 'A', 3: 'C' } });
    b[0x20] = 0x01;
    const r = parseFwInfo(b);
    expect(r.slots).toEqual(new Map([[1, 'A']]));
    expect(r.issues).toEqual([
      'active slot 3 is not one of the 2 slots',
      'staged slot 5 is not one of the 2 slots',
      'slot 2 revision is not printable ASCII (01000000000000000000000000000000)',
      'slot 3 holds "C" but the device has 2 slots',
    ]);
  });
});

/** A captured tree with one memory device and its mailbox answers, as a bundle extracted with tar holds them. */
function capturedTree(fwInfo: Buffer, status = 0): string {
  const root = liveTree();
  const q = queryCommandsCall('/dev/cxl/mem0');
  q.arg.writeUInt32LE(CXL_MEM_COMMAND_ID.getFwInfo, 8);
  mkdirSync(join(root, 'ioctl/cxl/mem0'), { recursive: true });
  writeFileSync(join(root, 'ioctl/cxl/mem0/query-commands.bin'), q.arg);
  writeFileSync(join(root, 'ioctl/cxl/mem0/get-fw-info.bin'), fwInfo);
  if (status) writeFileSync(join(root, 'ioctl/cxl/mem0/get-fw-info.status'), `${status}\n`);
  return root;
}

const RULES = loadRules(fileURLToPath(new URL('../../rules/cxl', import.meta.url)));

async function analyzeTree(root: string) {
  const r = await collect({ output: join(tempDir(), 'b.tar.gz'), root, only: ['cxl'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, r.path);
  const all = (sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
  return {
    firmware: all(`SELECT version, state FROM firmware WHERE device_key = 'cxl:mem0' ORDER BY state`),
    settings: Object.fromEntries(all(`SELECT key, value FROM settings WHERE device_key = 'cxl:mem0' AND namespace = 'cxl'`).map((s) => [s.key, s.value])),
    issues: all(`SELECT code, message FROM collection_issues`).map((i) => `${i.code} ${i.message}`),
    pending: runRules(db, bundleId, RULES).filter((f) => f.ruleId === 'cxl.firmware-activation-pending').map((f) => `${f.result} ${f.message ?? ''}`.trim()),
  };
}

describe('cxl loader and the staged-slot rule from the mailbox answer', () => {
  it('QEMU 7.2\'s answer: slot 1 runs and is staged, nothing pending, the rule passes', async () => {
    const a = await analyzeTree(capturedTree(QEMU_72));
    expect(a.firmware).toEqual([{ version: 'BWFW VERSION 00', state: 'running' }, { version: 'BWFW VERSION 0', state: 'slot-1' }]);
    expect(a.settings).toMatchObject({ num_slots: '2', active_slot: '1', staged_slot: '1', activation_pending: '0', online_activate_capable: '0' });
    expect(a.pending).toEqual(['pass']);
  });

  it('slot 2 staged while slot 1 runs: the pending revision is recorded and the rule fires', async () => {
    const a = await analyzeTree(capturedTree(fwInfoPayload({ slots: 2, active: 1, staged: 2, online: true, revisions: { 1: 'BWFW VERSION 0', 2: 'BWFW VERSION 1' } })));
    expect(a.firmware).toContainEqual({ version: 'BWFW VERSION 1', state: 'pending' });
    expect(a.settings).toMatchObject({ active_slot: '1', staged_slot: '2', activation_pending: '1', online_activate_capable: '1' });
    expect(a.pending).toHaveLength(1);
    expect(a.pending[0]).toMatch(/^fail .*slot 2 \(BWFW VERSION 1\) is staged/);
  });

  it('nothing staged (bits 5:3 zero): no staged_slot, nothing pending', async () => {
    const a = await analyzeTree(capturedTree(fwInfoPayload({ slots: 3, active: 2, revisions: { 2: '2.0' } })));
    expect(a.settings).toMatchObject({ active_slot: '2', activation_pending: '0' });
    expect(a.settings).not.toHaveProperty('staged_slot');
    expect(a.pending).toEqual(['pass']);
  });

  it('a redacted bundle keeps both mailbox answers byte for byte (they hold no identifier)', async () => {
    const out = join(tempDir(), 'r.tar.gz');
    await collect({ output: out, root: capturedTree(QEMU_72), only: ['cxl'], isolation: 'inline', redact: { mapPath: join(tempDir(), 'map.json') } });
    const { entries } = await openBundle(out);
    expect(entries.get('ioctl/cxl/mem0/get-fw-info.bin')?.equals(QEMU_72)).toBe(true);
    expect(entries.get('ioctl/cxl/mem0/query-commands.bin')?.length).toBe(1032);
  });

  it('a device return code other than Success: the payload is no answer, the rule has nothing to judge', async () => {
    const a = await analyzeTree(capturedTree(fwInfoPayload({ slots: 2, active: 1, staged: 2, revisions: { 1: 'x', 2: 'y' } }), 6));
    expect(a.firmware).toEqual([{ version: 'BWFW VERSION 00', state: 'running' }]);
    expect(a.settings).not.toHaveProperty('active_slot');
    expect(a.issues).toContainEqual(expect.stringMatching(/^FW-STATUS .*return code 0x6/));
    expect(a.pending.every((p) => !p.startsWith('fail'))).toBe(true);
  });
});
