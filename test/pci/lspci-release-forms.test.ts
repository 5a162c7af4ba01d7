/**
 * lspci -vv/-vvv/-nnk text as pciutils releases 3.1 to 3.14 print it, each form taken from the printing code at the
 * release tags of github.com/pciutils/pciutils (ls-caps.c cap_express_link and link_speed, ls-ecaps.c cap_aer and
 * show_ext_caps, ls-vpd.c cap_vpd, ls-kernel.c show_kernel, lspci.c show_htype2, lib/init.c pci_generic_warn):
 * every line is read (no issue) and the link, driver, VPD and capability ids are today's.
 */
import { describe, expect, it } from 'vitest';
import { parseLspciText, type LspciFunction } from '../../analyzer/classes/pci/lspci-text.js';

const endpoint = (lines: string[], header = '0000:3b:00.0 Ethernet controller: Mellanox Technologies MT2892 Family [ConnectX-6 Dx]'): string =>
  [header, '\tSubsystem: Mellanox Technologies Device 0016', '\tControl: I/O- Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx+', ...lines, ''].join('\n');

function one(text: string): LspciFunction {
  const parsed = parseLspciText(text);
  expect(parsed.issues).toEqual([]);
  expect(parsed.functions).toHaveLength(1);
  return parsed.functions[0]!;
}

const express = (fn: LspciFunction) => {
  const f = fn.capabilities?.find((c) => c.fields?.kind === 'express')?.fields;
  return f?.kind === 'express' ? f : undefined;
};

describe('LnkCap/LnkSta as each release prints them (ls-caps.c cap_express_link, link_speed)', () => {
  it.each([
    ['3.1 (speeds up to 5GT/s, "Latency L0")', [
      '\t\tLnkCap:\tPort #0, Speed 5GT/s, Width x4, ASPM L0s L1, Latency L0 <1us, L1 <8us',
      '\t\t\tClockPM- Surprise- LLActRep- BwNot-',
      '\t\tLnkSta:\tSpeed 2.5GT/s, Width x4, TrErr- Train- SlotClk+ DLActive- BWMgmt- ABWMgmt-',
    ], { cap: { maxSpeedGts: 5, maxWidth: 4 }, sta: { speedGts: 2.5, width: 4 } }],
    ['3.2-3.6 (16GT/s and faster are "unknown")', [
      '\t\tLnkCap:\tPort #0, Speed unknown, Width x16, ASPM not supported, Exit Latency L0s <64ns, L1 <1us',
      '\t\t\tClockPM- Surprise- LLActRep- BwNot- ASPMOptComp+',
      '\t\tLnkSta:\tSpeed 8GT/s, Width x8, TrErr- Train- SlotClk+ DLActive- BWMgmt- ABWMgmt-',
    ], { cap: { maxSpeedGts: null, maxWidth: 16 }, sta: { speedGts: 8, width: 8 } }],
    ['3.7-3.8 ("(ok)"/"(downgraded)", flags on the next line)', [
      '\t\tLnkCap:\tPort #0, Speed 16GT/s, Width x16, ASPM not supported',
      '\t\t\tClockPM- Surprise- LLActRep- BwNot- ASPMOptComp+',
      '\t\tLnkSta:\tSpeed 8GT/s (downgraded), Width x8 (downgraded)',
      '\t\t\tTrErr- Train- SlotClk+ DLActive- BWMgmt- ABWMgmt-',
    ], { cap: { maxSpeedGts: 16, maxWidth: 16 }, sta: { speedGts: 8, width: 8 } }],
    ['3.9-3.12 (64GT/s; "(ok)" on an equal link)', [
      '\t\tLnkCap:\tPort #0, Speed 64GT/s, Width x16, ASPM not supported',
      '\t\t\tClockPM- Surprise- LLActRep- BwNot- ASPMOptComp+',
      '\t\tLnkSta:\tSpeed 64GT/s (ok), Width x16 (ok)',
      '\t\t\tTrErr- Train- SlotClk+ DLActive- BWMgmt- ABWMgmt-',
    ], { cap: { maxSpeedGts: 64, maxWidth: 16 }, sta: { speedGts: 64, width: 16 } }],
    ['3.13-3.14 (nothing on an equal link, "(overdriven)" above LnkCap)', [
      '\t\tLnkCap:\tPort #0, Speed 32GT/s, Width x8, ASPM L1, Exit Latency L1 <4us',
      '\t\t\tClockPM- Surprise- LLActRep- BwNot- ASPMOptComp+',
      '\t\tLnkSta:\tSpeed 32GT/s, Width x16 (overdriven)',
      '\t\t\tTrErr- Train- SlotClk+ DLActive- BWMgmt- ABWMgmt-',
    ], { cap: { maxSpeedGts: 32, maxWidth: 8 }, sta: { speedGts: 32, width: 16 } }],
    ['a link down (Speed unknown, Width x0)', [
      '\t\tLnkCap:\tPort #0, Speed 16GT/s, Width x16, ASPM not supported',
      '\t\tLnkSta:\tSpeed unknown (downgraded), Width x0 (downgraded)',
    ], { cap: { maxSpeedGts: 16, maxWidth: 16 }, sta: { speedGts: null, width: 0 } }],
  ])('%s', (_release, lines, link) => {
    const fn = one(endpoint(['\tCapabilities: [60] Express (v2) Endpoint, MSI 00', ...lines]));
    expect(express(fn)?.link).toMatchObject(link);
  });
});

