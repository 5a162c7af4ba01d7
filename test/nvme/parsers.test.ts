import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAdminResult, parseApstTable, parseFwLog, parseIdCtrl, parseSmartLog } from '../../analyzer/classes/nvme/nvme.js';
import { parseFwLogJson } from '../../analyzer/classes/nvme/nvme-json.js';
import { parseFwLogText, parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';
import { micronIdCtrl } from './structs.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('nvme id-ctrl', () => {
  it('decodes the binary structure and agrees with the text nvme-cli printed for it', () => {
    const bin = parseIdCtrl(micronIdCtrl());
    const text = parseIdCtrlText(fixture('micron-9200-id-ctrl.txt'));
    expect(bin).toMatchObject({
      vid: 0x1344, ssvid: 0x1344, serial: '18161E7964B7', model: 'Micron_9200_MTFDHAL1T6TCU', firmware: '101008P0', ieee: '00e0cf',
      cntlid: 1, version: '1.2', oacs: 0xe, firmwareCommitSupported: true, frmw: 7, firmwareSlots: 3, slot1ReadOnly: true,
      activationWithoutReset: false, mtfaMs: 0, mdts: 5, powerStateCount: 1, apstSupported: false, warningTempK: 348, criticalTempK: 353,
      oncs: 0x14, volatileWriteCache: false, totalCapacityBytes: 1600321314816,
    });
    expect(bin.powerStates).toEqual([{
      state: 0, maxPowerW: 25, nonOperational: false, entryLatencyUs: 100, exitLatencyUs: 100, relativeReadThroughput: 0,
      relativeReadLatency: 0, relativeWriteThroughput: 0, relativeWriteLatency: 0, idlePowerW: null, activePowerW: null,
    }]);
    expect(text).toMatchObject({
      vid: bin.vid, ssvid: bin.ssvid, serial: bin.serial, model: bin.model, firmware: bin.firmware, versionRaw: bin.versionRaw,
      frmw: bin.frmw, firmwareSlots: bin.firmwareSlots, slot1ReadOnly: true, npss: bin.powerStateCount - 1, apsta: 0,
    });
    expect(text.fields.ieee).toBe(bin.ieee);
    expect(text.fields.tnvmcap).toBe(String(bin.totalCapacityBytes));
    expect(text.powerStates).toEqual([{ mp: '25.00W', state: 'operational', enlat: '100', exlat: '100', rrt: '0', rrl: '0', rwt: '0', rwl: '0', idle_power: '-', active_power: '-' }]);
  });

  it('reads -H output, skipping the decoded bit lines (Kioxia)', () => {
    const t = parseIdCtrlText(fixture('kioxia-kbg40-id-ctrl-H.txt'));
    expect(t).toMatchObject({ vid: 0x1e0f, model: 'KBG40ZNS256G TOSHIBA MEMORY', firmware: 'AEGA0102', versionRaw: 0x10300 });
    expect(t.fields.cmic).toBe('0');
    expect(Object.keys(t.fields)).not.toContain('3');
  });

  it('reads the newer column layout and decodes frmw 0x3 (WD OpenFlex)', () => {
    const t = parseIdCtrlText(fixture('wd-openflex-id-ctrl.txt'));
    expect(t).toMatchObject({ vid: 0x1c58, firmware: '1.0.2345', frmw: 3, firmwareSlots: 1, slot1ReadOnly: true, activationWithoutReset: false });
    expect(t.fields.cntlid).toBe('0x800e');
    expect(t.fields.fguid).toBe('');
  });

  it('uses all three FRMW slot-count bits (a libnvme mask covers only two)', () => {
    const b = micronIdCtrl();
    b.writeUInt8(0x1e, 260); // 7 slots, activation without reset, slot 1 writable
    expect(parseIdCtrl(b)).toMatchObject({ firmwareSlots: 7, activationWithoutReset: true, slot1ReadOnly: false });
  });

  it('scales power by MXPS and IPS/APS, and marks non-operational states', () => {
    const b = micronIdCtrl();
    b.writeUInt8(1, 263);
    const ps1 = 2048 + 32;
    b.writeUInt16LE(35, ps1);
    b.writeUInt8(0b11, ps1 + 3); // MXPS (0.0001 W) + non-operational
    b.writeUInt16LE(500, ps1 + 16);
    b.writeUInt8(2 << 6, ps1 + 18); // idle power in 0.01 W
    expect(parseIdCtrl(b).powerStates[1]).toMatchObject({ maxPowerW: 0.0035, nonOperational: true, idlePowerW: 5, activePowerW: null });
  });

  it('refuses a short structure, an impossible NPSS and text that is not id-ctrl', () => {
    const b = micronIdCtrl();
    b[263] = 40;
    expect(() => parseIdCtrl(b)).toThrow(/NPSS 40 exceeds the 32 power state descriptors \(at 263\)/);
    expect(() => parseIdCtrl(Buffer.alloc(512))).toThrow(/nvme-id-ctrl: input is 512 bytes, expected at least 4096/);
    expect(() => parseIdCtrlText('NVMe status: Access Denied\n')).toThrow(/nvme-id-ctrl-text: no vid or mn field/);
  });
});

