/**
 * Differential test on config space images (the QEMU guest's functions and the synthetic ConnectX-6 Dx, NVMe
 * and root port of test/pci/fixtures): pciutils' own lspci prints each image (`lspci -F`), in every verbosity
 * and naming form, parseLspciText reads the text, and every fact it gives equals parsePciConfig's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLspciText } from '../../analyzer/classes/pci/lspci-text.js';
import { parsePciConfig } from '../../analyzer/classes/pci/pci-config.js';
import { lspciDump } from './fixtures/config-space.js';
import { GEN4_X16_AT_GEN3_X8, connectx6Dx, nvmeSsd, rootPort } from './fixtures/devices.js';
import { lspciVsConfig } from './lspci-vs-config.js';

const QEMU_DIR = new URL('./fixtures/qemu/', import.meta.url);
const images: { bdf: string; bytes: Buffer }[] = [
  ...readdirSync(QEMU_DIR).filter((f) => f.endsWith('.bin')).sort()
    .map((f, i) => ({ bdf: `0000:00:${i.toString(16).padStart(2, '0')}.0`, bytes: readFileSync(new URL(f, QEMU_DIR)) })),
  { bdf: '0000:3a:00.0', bytes: rootPort() },
  { bdf: '0000:3b:00.0', bytes: connectx6Dx() },
  { bdf: '0000:5e:00.0', bytes: connectx6Dx(GEN4_X16_AT_GEN3_X8) },
  { bdf: '0000:af:00.0', bytes: nvmeSsd() },
  { bdf: '0000:3c:00.0', bytes: connectx6Dx().subarray(0, 256) },
  { bdf: '0000:3d:00.0', bytes: connectx6Dx().subarray(0, 64) },
];

const dir = mkdtempSync(join(tmpdir(), 'lspci-text-'));
const dump = join(dir, 'dump.txt');
writeFileSync(dump, images.map((d) => lspciDump(d.bdf, d.bytes)).join(''));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lspci = (args: string[]): string => execFileSync('lspci', [...args, '-F', dump], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

describe.each([['-D', '-vvv'], ['-D', '-nnvv'], ['-nnv'], ['-n', '-vv'], ['-nn'], [], ['-vv', '-xxx']])('lspci %s %s', (...args) => {
  const parsed = parseLspciText(lspci(args));

  it('every function, no line left unread', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.functions.map((f) => f.bdf).sort()).toEqual(images.map((i) => i.bdf).sort());
  });

  it('every fact equals the config space decoder\'s, or is a known lspci difference', () => {
    const differences = parsed.functions.flatMap((fn) => lspciVsConfig(fn, parsePciConfig(images.find((i) => i.bdf === fn.bdf)!.bytes)));
    expect(differences.filter((d) => !d.explained)).toEqual([]);
  });
});

describe('lspci -vvv -xxxx: the hex rows after each function are its config space', () => {
  it('byte for byte the image lspci read, for every function', () => {
    const parsed = parseLspciText(lspci(['-D', '-vvv', '-xxxx']));
    expect(parsed.issues).toEqual([]);
    for (const image of images) {
      const fn = parsed.functions.find((f) => f.bdf === image.bdf)!;
      expect(Buffer.from(fn.configBytes ?? []).equals(image.bytes), image.bdf).toBe(true);
    }
  });
});

describe('what each form shows', () => {
  const vvv = parseLspciText(lspci(['-D', '-nnvvv']));
  const cx = vvv.functions.find((f) => f.bdf === '0000:5e:00.0')!;
  const express = cx.capabilities?.find((c) => c.fields?.kind === 'express')?.fields;

  it('-nnvvv: ids, class with programming interface, link, payload sizes, SR-IOV', () => {
    const cfg = parsePciConfig(connectx6Dx(GEN4_X16_AT_GEN3_X8));
    expect([cx.vendorId, cx.deviceId, cx.classCode]).toEqual([cfg.vendorId, cfg.deviceId, cfg.classCode]);
    expect(express?.kind === 'express' && express.link).toMatchObject({ cap: { maxSpeedGts: 16, maxWidth: 16 }, sta: { speedGts: 8, width: 8 } });
    expect(express?.kind === 'express' && express.devCtl?.maxReadRequestBytes).toBeGreaterThan(0);
    const sriov = cx.capabilities?.find((c) => c.fields?.kind === 'sriov')?.fields;
    expect(sriov).toMatchObject({ kind: 'sriov', totalVfs: expect.any(Number), initialVfs: expect.any(Number) });
  });

  it('-v: capability names, no register fields; without -v no capabilities and a 16-bit class only', () => {
    const v = parseLspciText(lspci(['-nnv'])).functions.find((f) => f.bdf === '0000:5e:00.0')!;
    expect(v.capabilities?.length).toBe(cx.capabilities?.length);
    expect(v.capabilities?.find((c) => c.fields?.kind === 'express')?.fields).not.toHaveProperty('link');
    const plain = parseLspciText(lspci(['-nn'])).functions.find((f) => f.bdf === '0000:5e:00.0')!;
    expect(plain.capabilities).toBeUndefined();
    expect(plain.classCode).toBeNull();
    expect(plain.classId).toBe(cx.classCode! >> 8);
  });

  it('64 bytes of config space: lspci says <access denied> and no capability is claimed', () => {
    const denied = vvv.functions.find((f) => f.bdf === '0000:3d:00.0')!;
    expect(denied.capabilitiesDenied).toBe(true);
    expect(denied.capabilities).toEqual([]);
  });
});