describe('AER capabilities (ls-ecaps.c cap_aer)', () => {
  it.each([
    ['3.1-3.4', 'GenCap+ CGenEn- ChkCap+ ChkEn-'],
    ['3.5-3.14', 'ECRCGenCap+ ECRCGenEn- ECRCChkCap+ ECRCChkEn-'],
  ])('%s: the ECRC bits under today\'s names', (_release, bits) => {
    const fn = one(endpoint(['\tCapabilities: [100 v1] Advanced Error Reporting', `\t\tAERCap:\tFirst Error Pointer: 14, ${bits}`]));
    expect(fn.capabilities?.[0]?.fields).toMatchObject({ kind: 'aer', firstErrorPointer: 0x14, capabilities: { set: ['ECRCGenCap', 'ECRCChkCap'] } });
  });
});

describe('extended capabilities under former names (ls-ecaps.c show_ext_caps)', () => {
  it.each([
    ['3.1-3.7', 'Root Complex Event Collector <?>', 0x07],
    ['3.1-3.6', 'Root Bridge Control Block <?>', 0x0a],
    ['3.6', 'VF Resizable BAR <?>', 0x24],
    ['3.8-3.14', 'Root Complex Event Collector Endpoint Association', 0x07],
  ])('%s: [1c0 v1] %s', (_release, title, id) => {
    const fn = one(endpoint([`\tCapabilities: [1c0 v1] ${title}`]));
    expect(fn.capabilities?.[0]).toMatchObject({ offset: 0x1c0, extended: true, id });
  });
});

describe('kernel lines (ls-kernel.c show_kernel)', () => {
  it('Linux: "Kernel driver in use" and "Kernel modules" joined by ", "', () => {
    const fn = one(endpoint(['\tKernel driver in use: mlx5_core', '\tKernel modules: mlx5_core, vfio_pci']));
    expect([fn.driver, fn.modules]).toEqual(['mlx5_core', ['mlx5_core', 'vfio_pci']]);
  });
  it('3.9+ built without Linux kernel modules (BSDs, Windows): "Driver in use"', () => {
    expect(one(endpoint(['\tDriver in use: mlx5en'])).driver).toBe('mlx5en');
  });
});

