import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../analyzer/parsers/errors.js';
import { capabilityFields, parsePciConfig } from '../../analyzer/classes/pci/pci-config.js';
import { ConfigSpace } from './fixtures/config-space.js';
import { GEN4_X16_AT_GEN3_X8, connectx6Dx, nvmeSsd, rootPort } from './fixtures/devices.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

const qemu = (name: string): Buffer => readFileSync(new URL(`./fixtures/qemu/${name}`, import.meta.url));

describe('parsePciConfig on dumps read from a QEMU guest', () => {
  it('decodes the virtio-net header and its vendor-specific and MSI-X capabilities', () => {
    const cfg = parsePciConfig(qemu('0000_00_03.0-1af4-1041.bin'));
    expect(cfg).toMatchObject({ length: 256, vendorId: 0x1af4, deviceId: 0x1041, revision: 1, classCode: 0x020000, headerType: 0 });
    expect([cfg.subsystemVendorId, cfg.subsystemDeviceId]).toEqual([0x1af4, 0x1041]);
    expect(cfg.capabilities.map((c) => [c.offset, c.name])).toEqual([
      [0x40, 'Vendor Specific Information'], [0x50, 'Vendor Specific Information'], [0x60, 'Vendor Specific Information'],
      [0x70, 'Vendor Specific Information'], [0x84, 'Vendor Specific Information'], [0x98, 'MSI-X'],
    ]);
    expect(capabilityFields(cfg, 'msix')).toMatchObject({ enable: true, tableSize: 3, tableBar: 0, tableOffset: 0x8000, pbaOffset: 0x48000 });
    expect(cfg.anomalies).toEqual([]);
  });

  it('finds no capabilities on a 4096-byte host bridge dump whose Status has no capability list', () => {
    const cfg = parsePciConfig(qemu('0000_00_00.0-8086-0d57.bin'));
    expect(cfg).toMatchObject({ vendorId: 0x8086, deviceId: 0x0d57, classCode: 0x060000, capabilitiesPointer: null, capabilities: [], anomalies: [] });
  });
});