describe('nvme firmware slot log', () => {
  it('reads afi 0x11: active slot 1, slot 1 again after reset (binary and text agree)', () => {
    const b = Buffer.alloc(512);
    b[0] = 0x11;
    b.writeBigUInt64LE(0x51334234414e5047n, 8);
    const bin = parseFwLog(b);
    expect(bin).toEqual({ activeSlot: 1, nextResetSlot: 1, slots: { 1: 'GPNA4B3Q' } });
    expect(parseFwLogText(fixture('fw-log-afi11.txt'))).toEqual({ ...bin, issues: [] });
  });

  it('reads three filled slots, no next-reset slot, and trims padding', () => {
    expect(parseFwLogText(fixture('fw-log-3slots.txt'))).toEqual({ activeSlot: 2, nextResetSlot: null, slots: { 1: 'REV.MN38', 2: 'REV.MN38', 3: 'REV.MN38' }, issues: [] });
    const b = Buffer.alloc(512);
    b[0] = 0x32;
    b.write('GDC5602Q', 16, 'latin1');
    b.write('GDC57   ', 24, 'latin1');
    expect(parseFwLog(b)).toEqual({ activeSlot: 2, nextResetSlot: 3, slots: { 2: 'GDC5602Q', 3: 'GDC57' } });
  });

  it('rejects text without afi', () => {
    expect(() => parseFwLogText('frs1 : 0x0\n')).toThrow(/no "afi :" line/);
  });

  it('reads fw-log JSON as nvme-cli 2.x prints it (filled slots only, numbered from 1)', () => {
    const json = JSON.stringify({ nvme1: { 'Active Firmware Slot (afi)': 0x32, 'Firmware Rev Slot 2': '5782184217155634503 (GDC5602Q)', 'Firmware Rev Slot 3': 'GDC57' } });
    expect(parseFwLogJson(json)).toEqual({ activeSlot: 2, nextResetSlot: 3, slots: { 2: 'GDC5602Q', 3: 'GDC57' } });
  });

  it('reads a fw-log JSON slot shorter than 8 bytes off its number: the dots nvme-cli prints for padding spaces are not the revision', () => {
    // QEMU's slot 1 is `1.0` and five spaces (0x2020202020302e31), printed as `(1.0.....)`.
    const json = JSON.stringify({ nvme0: { 'Active Firmware Slot (afi)': 1, 'Firmware Rev Slot 1': '2314885530819505713 (1.0.....)' } });
    expect(parseFwLogJson(json).slots).toEqual({ 1: '1.0' });
    // A text that is not the number's rendering (edited before publishing) is what the person saw.
    const edited = JSON.stringify({ nvme0: { 'Active Firmware Slot (afi)': 1, 'Firmware Rev Slot 1': '2314885530819505713 (EDITED)' } });
    expect(parseFwLogJson(edited).slots).toEqual({ 1: 'EDITED' });
  });

  it('reads nvme-cli 1.3 fw-log JSON, which numbered all seven slots from 0 and printed empty ones as 0 (........)', () => {
    const body: Record<string, unknown> = { 'Active Firmware Slot (afi)': 1, 'Firmware Rev Slot 0': '5782184217155634503 (GDC5602Q)' };
    for (let i = 1; i < 7; i++) body[`Firmware Rev Slot ${i}`] = '0 (........)';
    expect(parseFwLogJson(JSON.stringify({ nvme0: body }))).toEqual({ activeSlot: 1, nextResetSlot: null, slots: { 1: 'GDC5602Q' } });
  });
});