describe('VPD as ls-vpd.c cap_vpd prints it', () => {
  it('3.1-3.5.5: [MN] in hex (F_BINARY), [RV] and [RW] sizes; 3.5.6+: [MN] as text; every keyword as printed', () => {
    const fn = one(endpoint([
      '\tCapabilities: [48] Vital Product Data',
      '\t\tProduct Name: ConnectX-6 Dx EN adapter card, 100GbE',
      '\t\tRead-only fields:',
      '\t\t\t[PN] Part number: MCX623106AN-CDAT',
      '\t\t\t[EC] Engineering changes: A6',
      '\t\t\t[MN] Manufacture ID: 4d 45 4c 4c 41 4e 4f 58',
      '\t\t\t[SN] Serial number: MT2048X12345',
      '\t\t\t[V0] Vendor specific: PCIeGen4 x16',
      '\t\t\t[RV] Reserved: checksum good, 1 byte(s) reserved',
      '\t\tRead/write fields:',
      '\t\t\t[V1] Vendor specific: N/A',
      '\t\t\t[RW] Read-write area: 106 byte(s) free',
      '\t\tEnd',
    ]));
    expect(fn.vpd).toMatchObject({
      productName: 'ConnectX-6 Dx EN adapter card, 100GbE',
      fields: { PN: 'MCX623106AN-CDAT', EC: 'A6', MN: '4d 45 4c 4c 41 4e 4f 58', SN: 'MT2048X12345', V0: 'PCIeGen4 x16', V1: 'N/A' },
    });
  });
});

describe("lspci's and pcilib's messages on stderr, pasted with the output (lib/init.c pci_generic_warn, ls-kernel.c)", () => {
  it('are no lines of a function: they end nothing and are not unread lines', () => {
    const fn = one([
      'lspci: Unable to load libkmod resources: error -2',
      endpoint([
        '\tCapabilities: [48] Vital Product Data',
        'pcilib: sysfs_read_vpd: read failed: Input/output error',
        '\t\tNot readable',
        '\tCapabilities: [60] Express (v2) Endpoint, MSI 00',
        '\t\tLnkCap:\tPort #0, Speed 16GT/s, Width x16, ASPM not supported',
        '\t\tLnkSta:\tSpeed 16GT/s (ok), Width x16 (ok)',
        '\tKernel driver in use: mlx5_core',
      ]),
    ].join('\n'));
    expect(fn.capabilities?.map((c) => c.id)).toEqual([0x03, 0x10]);
    expect(express(fn)?.link).toMatchObject({ sta: { speedGts: 16, width: 16 } });
    expect(fn.driver).toBe('mlx5_core');
  });
});

describe('a CardBus bridge (lspci.c show_htype2)', () => {
  it('its windows, legacy ports and "<access denied to the rest>" are lines of lspci', () => {
    const text = [
      '15:00.0 CardBus bridge: Ricoh Co Ltd RL5c476 II (rev b4)',
      '\tSubsystem: Lenovo Device 20c6',
      '\tControl: I/O+ Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx-',
      '\tLatency: 168',
      '\tInterrupt: pin A routed to IRQ 16',
      '\tRegion 0: Memory at e4300000 (32-bit, non-prefetchable) [size=4K]',
      '\tBus: primary=15, secondary=16, subordinate=19, sec-latency=176',
      '\tMemory window 0: e0000000-e3ffffff (prefetchable)',
      '\tMemory window 1: c0000000-c3ffffff',
      '\tI/O window 0: 00003000-000030ff',
      '\tI/O window 1: 00003400-000034ff',
      '\tBridgeCtl: Parity- SERR- ISA- VGA- MAbort- >Reset- 16bInt+ PostWrite+',
      '\t16-bit legacy interface ports at 0001',
      '\tKernel driver in use: yenta_cardbus',
      '',
      '15:00.1 CardBus bridge: Ricoh Co Ltd RL5c476 II (rev b4)',
      '\tBus: primary=15, secondary=1a, subordinate=1d, sec-latency=176',
      '\tBridgeCtl: Parity- SERR- ISA- VGA- MAbort- >Reset- 16bInt+ PostWrite+',
      '\t<access denied to the rest>',
      '',
    ].join('\n');
    const parsed = parseLspciText(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.functions.map((f) => [f.bdf, f.secondaryBus, f.driver])).toEqual([['0000:15:00.0', 0x16, 'yenta_cardbus'], ['0000:15:00.1', 0x1a, null]]);
  });
});
