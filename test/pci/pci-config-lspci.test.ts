/**
 * Differential test: the same config space bytes decoded by parsePciConfig and by `lspci -vvv -F`
 * (pciutils reading a dump in `lspci -xxxx` form). Needs pciutils (installed by .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilityFields, parsePciConfig, type PciConfig } from '../../analyzer/classes/pci/pci-config.js';
import { lspciDump } from './fixtures/config-space.js';
import { GEN4_X16_AT_GEN3_X8, connectx6Dx, nvmeSsd, rootPort } from './fixtures/devices.js';

const QEMU_DIR = new URL('./fixtures/qemu/', import.meta.url);

interface Dump {
  label: string;
  bdf: string;
  bytes: Buffer;
}

function dumps(): Dump[] {
  const out: Dump[] = readdirSync(QEMU_DIR)
    .filter((f) => f.endsWith('.bin'))
    .map((f, i) => ({ label: `qemu ${f}`, bdf: `0000:00:${i.toString(16).padStart(2, '0')}.0`, bytes: readFileSync(new URL(f, QEMU_DIR)) }));
  out.push(
    { label: 'ConnectX-6 Dx', bdf: '0000:3b:00.0', bytes: connectx6Dx() },
    { label: 'Gen4 x16 at Gen3 x8', bdf: '0000:5e:00.0', bytes: connectx6Dx(GEN4_X16_AT_GEN3_X8) },
    { label: 'NVMe SSD', bdf: '0000:af:00.0', bytes: nvmeSsd() },
    { label: 'root port', bdf: '0000:3a:00.0', bytes: rootPort() },
    { label: 'ConnectX-6 Dx, 256 bytes', bdf: '0000:3c:00.0', bytes: connectx6Dx().subarray(0, 256) },
    { label: 'ConnectX-6 Dx, 64 bytes', bdf: '0000:3d:00.0', bytes: connectx6Dx().subarray(0, 64) },
  );
  return out;
}

/** One device of lspci's output: its lines without the trailing blank. */
type Block = string[];

function lspciBlocks(text: string): Map<string, Block> {
  const blocks = new Map<string, Block>();
  for (const chunk of text.split(/\n\n+/)) {
    const lines = chunk.split('\n').filter((l) => l !== '');
    if (lines.length) blocks.set(lines[0]!.split(' ')[0]!, lines);
  }
  return blocks;
}

/** A `Key:` line and its deeper-indented continuation lines, joined. */
function section(block: Block, key: string): string | undefined {
  const i = block.findIndex((l) => l.trimStart().startsWith(`${key}:`));
  if (i < 0) return undefined;
  const depth = block[i]!.length - block[i]!.trimStart().length;
  const parts = [block[i]!.trim()];
  for (let j = i + 1; j < block.length && block[j]!.length - block[j]!.trimStart().length > depth; j++) parts.push(block[j]!.trim());
  return parts.join(' ');
}

function match(text: string | undefined, re: RegExp): RegExpMatchArray {
  const m = text?.match(re);
  if (!m) throw new Error(`lspci text ${JSON.stringify(text)} does not match ${re}`);
  return m;
}

/** `Name+`/`Name-` tokens of an lspci flag line. */
function flags(text: string | undefined): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const m of (text ?? '').matchAll(/([A-Za-z0-9]+)([+-])(?=\s|,|$)/g)) out.set(m[1]!, m[2] === '+');
  return out;
}

function expectFlags(lspci: string | undefined, set: string[], what: string): void {
  const f = flags(lspci);
  expect(f.size, `${what}: lspci printed no flags`).toBeGreaterThan(0);
  for (const [name, on] of f) expect(set.includes(name), `${what} ${name}`).toBe(on);
}

const speed = (s: string): number => Number(s);