describe('parsePciConfig on device models', () => {
  it('ConnectX-6 Dx: Express link, MPS/MRRS, SR-IOV, AER, ACS, ATS, PASID', () => {
    const cfg = parsePciConfig(connectx6Dx());
    expect(cfg.multiFunction).toBe(true);
    const e = capabilityFields(cfg, 'express')!;
    expect(e).toMatchObject({ capVersion: 2, portTypeName: 'Endpoint' });
    expect(e.devCap).toMatchObject({ maxPayloadBytes: 512, flr: true, slotPowerLimitW: 75 });
    expect(e.devCtl).toMatchObject({ maxPayloadBytes: 256, maxReadRequestBytes: 512, relaxedOrdering: true, noSnoop: true, extTag: true });
    expect(e.devSta).toMatchObject({ correctableError: true, unsupportedRequest: true, fatalError: false });
    expect(e.link!.cap).toMatchObject({ maxSpeedGts: 16, maxWidth: 16, aspmSupport: 'disabled' });
    expect(e.link!.sta).toMatchObject({ speedGts: 16, width: 16 });
    expect(e.linkCap2!.supportedSpeedsGts).toEqual([2.5, 5, 8, 16]);
    expect(e.linkCtl2!.targetSpeedGts).toBe(16);
    expect(e.devCap2).toMatchObject({ completionTimeoutRanges: 'Range ABC', atomicOp128Cas: true, tenBitTagRequester: true });
    expect(e.devCtl2).toMatchObject({ completionTimeout: '50us to 50ms', atomicOpRequester: true });
    expect(capabilityFields(cfg, 'sriov')).toMatchObject({ initialVfs: 8, totalVfs: 8, numVfs: 0, vfOffset: 2, vfStride: 1, vfDeviceId: 0x101e });
    expect(capabilityFields(cfg, 'sriov')!.control.set).toEqual(['ARIHierarchy']);
    const aer = capabilityFields(cfg, 'aer')!;
    expect(aer.uncorrectableStatus.set).toEqual(['UnsupReq']);
    expect(aer.correctableStatus.set).toEqual(['AdvNonFatalErr']);
    expect(aer.firstErrorPointer).toBe(20);
    expect(aer.capabilities.set).toEqual(['ECRCGenCap', 'ECRCChkCap']);
    expect(capabilityFields(cfg, 'acs')!.capabilities.set).toEqual(['ReqRedir', 'CmpltRedir', 'DirectTrans']);
    expect(capabilityFields(cfg, 'ats')).toMatchObject({ invalidateQueueDepth: 32, enable: false });
    expect(capabilityFields(cfg, 'pasid')).toMatchObject({ maxPasidWidth: 20, enable: false });
    expect(capabilityFields(cfg, 'pm')).toMatchObject({ version: 3, powerState: 'D0', auxCurrentMa: 375, pmeFrom: ['D3cold'] });
    const ext = cfg.capabilities.filter((c) => c.extended);
    expect(ext.map((c) => c.offset)).toEqual([0x100, 0x150, 0x180, 0x1c0, 0x230, 0x240, 0x250, 0x320, 0x370, 0x420]);
    expect(ext.find((c) => c.id === 0x26)).toMatchObject({ name: 'Physical Layer 16.0 GT/s', version: 1, fields: null });
  });

  it('a Gen4 x16 device trained at Gen3 x8 shows the gap between LnkCap and LnkSta', () => {
    const link = capabilityFields(parsePciConfig(connectx6Dx(GEN4_X16_AT_GEN3_X8)), 'express')!.link!;
    expect([link.cap.maxSpeedGts, link.cap.maxWidth, link.sta.speedGts, link.sta.width]).toEqual([16, 16, 8, 8]);
  });

  it('NVMe SSD: MSI, ASPM L1, device serial number', () => {
    const cfg = parsePciConfig(nvmeSsd());
    expect(cfg.classCode).toBe(0x010802);
    expect(capabilityFields(cfg, 'msi')).toMatchObject({ enable: false, vectorsCapable: 32, vectorsEnabled: 1, address64: true });
    expect(capabilityFields(cfg, 'express')!.link!.ctl.aspm).toBe('L1');
    expect(capabilityFields(cfg, 'express')!.devCtl2!.completionTimeout).toBe('16ms to 55ms');
    expect(capabilityFields(cfg, 'dsn')!.serial).toBe('00-25-38-2a-01-02-03-04');
    expect(capabilityFields(cfg, 'msix')!.tableSize).toBe(130);
  });

  it('root port: type 1 header with bus numbers, slot, no subsystem ids', () => {
    const cfg = parsePciConfig(rootPort());
    expect(cfg).toMatchObject({ headerType: 1, primaryBus: 0x3a, secondaryBus: 0x3b, subordinateBus: 0x3b, subsystemVendorId: null });
    expect(capabilityFields(cfg, 'express')).toMatchObject({ portTypeName: 'Root Port', slotImplemented: true });
    expect(capabilityFields(cfg, 'acs')!.control.set).toEqual(['SrcValid', 'ReqRedir', 'CmpltRedir', 'UpstreamFwd']);
  });
});

