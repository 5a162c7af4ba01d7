import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FakeKernel } from '../collector/fake-kernel/fake-kernel.js';
import { FakeNvmeAdmin, NVME_SC_INVALID_FIELD_DNR } from './fake-kernel.js';
import { SAMSUNG_980PRO, SAMSUNG_NVME0, type FakeNvme } from '../../collector/classes/nvme/fake-host-drives.js';
import { artifact, runSource } from '../collector/fake-kernel/run-source.js';
import { tempDir } from '../helpers/tmp.js';
import { collect } from '../../collector/collect.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();

/** A tree with one controller directory (as the nvme source sees it) holding the given attributes. */
function treeWith(ctrl: string, attrs: Record<string, string>): string {
  const root = tempDir();
  const dir = join(root, 'sys/class/nvme', ctrl);
  mkdirSync(dir, { recursive: true });
  for (const [k, v] of Object.entries(attrs)) writeFileSync(join(dir, k), `${v}\n`);
  return root;
}

/** Each admin command as the kernel read it: opcode, nsid, cdw10, data_len, pointer offset. */
function commands(kernel: FakeKernel): string[] {
  return kernel.seen.map((s) => {
    const a = s.arg;
    const hex = (n: number): string => `0x${n.toString(16)}`;
    return `${s.target} req=${hex(s.request)} op=${hex(a[0]!)} nsid=${hex(a.readUInt32LE(4))} cdw10=${hex(a.readUInt32LE(40))} len=${a.readUInt32LE(36)} ptr@${s.pointerOffset ?? '-'}`;
  });
}