let dir: string;
let blocks: Map<string, Block>;
const all = dumps();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pci-lspci-'));
  const file = join(dir, 'dump.txt');
  writeFileSync(file, all.map((d) => lspciDump(d.bdf, d.bytes)).join(''));
  let out: string;
  try {
    out = execFileSync('lspci', ['-D', '-n', '-vvv', '-F', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    throw new Error(`lspci (pciutils) is needed for this test and failed: ${(e as Error).message}`);
  }
  blocks = lspciBlocks(out);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(all)('$label: parsePciConfig agrees with lspci -vvv', (d) => {
  let cfg: PciConfig;
  let block: Block;
  beforeAll(() => {
    cfg = parsePciConfig(d.bytes);
    block = blocks.get(d.bdf)!;
    expect(block, `lspci printed nothing for ${d.bdf}`).toBeDefined();
  });

  it('header: class, ids, revision, subsystem, buses', () => {
    const m = match(block[0], /^\S+ ([0-9a-f]{4}): ([0-9a-f]{4}):([0-9a-f]{4})(?: \(rev ([0-9a-f]{2})\))?/);
    expect(cfg.classCode >> 8).toBe(parseInt(m[1]!, 16));
    expect(cfg.vendorId).toBe(parseInt(m[2]!, 16));
    expect(cfg.deviceId).toBe(parseInt(m[3]!, 16));
    expect(cfg.revision).toBe(m[4] ? parseInt(m[4], 16) : 0);
    const sub = section(block, 'Subsystem');
    if (cfg.headerType === 0 && cfg.subsystemVendorId) {
      const s = match(sub, /Subsystem: ([0-9a-f]{4}):([0-9a-f]{4})/);
      expect([cfg.subsystemVendorId, cfg.subsystemDeviceId]).toEqual([parseInt(s[1]!, 16), parseInt(s[2]!, 16)]);
    }
    if (cfg.headerType === 1) {
      const b = match(section(block, 'Bus'), /primary=([0-9a-f]+), secondary=([0-9a-f]+), subordinate=([0-9a-f]+)/);
      expect([cfg.primaryBus, cfg.secondaryBus, cfg.subordinateBus]).toEqual(b.slice(1, 4).map((x) => parseInt(x, 16)));
    }
  });

  it('capability list: same offsets, versions and names', () => {
    const listed = block
      .map((l) => l.match(/^\tCapabilities: \[([0-9a-f]+)(?: v(\d+))?\] (.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ offset: parseInt(m[1]!, 16), version: m[2], text: m[3]! }));
    expect(cfg.capabilities.map((c) => c.offset)).toEqual(listed.map((l) => l.offset));
    cfg.capabilities.forEach((c, i) => {
      const l = listed[i]!;
      expect(l.text.startsWith(c.name), `[${l.offset.toString(16)}] lspci "${l.text}" vs "${c.name}"`).toBe(true);
      if (c.extended) expect(c.version).toBe(Number(l.version));
    });
    if (d.bytes.length === 64) expect(block.some((l) => l.includes('Capabilities: <access denied>'))).toBe(true);
  });

  it('PCI Express: DevCtl, LnkCap, LnkSta, LnkCap2, LnkCtl2', () => {
    const e = capabilityFields(cfg, 'express');
    if (!e) return expect(section(block, 'LnkCap')).toBeUndefined();
    const devCtl = section(block, 'DevCtl');
    const mps = match(devCtl, /MaxPayload (\d+) bytes, MaxReadReq (\d+) bytes/);
    expect([e.devCtl.maxPayloadBytes, e.devCtl.maxReadRequestBytes]).toEqual([Number(mps[1]), Number(mps[2])]);
    expect(flags(devCtl).get('RlxdOrd')).toBe(e.devCtl.relaxedOrdering);
    expect(flags(devCtl).get('NoSnoop')).toBe(e.devCtl.noSnoop);
    expect(flags(devCtl).get('ExtTag')).toBe(e.devCtl.extTag);
    expect(Number(match(section(block, 'DevCap'), /MaxPayload (\d+) bytes/)[1])).toBe(e.devCap.maxPayloadBytes);
    const lnkCap = match(section(block, 'LnkCap'), /Port #(\d+), Speed ([\d.]+)GT\/s, Width x(\d+)/);
    expect([e.link!.cap.port, e.link!.cap.maxSpeedGts, e.link!.cap.maxWidth]).toEqual([Number(lnkCap[1]), speed(lnkCap[2]!), Number(lnkCap[3])]);
    const lnkSta = match(section(block, 'LnkSta'), /Speed ([\d.]+)GT\/s[^,]*, Width x(\d+)/);
    expect([e.link!.sta.speedGts, e.link!.sta.width]).toEqual([speed(lnkSta[1]!), Number(lnkSta[2])]);
    const range = match(section(block, 'LnkCap2'), /Supported Link Speeds: ([\d.]+)-([\d.]+)GT\/s/);
    const speeds = e.linkCap2!.supportedSpeedsGts;
    expect([speeds[0], speeds.at(-1)]).toEqual([speed(range[1]!), speed(range[2]!)]);
    expect(e.linkCtl2!.targetSpeedGts).toBe(speed(match(section(block, 'LnkCtl2'), /Target Link Speed: ([\d.]+)GT\/s/)[1]!));
    const devCap2 = section(block, 'DevCap2');
    expect(e.devCap2!.completionTimeoutRanges).toBe(match(devCap2, /Completion Timeout: (Range [A-D]+|Not Supported)/)[1]);
    expect([flags(devCap2).get('LTR'), flags(devCap2).get('10BitTagComp'), flags(devCap2).get('128bitCAS')]).toEqual([e.devCap2!.ltr, e.devCap2!.tenBitTagCompleter, e.devCap2!.atomicOp128Cas]);
    const devCtl2 = section(block, 'DevCtl2');
    expect(e.devCtl2!.completionTimeout).toBe(match(devCtl2, /Completion Timeout: ([^,]+),/)[1]);
    expect([flags(devCtl2).get('LTR'), flags(devCtl2).get('ReqEn')]).toEqual([e.devCtl2!.ltr, e.devCtl2!.atomicOpRequester]);
    expect(e.link!.ctl.aspm).toBe(match(section(block, 'LnkCtl'), /ASPM (Disabled|L0s L1|L0s|L1)/)[1]!.replace('Disabled', 'disabled').replace(/ Enabled$/, ''));
  });

  it('MSI-X, AER, SR-IOV, ACS, ATS, PASID', () => {
    const msix = capabilityFields(cfg, 'msix');
    if (msix) expect(msix.tableSize).toBe(Number(match(block.find((l) => l.includes('MSI-X:')), /Count=(\d+)/)[1]));
    const aer = capabilityFields(cfg, 'aer');
    if (aer) {
      expectFlags(section(block, 'UESta'), aer.uncorrectableStatus.set, 'UESta');
      expectFlags(section(block, 'UEMsk'), aer.uncorrectableMask.set, 'UEMsk');
      expectFlags(section(block, 'UESvrt'), aer.uncorrectableSeverity.set, 'UESvrt');
      expectFlags(section(block, 'CESta'), aer.correctableStatus.set, 'CESta');
      expectFlags(section(block, 'CEMsk'), aer.correctableMask.set, 'CEMsk');
      expectFlags(section(block, 'AERCap'), aer.capabilities.set, 'AERCap');
      expect(aer.firstErrorPointer).toBe(parseInt(match(section(block, 'AERCap'), /First Error Pointer: ([0-9a-f]+)/)[1]!, 16));
    }
    const sriov = capabilityFields(cfg, 'sriov');
    if (sriov) {
      const v = match(section(block, 'Initial VFs'), /Initial VFs: (\d+), Total VFs: (\d+), Number of VFs: (\d+)/);
      expect([sriov.initialVfs, sriov.totalVfs, sriov.numVfs]).toEqual(v.slice(1, 4).map(Number));
      expectFlags(section(block, 'IOVCtl'), sriov.control.set, 'IOVCtl');
      const o = match(section(block, 'VF offset'), /VF offset: (\d+), stride: (\d+), Device ID: ([0-9a-f]+)/);
      expect([sriov.vfOffset, sriov.vfStride, sriov.vfDeviceId]).toEqual([Number(o[1]), Number(o[2]), parseInt(o[3]!, 16)]);
    }
    const acs = capabilityFields(cfg, 'acs');
    if (acs) {
      expectFlags(section(block, 'ACSCap'), acs.capabilities.set, 'ACSCap');
      expectFlags(section(block, 'ACSCtl'), acs.control.set, 'ACSCtl');
    }
    const ats = capabilityFields(cfg, 'ats');
    if (ats) {
      const depth = parseInt(match(section(block, 'ATSCap'), /Invalidate Queue Depth: ([0-9a-f]+)/)[1]!, 16);
      expect(ats.invalidateQueueDepth).toBe(depth === 0 ? 32 : depth);
      expect(flags(section(block, 'ATSCtl')).get('Enable')).toBe(ats.enable);
    }
    const pasid = capabilityFields(cfg, 'pasid');
    if (pasid) {
      expect(pasid.maxPasidWidth).toBe(parseInt(match(section(block, 'PASIDCap'), /Max PASID Width: ([0-9a-f]+)/)[1]!, 16));
      expect(flags(section(block, 'PASIDCtl')).get('Enable')).toBe(pasid.enable);
    }
  });
});

it('covers the capabilities the decoders know', () => {
  const kinds = new Set(all.flatMap((d) => parsePciConfig(d.bytes).capabilities.map((c) => c.fields?.kind)));
  for (const k of ['express', 'pm', 'msi', 'msix', 'vpd', 'aer', 'sriov', 'acs', 'ats', 'pasid', 'ari', 'dsn']) expect(kinds.has(k as never), k).toBe(true);
});