describe('parsePciConfig on broken dumps', () => {
  const endpoint = (size = 4096): ConfigSpace => new ConfigSpace(size).header({ vendor: 0x15b3, device: 0x101d, classCode: 0x020000, capPtr: 0x40 });

  it.each([0, 63, 4097, 8192])('a %i-byte dump is a ParseError naming its length', (n) => {
    expect(() => parsePciConfig(Buffer.alloc(n))).toThrow(ParseError);
    expect(() => parsePciConfig(Buffer.alloc(n))).toThrow(new RegExp(`${n} bytes`));
  });

  it('a 64-byte dump (read without root) has the header but no capabilities', () => {
    const cfg = parsePciConfig(connectx6Dx().subarray(0, 64));
    expect(cfg).toMatchObject({ vendorId: 0x15b3, deviceId: 0x101d, capabilitiesPointer: 0x60, capabilities: [] });
    expect(cfg.anomalies).toEqual([expect.stringMatching(/0x60 is beyond the 64-byte dump/)]);
  });

  it('a dump of an odd length is decoded as far as it goes', () => {
    const cfg = parsePciConfig(connectx6Dx().subarray(0, 300));
    expect(cfg.capabilities.every((c) => !c.extended)).toBe(true);
    expect(cfg.anomalies.join('\n')).toMatch(/300 bytes, not 64, 256 or 4096[\s\S]*extended capabilities not decoded/);
  });

  it('a legacy list that loops stops at the repeat', () => {
    const cs = endpoint().cap(0x40, 0x01, 0x50).cap(0x50, 0x05, 0x40);
    const cfg = parsePciConfig(cs.bytes);
    expect(cfg.capabilities.map((c) => c.offset)).toEqual([0x40, 0x50]);
    expect(cfg.anomalies).toEqual(['capability list loops back to 0x40']);
  });

  it('a capability pointing to itself is listed once', () => {
    const cfg = parsePciConfig(endpoint().cap(0x40, 0x09, 0x40).bytes);
    expect(cfg.capabilities).toHaveLength(1);
    expect(cfg.anomalies).toEqual(['capability list loops back to 0x40']);
  });

  it('a pointer into the header ends the list', () => {
    const cfg = parsePciConfig(endpoint().cap(0x40, 0x01, 0x24).bytes);
    expect(cfg.capabilities).toHaveLength(1);
    expect(cfg.anomalies).toEqual(['capability pointer 0x24 points into the header']);
  });

  it('an Express capability cut off by the end of a 256-byte dump keeps its id, loses its fields', () => {
    const cs = endpoint(256).cap(0x40, 0x10, 0xf0).cap(0xf0, 0x10, 0);
    cs.u16(0x42, 0x0002);
    const cfg = parsePciConfig(cs.bytes);
    expect(cfg.capabilities.map((c) => [c.offset, c.fields === null])).toEqual([[0x40, false], [0xf0, true]]);
    expect(cfg.anomalies).toEqual(['Express capability at 0xf0 runs past the end of the 256-byte dump']);
  });

  it('an extended list that loops, or points below 0x100, stops there', () => {
    const looping = endpoint().ext(0x100, 0x01, 1, 0x200).ext(0x200, 0x0d, 1, 0x100);
    expect(parsePciConfig(looping.bytes).anomalies).toEqual(['extended capability list loops back to 0x100']);
    const low = endpoint().ext(0x100, 0x01, 1, 0x0c0);
    const cfg = parsePciConfig(low.bytes);
    expect(cfg.capabilities.filter((c) => c.extended)).toHaveLength(1);
    expect(cfg.anomalies).toEqual(['extended capability at 0x100 points to 0xc0, below the extended space']);
  });

  it('all ones (a function that fell off the bus) is reported, not walked', () => {
    const cfg = parsePciConfig(Buffer.alloc(4096, 0xff));
    expect(cfg.vendorId).toBe(0xffff);
    expect(cfg.capabilities).toEqual([]);
    expect(cfg.anomalies).toEqual([expect.stringMatching(/all ones/)]);
  });

  it('any bytes of length 0..4096 give a result or a ParseError, never another throw', () => {
    const parse = (bytes: Uint8Array): void => {
      const cfg = parsePciConfig(bytes);
      expect(cfg.capabilities.length).toBeLessThanOrEqual(48 + (4096 - 256) / 4);
    };
    expectOnlyParseErrors(fc.uint8Array({ minLength: 0, maxLength: 4096 }), [parse], 300);
  });

  it('random capability lists (Cap+ set, every pointer random) always terminate', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4096, maxLength: 4096 }), fc.integer({ min: 0, max: 255 }), (bytes, head) => {
        const b = Buffer.from(bytes);
        b.writeUInt16LE(0x15b3, 0);
        b[6]! |= 0x10;
        b[0x0e] = 0;
        b[0x34] = head;
        const cfg = parsePciConfig(b);
        const offsets = cfg.capabilities.map((c) => `${c.extended}:${c.offset}`);
        expect(new Set(offsets).size).toBe(offsets.length);
      }),
      { numRuns: 300 },
    );
  });
});