describe('nvme SMART log', () => {
  it('converts Kelvin, names warning bits and reads 128-bit counters', () => {
    const b = Buffer.alloc(512);
    b[0] = 0b1001; // spare below threshold + read-only
    b.writeUInt16LE(310, 1);
    b.set([97, 10, 3], 3);
    b.writeBigUInt64LE(123456789n, 32);
    b.writeBigUInt64LE(1n, 56); // data units written: 2^64 + 0
    b.writeBigUInt64LE(42n, 112);
    b.writeBigUInt64LE(17000n, 128);
    b.writeBigUInt64LE(12n, 144);
    b.writeUInt32LE(5, 192);
    const s = parseSmartLog(b);
    expect(s).toMatchObject({
      criticalWarning: 9, criticalWarnings: ['spare-below-threshold', 'read-only'], temperatureC: 37, availableSparePct: 97,
      availableSpareThresholdPct: 10, percentageUsed: 3, dataUnitsRead: 123456789, dataUnitsWritten: '18446744073709551616',
      powerCycles: 42, powerOnHours: 17000, unsafeShutdowns: 12, mediaErrors: 0, warningTempMinutes: 5,
    });
  });
});

describe('nvme APST and Get Features result', () => {
  it('lists non-empty APST entries', () => {
    const b = Buffer.alloc(256);
    b.writeUInt32LE((100 << 8) | (3 << 3), 0);
    b.writeUInt32LE((2000 << 8) | (4 << 3), 8 * 3);
    expect(parseApstTable(b)).toEqual([{ fromState: 0, toState: 3, idleTimeMs: 100 }, { fromState: 3, toState: 4, idleTimeMs: 2000 }]);
  });

  it('reads the result dword of a stored admin command', () => {
    const b = Buffer.alloc(72);
    b.writeUInt32LE(1, 68);
    expect(parseAdminResult(b)).toBe(1);
    expect(() => parseAdminResult(Buffer.alloc(80))).toThrow(/expected 72/);
  });
});

describe('nvme parsers on arbitrary input', () => {
  const bin: ((b: Buffer) => unknown)[] = [parseIdCtrl, parseFwLog, parseSmartLog, parseApstTable, parseAdminResult];
  it('binary parsers return or throw ParseError', () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ minLength: 4096, maxLength: 4200 })).map((b) => Buffer.from(b));
    expectOnlyParseErrors(bytes, bin, 100);
  });

  it('text parsers return or throw ParseError', () => {
    const lines = fc.array(fc.oneof(fc.string(), fc.constantFrom('vid : 0xzz', 'ver : ', 'ps 3 : a:b c', '   x:y', 'afi : 0x99', 'frs9 : 0x1 (a)', 'frs1 : 0x00 ()')), { maxLength: 10 });
    expectOnlyParseErrors(lines.map((l) => l.join('\n')), [parseIdCtrlText, parseFwLogText], 300);
  });
});
