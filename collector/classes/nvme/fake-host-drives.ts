import { field, uintLE } from '../../fake-host/bytes.js';

/** What a fake NVMe controller answers to the admin commands the collector sends. */
export interface FakeNvme {
  ctrl: string;
  idCtrl: Buffer;
  fwLog: Buffer;
  smartLog: Buffer;
  /** Get Features Power Management (FID 0x02) result dword: PS in bits 4:0, WH in 7:5. */
  powerMgmt: number;
  /** APST table and APSTE; undefined when the controller does not support APST. */
  apst?: { enabled: boolean; table: Buffer };
  /** The Error Information log's entries (64 bytes each); none logged when undefined. */
  errorLog?: Buffer;
}

export interface IdCtrlFields {
  vid: number;
  ssvid: number;
  sn: string;
  mn: string;
  fr: string;
  ieee: [number, number, number];
  cntlid: number;
  ver: number;
  oacs: number;
  frmw: number;
  lpa: number;
  npss: number;
  apsta: number;
  wctemp: number;
  cctemp: number;
  mtfa: number;
  subnqn: string;
}

/** The Identify Controller data structure (4096 bytes) at the spec's offsets. */
export function idCtrl(f: IdCtrlFields): Buffer {
  const b = Buffer.alloc(4096);
  b.writeUInt16LE(f.vid, 0);
  b.writeUInt16LE(f.ssvid, 2);
  field(f.sn, 20, 0x20).copy(b, 4);
  field(f.mn, 40, 0x20).copy(b, 24);
  field(f.fr, 8, 0x20).copy(b, 64);
  b[72] = 2; // rab
  b[73] = f.ieee[0];
  b[74] = f.ieee[1];
  b[75] = f.ieee[2];
  b[77] = 9; // mdts
  b.writeUInt16LE(f.cntlid, 78);
  b.writeUInt32LE(f.ver, 80);
  b.writeUInt16LE(f.oacs, 256);
  b[260] = f.frmw;
  b[261] = f.lpa;
  b[263] = f.npss;
  b[265] = f.apsta;
  b.writeUInt16LE(f.wctemp, 266);
  b.writeUInt16LE(f.cctemp, 268);
  b.writeUInt16LE(f.mtfa, 270);
  b[512] = 0x66; // sqes
  b[513] = 0x44; // cqes
  b.writeUInt32LE(1, 516); // nn
  field(f.subnqn, 256).copy(b, 768);
  return b;
}

/** Firmware Slot Information log: afi (active slot bits 2:0, next-reset slot bits 6:4), frs1..7. */
export function fwLog(active: number, nextReset: number, slots: string[]): Buffer {
  const b = Buffer.alloc(512);
  b[0] = (active & 7) | ((nextReset & 7) << 4);
  slots.forEach((rev, i) => {
    if (rev) field(rev, 8, 0x20).copy(b, 8 + 8 * i);
  });
  return b;
}

export interface SmartFields {
  criticalWarning: number;
  temperatureK: number;
  availSpare: number;
  spareThresh: number;
  percentUsed: number;
  dataUnitsRead: bigint;
  dataUnitsWritten: bigint;
  powerCycles: bigint;
  powerOnHours: bigint;
  unsafeShutdowns: bigint;
  mediaErrors: bigint;
  errorLogEntries: bigint;
}

/** SMART / Health Information log (512 bytes). */
export function smartLog(f: SmartFields): Buffer {
  const b = Buffer.alloc(512);
  b[0] = f.criticalWarning;
  b.writeUInt16LE(f.temperatureK, 1);
  b[3] = f.availSpare;
  b[4] = f.spareThresh;
  b[5] = f.percentUsed;
  uintLE(f.dataUnitsRead, 16).copy(b, 32);
  uintLE(f.dataUnitsWritten, 16).copy(b, 48);
  uintLE(f.dataUnitsRead * 1000n, 16).copy(b, 64);
  uintLE(f.dataUnitsWritten * 1000n, 16).copy(b, 80);
  uintLE(f.powerOnHours * 3n, 16).copy(b, 96);
  uintLE(f.powerCycles, 16).copy(b, 112);
  uintLE(f.powerOnHours, 16).copy(b, 128);
  uintLE(f.unsafeShutdowns, 16).copy(b, 144);
  uintLE(f.mediaErrors, 16).copy(b, 160);
  uintLE(f.errorLogEntries, 16).copy(b, 176);
  b.writeUInt16LE(f.temperatureK, 200);
  return b;
}