describe('nvme source against the fake kernel', () => {
  it('sends Identify, the firmware slot, SMART and error information logs and Get Features, with the spec’s dwords', async () => {
    const kernel = new FakeKernel({ answerers: [new FakeNvmeAdmin([SAMSUNG_NVME0])] });
    const run = await runSource('nvme', { root: FAKEHOST, replay: false, transport: () => kernel });
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([]);
    expect(run.devices).toEqual(['nvme:nvme0']);
    expect(commands(kernel)).toEqual([
      '/dev/nvme0 req=0xc0484e41 op=0x6 nsid=0x0 cdw10=0x1 len=4096 ptr@24',
      '/dev/nvme0 req=0xc0484e41 op=0x2 nsid=0xffffffff cdw10=0x7f0003 len=512 ptr@24',
      '/dev/nvme0 req=0xc0484e41 op=0x2 nsid=0xffffffff cdw10=0x7f0002 len=512 ptr@24',
      // ELPE 0 in this Identify answer: one 64-byte Error Information entry (NUMDL 15 dwords, 0's based).
      '/dev/nvme0 req=0xc0484e41 op=0x2 nsid=0xffffffff cdw10=0xf0001 len=64 ptr@24',
      '/dev/nvme0 req=0xc0484e41 op=0xa nsid=0x0 cdw10=0x2 len=0 ptr@-',
    ]);
    expect(artifact(run, 'ioctl/nvme/nvme0/id-ctrl.bin').equals(SAMSUNG_NVME0.idCtrl)).toBe(true);
    expect(artifact(run, 'ioctl/nvme/nvme0/fw-log.bin').equals(SAMSUNG_NVME0.fwLog)).toBe(true);
    expect(artifact(run, 'ioctl/nvme/nvme0/smart-log.bin').length).toBe(512);
    expect(artifact(run, 'ioctl/nvme/nvme0/feature-power-mgmt.bin').length).toBe(72);
    // apsta = 0 on this enterprise drive: APST is not asked for.
    expect(run.artifacts.has('ioctl/nvme/nvme0/feature-apst.bin')).toBe(false);
    expect(run.artifacts.get('ioctl/nvme/nvme0/fw-log.bin')!.origin).toEqual({
      kind: 'ioctl', class: 'nvme', device: 'nvme0', request: 'NVME_IOCTL_ADMIN_CMD', requestNumber: 0xc0484e41, what: 'fw-log',
    });
  });

  it('stores the sysfs attributes and device link of the controller', async () => {
    const run = await runSource('nvme', { root: FAKEHOST, replay: false, transport: () => new FakeKernel({ answerers: [new FakeNvmeAdmin([SAMSUNG_NVME0])] }) });
    expect(artifact(run, 'sys/class/nvme/nvme0/firmware_rev').toString()).toBe('GDC5602Q\n');
    expect(artifact(run, 'sys/class/nvme/nvme0/model').toString()).toBe('SAMSUNG MZQL23T8HCLS-00A07\n');
    expect(artifact(run, 'sys/class/nvme/nvme0/device').toString()).toBe('../../../0000:af:00.0');
    expect(artifact(run, 'sys/class/nvme/nvme0/nvme0n1/nsid').toString()).toBe('1\n');
    expect(artifact(run, 'sys/class/nvme/nvme0/nvme0n1/size').toString()).toBe('7501476528\n');
  });

  it('asks for the APST table and its enable bit when the controller supports APST', async () => {
    const root = treeWith('nvme1', { model: 'Samsung SSD 980 PRO 1TB', reset_controller: '' });
    chmodSync(join(root, 'sys/class/nvme/nvme1/reset_controller'), 0o200);
    const kernel = new FakeKernel({ answerers: [new FakeNvmeAdmin([SAMSUNG_980PRO])] });
    const run = await runSource('nvme', { root, replay: false, transport: () => kernel });
    expect(run.issues).toEqual([]);
    expect(commands(kernel).slice(-2)).toEqual([
      '/dev/nvme1 req=0xc0484e41 op=0xa nsid=0x0 cdw10=0xc len=256 ptr@24',
      '/dev/nvme1 req=0xc0484e41 op=0xa nsid=0x0 cdw10=0xc len=256 ptr@24',
    ]);
    expect(artifact(run, 'ioctl/nvme/nvme1/feature-apst.bin').equals(SAMSUNG_980PRO.apst!.table)).toBe(true);
    expect(artifact(run, 'ioctl/nvme/nvme1/feature-apst-result.bin').readUInt32LE(68)).toBe(1);
    // A write-only action attribute is never opened.
    expect(run.artifacts.has('sys/class/nvme/nvme1/reset_controller')).toBe(false);
    expect(artifact(run, 'sys/class/nvme/nvme1/model').toString()).toBe('Samsung SSD 980 PRO 1TB\n');
  });

  it('records an NVMe status as an issue and marks the stored answer with it', async () => {
    const liar: FakeNvme = { ...SAMSUNG_980PRO, apst: undefined };
    const run = await runSource('nvme', { root: treeWith('nvme1', {}), replay: false, transport: () => new FakeKernel({ answerers: [new FakeNvmeAdmin([liar])] }) });
    expect(run.status).toBe('ok');
    expect(run.issues.map((i) => `${i.target} ${i.code}`)).toEqual(['nvme1:feature-apst NVME_STATUS', 'nvme1:feature-apst-result NVME_STATUS']);
    expect(run.issues[0]!.message).toContain('0x4002');
    expect(run.artifacts.get('ioctl/nvme/nvme1/feature-apst.bin')!.exitStatus).toBe(NVME_SC_INVALID_FIELD_DNR);
    expect(run.artifacts.get('ioctl/nvme/nvme1/id-ctrl.bin')!.exitStatus).toBe(0);
  });

  it('without CAP_SYS_ADMIN: Identify still answers, the logs are recorded as refused', async () => {
    const run = await runSource('nvme', { root: FAKEHOST, replay: false, transport: () => new FakeKernel({ answerers: [new FakeNvmeAdmin([SAMSUNG_NVME0])], privileged: false }) });
    expect(run.status).toBe('ok');
    expect(run.artifacts.has('ioctl/nvme/nvme0/id-ctrl.bin')).toBe(true);
    expect(run.issues.map((i) => `${i.target} ${i.code}`)).toEqual(['nvme0:fw-log EACCES', 'nvme0:smart-log EACCES', 'nvme0:error-log EACCES', 'nvme0:feature-power-mgmt EACCES']);
  });

  it('reads the Error Information log live, ELPE + 1 entries, and the load stores each logged error as nvme error-log prints it', async () => {
    const idCtrl = Buffer.from(SAMSUNG_NVME0.idCtrl);
    idCtrl[262] = 63;
    const errors = Buffer.alloc(64 * 64);
    // Entry 0, the newest: error count 158, SQ 0, command 0x300f, Invalid Field in Command (status field 0x2002, phase tag
    // set), parameter at 0x28, log page version 1 with the Identify opcode; entry 1: count 157; the rest empty.
    errors.writeBigUInt64LE(158n, 0);
    errors.writeUInt16LE(0x300f, 10);
    errors.writeUInt16LE((0x2002 << 1) | 1, 12);
    errors.writeUInt16LE(0x28, 14);
    errors[31] = 0x06;
    errors[63] = 1;
    errors.writeBigUInt64LE(157n, 64);
    errors.writeUInt16LE(0x2002 << 1, 64 + 12);
    errors.writeUInt16LE(0xffff, 64 + 14);
    const kernel = new FakeKernel({ answerers: [new FakeNvmeAdmin([{ ...SAMSUNG_NVME0, idCtrl, errorLog: errors }])] });
    const run = await runSource('nvme', { root: FAKEHOST, replay: false, transport: () => kernel });
    expect(run.issues).toEqual([]);
    expect(commands(kernel)).toContain('/dev/nvme0 req=0xc0484e41 op=0x2 nsid=0xffffffff cdw10=0x3ff0001 len=4096 ptr@24');
    expect(artifact(run, 'ioctl/nvme/nvme0/error-log.bin').equals(errors)).toBe(true);
    // The same answers replayed from a captured tree, loaded as the analyzer does.
    const tree = tempDir();
    cpSync(FAKEHOST, tree, { recursive: true });
    for (const what of ['id-ctrl', 'error-log']) writeFileSync(join(tree, `ioctl/nvme/nvme0/${what}.bin`), artifact(run, `ioctl/nvme/nvme0/${what}.bin`));
    const out = join(tempDir(), 'b.tar.gz');
    await collect({ output: out, only: ['nvme'], isolation: 'inline', root: tree });
    const db = openDatabase(':memory:');
    const { bundleId } = await loadBundle(db, out);
    const rows = db.prepare(`SELECT key, value FROM settings WHERE bundle_id = ? AND device_key = 'nvme:nvme0' AND namespace = 'nvme.error-log' ORDER BY key`).all(bundleId) as { key: string; value: string }[];
    expect(Object.fromEntries(rows.map((x) => [x.key, x.value]))).toEqual({
      entries: '64', errors_logged: '2', error_count: '158',
      entry0: 'error_count 158 sqid 0 cmdid 0x300f status 0x2002 sct 0x0 sc 0x2 more parm_err_loc 0x28 lba 0 nsid 0 opcode 0x6',
      entry1: 'error_count 157 sqid 0 cmdid 0x0 status 0x2002 sct 0x0 sc 0x2 more parm_err_loc 0xffff lba 0 nsid 0',
    });
    db.close();
  });

  it('skips when there is no NVMe controller', async () => {
    const run = await runSource('nvme', { root: tempDir(), replay: false, transport: () => new FakeKernel() });
    expect([run.status, run.reason]).toEqual(['skipped', 'no NVMe controllers under /sys/class/nvme']);
  });
});

describe('nvme source replaying the fake host', () => {
  it('shows a pending firmware activation: slot 1 active, slot 2 (another revision) next', async () => {
    const run = await runSource('nvme', { root: FAKEHOST });
    expect(run.status).toBe('ok');
    const id = artifact(run, 'ioctl/nvme/nvme0/id-ctrl.bin');
    expect([id.readUInt16LE(0), id.subarray(64, 72).toString('latin1')]).toEqual([0x144d, 'GDC5602Q']);
    const fw = artifact(run, 'ioctl/nvme/nvme0/fw-log.bin');
    expect([fw[0]! & 7, (fw[0]! >> 4) & 7]).toEqual([1, 2]);
    expect([fw.subarray(8, 16).toString('latin1'), fw.subarray(16, 24).toString('latin1')]).toEqual(['GDC5602Q', 'GDC5A02Q']);
    expect(artifact(run, 'ioctl/nvme/nvme0/smart-log.bin').readUInt16LE(1)).toBe(309);
    expect(run.artifacts.get('ioctl/nvme/nvme0/fw-log.bin')!.replayedFrom).toBe('ioctl/nvme/nvme0/fw-log.bin');
  });
});