/** The fake host's Samsung PM9A3 (144d:a80a) running GDC5602Q, with GDC5A02Q staged in slot 2. */
export const SAMSUNG_NVME0: FakeNvme = {
  ctrl: 'nvme0',
  idCtrl: idCtrl({
    vid: 0x144d,
    ssvid: 0x144d,
    sn: 'S64HNE0R700123',
    mn: 'SAMSUNG MZQL23T8HCLS-00A07',
    fr: 'GDC5602Q',
    ieee: [0x38, 0x25, 0x00],
    cntlid: 6,
    ver: 0x00010400,
    oacs: 0x5f,
    frmw: 0x16, // 3 slots, slot 1 writable, activation without reset
    lpa: 0x0e,
    npss: 1,
    apsta: 0,
    wctemp: 353,
    cctemp: 356,
    mtfa: 0,
    subnqn: 'nqn.1994-11.com.samsung:nvme:PM9A3:2.5-inch:S64HNE0R700123',
  }),
  fwLog: fwLog(1, 2, ['GDC5602Q', 'GDC5A02Q', '']),
  smartLog: smartLog({
    criticalWarning: 0,
    temperatureK: 309,
    availSpare: 100,
    spareThresh: 10,
    percentUsed: 1,
    dataUnitsRead: 48_213_977n,
    dataUnitsWritten: 61_902_114n,
    powerCycles: 42n,
    powerOnHours: 11_873n,
    unsafeShutdowns: 7n,
    mediaErrors: 0n,
    errorLogEntries: 12n,
  }),
  powerMgmt: 0,
};

/** A client drive with APST (Samsung 980 PRO), for the power-feature path. */
export const SAMSUNG_980PRO: FakeNvme = {
  ctrl: 'nvme1',
  idCtrl: idCtrl({
    vid: 0x144d,
    ssvid: 0x144d,
    sn: 'S5GXNX0T123456A',
    mn: 'Samsung SSD 980 PRO 1TB',
    fr: '5B2QGXA7',
    ieee: [0x38, 0x25, 0x00],
    cntlid: 6,
    ver: 0x00010300,
    oacs: 0x17,
    frmw: 0x16,
    lpa: 0x0f,
    npss: 4,
    apsta: 1,
    wctemp: 355,
    cctemp: 358,
    mtfa: 0,
    subnqn: '',
  }),
  fwLog: fwLog(2, 0, ['5B2QGXA7', '5B2QGXA7', '']),
  smartLog: smartLog({
    criticalWarning: 0,
    temperatureK: 318,
    availSpare: 100,
    spareThresh: 10,
    percentUsed: 2,
    dataUnitsRead: 9_000_000n,
    dataUnitsWritten: 12_000_000n,
    powerCycles: 1_204n,
    powerOnHours: 3_100n,
    unsafeShutdowns: 51n,
    mediaErrors: 0n,
    errorLogEntries: 0n,
  }),
  powerMgmt: 0,
  apst: { enabled: true, table: apstTable([[3, 100], [3, 100], [4, 2000]]) },
};

/** APST table: 32 entries of u64, ITPS in bits 7:3, ITPT (ms) in bits 31:8. */
function apstTable(entries: [number, number][]): Buffer {
  const b = Buffer.alloc(256);
  entries.forEach(([itps, itpt], i) => b.writeUInt32LE(((itpt << 8) | (itps << 3)) >>> 0, i * 8));
  return b;
}
