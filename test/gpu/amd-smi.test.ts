import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Db } from '../../analyzer/db/database.js';
import { sysfsFirmwareVersion } from '../../analyzer/classes/gpu/amd-smi-gpu.js';
import { parseAmdSmi } from '../../analyzer/classes/gpu/amd-smi.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { assertNoFalseAlarm, replaySample, type Provenance, type RealSample } from '../helpers/real-corpus.js';
import { tempDir } from '../helpers/tmp.js';
import { loadGpuTree } from './gpu-tree.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

/** What a person reads off a saved rocm-smi or amd-smi output (its provenance's `truth`). */
interface AmdTruth {
  driver_version: string | null;
  gpus: { key: string; model?: string; serial?: string; vbios?: string; vbios_build?: string; firmware?: Record<string, string> }[];
  unknown_lines: number;
}

const sample = (f: string): RealSample => ({ name: f, file: join(REAL, f), provenance: parse(readFileSync(join(REAL, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance });
const samples = readdirSync(REAL).filter((f) => /^(?:rocm|amd)-smi-.*\.txt$/.test(f)).sort().map(sample);
const rows = (db: Db, sql: string, ...a: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...a) as Record<string, unknown>[];

/** The AMD GPUs of a bundle as a person would list them: key, model, serial, VBIOS and build, block firmware, driver. */
function amdGpus(db: Db): AmdTruth['gpus'] {
  return rows(db, `SELECT device_key AS k, model, serial FROM devices WHERE class = 'gpu' AND driver = 'amdgpu' ORDER BY device_key`).map((d) => {
    const fw = rows(db, `SELECT component AS c, version AS v FROM firmware WHERE device_key = ? AND state = 'running' ORDER BY component`, d.k);
    const blocks = Object.fromEntries(fw.filter((f) => !/^amdgpu\.vbios/.test(String(f.c))).map((f) => [String(f.c).slice('amdgpu.'.length), String(f.v)]));
    const one = (c: string): string | undefined => fw.find((f) => f.c === c)?.v as string | undefined;
    const g: AmdTruth['gpus'][number] = { key: String(d.k) };
    if (d.model !== null) g.model = String(d.model);
    if (d.serial !== null) g.serial = String(d.serial);
    if (one('amdgpu.vbios')) g.vbios = one('amdgpu.vbios')!;
    if (one('amdgpu.vbios.build')) g.vbios_build = one('amdgpu.vbios.build')!;
    if (Object.keys(blocks).length) g.firmware = blocks;
    return g;
  });
}

describe('rocm-smi and amd-smi outputs as people save them, on real outputs', () => {
  it('has real samples of both tools, text, JSON and CSV', () => {
    expect(samples.filter((s) => s.name.startsWith('rocm-smi-')).length).toBeGreaterThanOrEqual(8);
    expect(samples.filter((s) => s.name.startsWith('amd-smi-')).length).toBeGreaterThanOrEqual(2);
  });

  for (const s of samples) {
    it(`${s.name}: reaches the bundle under its tool and stores each GPU as a person reads it`, async () => {
      const t = s.provenance.truth as unknown as AmdTruth;
      const r = await replaySample(s, mkdtempSync(join(tempDir(), 'amd-smi-')), ['gpu']);
      expect(r.artifact).toMatch(s.name.startsWith('rocm-smi-') ? /^cmd\/rocm-smi\/[^/]+\.out$/ : /^cmd\/amd-smi\/[^/]+\.out$/);
      expect(amdGpus(r.db)).toEqual(t.gpus);
      const drivers = rows(r.db, `SELECT DISTINCT value FROM settings WHERE namespace = 'gpu' AND key = 'driver_version'`).map((x) => x.value);
      expect(drivers).toEqual(t.driver_version === null ? [] : [t.driver_version]);
      const unplaced = t.gpus.filter((g) => /^gpu:(?:rocm|amdsmi)-/.test(g.key)).length;
      expect(rows(r.db, `SELECT message FROM collection_issues WHERE code = 'GPU-NO-ADDRESS' AND target = ?`, r.artifact)).toHaveLength(unplaced);
      expect(rows(r.db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE' AND target = ?`, r.artifact), 'unread lines').toHaveLength(t.unknown_lines);
      assertNoFalseAlarm(s, r);
    });
  }
});

describe('one AMD GPU from sysfs and the tools', () => {
  const load = loadGpuTree;
  const detail = readFileSync(join(REAL, 'rocm-smi-a-4x-mi300x-gls-simulator.txt'), 'utf8');
  const concise = readFileSync(join(REAL, 'rocm-smi-concise-4x-mi300x-gls-simulator.txt'), 'utf8');
  const sysfs = (bdf: string): Record<string, string> => ({
    [`sys/bus/pci/drivers/amdgpu/${bdf}/vbios_version`]: '113-MI3SRIOV-001\n',
    [`sys/bus/pci/drivers/amdgpu/${bdf}/fw_version/mec_fw_version`]: '0x0000008a\n',
    [`sys/bus/pci/drivers/amdgpu/${bdf}/fw_version/smc_fw_version`]: '0x00555b00\n',
  });
  const host = Object.assign({}, ...['0000:26:00.0', '0000:46:00.0', '0000:65:00.0', '0000:85:00.0'].map(sysfs)) as Record<string, string>;

  it('a GPU in amdgpu sysfs and in rocm-smi -a is one device, by bus id; sysfs rows kept, the tool adding what sysfs lacks', async () => {
    const db = await load({ ...host, 'rocm-smi-a.txt': detail });
    const gpus = amdGpus(db);
    expect(gpus.map((g) => g.key)).toEqual(['gpu:0000:26:00.0', 'gpu:0000:46:00.0', 'gpu:0000:65:00.0', 'gpu:0000:85:00.0']);
    expect(gpus[0]!.model).toBe('AMD Instinct MI300X OAM');
    expect(rows(db, `SELECT component, artifact FROM firmware WHERE device_key = 'gpu:0000:26:00.0' AND component IN ('amdgpu.mec', 'amdgpu.smc', 'amdgpu.sos', 'amdgpu.vbios') ORDER BY component`)).toEqual([
      { component: 'amdgpu.mec', artifact: 'sys/bus/pci/drivers/amdgpu/0000:26:00.0/fw_version/mec_fw_version' },
      { component: 'amdgpu.smc', artifact: 'sys/bus/pci/drivers/amdgpu/0000:26:00.0/fw_version/smc_fw_version' },
      { component: 'amdgpu.sos', artifact: 'cmd/rocm-smi/-a.out' },
      { component: 'amdgpu.vbios', artifact: 'sys/bus/pci/drivers/amdgpu/0000:26:00.0/vbios_version' },
    ]);
  });

  it('the concise table, which prints no bus id: its GPUs are the host\'s amdgpu functions in bus order when as many, or the -a output\'s of that index', async () => {
    expect(amdGpus(await load({ ...host, 'rocm-smi.txt': concise })).map((g) => [g.key, g.model])).toEqual([
      ['gpu:0000:26:00.0', 'AMD Instinct MI300X'], ['gpu:0000:46:00.0', 'AMD Instinct MI300X'], ['gpu:0000:65:00.0', 'AMD Instinct MI300X'], ['gpu:0000:85:00.0', 'AMD Instinct MI300X'],
    ]);
    const both = amdGpus(await load({ 'cmd/rocm-smi/concise.txt': concise, 'cmd/rocm-smi/all.txt': detail }));
    expect(both.map((g) => [g.key, g.model])).toEqual([
      ['gpu:0000:26:00.0', 'AMD Instinct MI300X OAM'], ['gpu:0000:46:00.0', 'AMD Instinct MI300X OAM'], ['gpu:0000:65:00.0', 'AMD Instinct MI300X OAM'], ['gpu:0000:85:00.0', 'AMD Instinct MI300X OAM'],
    ]);
  });
});

describe('a person\'s note among amd-smi static\'s fields', () => {
  it('at the margin, shaped like a KEY: value, is an issue with its number and keeps the section it is in', () => {
    const text = ['GPU: 0', '    IFWI:', '        NAME: AMD MI350X', 'Note: the values below were read after the reboot.', '        PART_NUMBER: 113-M350-01-1K0-920A', '        VERSION: 00154951', '    DRIVER:', '        VERSION: 6.18.3'].join('\n');
    const got = parseAmdSmi(text);
    expect(got.gpus.map((g) => [g.vbios, g.vbiosBuild])).toEqual([['113-M350-01-1K0-920A', '00154951']]);
    expect(got.driverVersion).toBe('6.18.3');
    expect(got.issues.map((i) => i.line)).toEqual([4]);
  });

  it('amd-smi\'s own warning before the GPUs is no issue', () => {
    expect(parseAmdSmi('WARNING: User is missing the following required groups: render, video. Please add user to these groups.\nGPU: 0\n    IFWI:\n        PART_NUMBER: 113-D7190300-104\n').issues).toEqual([]);
  });
});

describe('rocm-smi firmware versions back in amdgpu sysfs form', () => {
  it('hex as printed, dotted bytes in decimal, plain decimal; anything else is not a version', () => {
    expect(['0x0036024b', '00.85.91.00', '32.00.01.19', '138', '553648218', '00.84.79.221', 'N/A', '1.2.3', '00.256.00.00'].map(sysfsFirmwareVersion))
      .toEqual(['0x0036024b', '0x00555b00', '0x20000113', '0x0000008a', '0x2100005a', '0x00544fdd', undefined, undefined, undefined]);
  });
});

describe('amd-smi firmware', () => {
  const text = readFileSync(join(REAL, 'amd-smi-firmware-4x-mi300a-rocm-4477.txt'), 'utf8');
  it('--json\'s fw_list reads as the text\'s FW_LIST does', () => {
    const gpus = parseAmdSmi(text).gpus;
    const json = JSON.stringify(gpus.map((g) => ({ gpu: g.index, fw_list: [...text.matchAll(/FW_ID: (\S+)\n\s*FW_VERSION: (\S+)/g)].slice(0, 10).map((m) => ({ fw_id: m[1], fw_version: /^\d+$/.test(m[2]!) ? Number(m[2]) : m[2] })) })));
    const fromJson = parseAmdSmi(json);
    expect(fromJson.issues).toEqual([]);
    expect(fromJson.gpus.map((g) => Object.fromEntries(g.firmware))).toEqual(gpus.map((g) => Object.fromEntries(g.firmware)));
    expect(Object.fromEntries(gpus[0]!.firmware)).toMatchObject({ mec: '0x000000a6', vcn: '0x0611300c', smc: '0x045567b8' });
  });
});

describe('redaction of AMD GPU identifiers in saved rocm-smi and amd-smi outputs', () => {
  it('board serials and unique ids are replaced, in text, JSON and CSV; the VBIOS and bus ids stay', () => {
    const r = new Redactor({ catalog: REDACTION });
    const text = (name: string, b: Buffer | string): string => Buffer.from(r.redact(name, undefined, Buffer.from(b))!).toString('utf8');
    const detail = text('cmd/rocm-smi/-a.out', readFileSync(join(REAL, 'rocm-smi-a-4x-mi300x-gls-simulator.txt')));
    for (const id of ['692347006052', '692347005902', '0x8d1457e2c20f59d2']) expect(detail).not.toContain(id);
    expect(detail).toContain('VBIOS version: 113-MI3SRIOV-001');
    expect(detail).toContain('PCI Bus: 0000:26:00.0');
    const json = text('cmd/rocm-smi/-a_--json.out', '{"card0": {"Unique ID": "0x3d4595974090853c", "Serial Number": "692221000867", "VBIOS version": "113-APM7199-002"}}');
    expect(json).not.toMatch(/3d4595974090853c|692221000867/);
    expect(json).toContain('113-APM7199-002');
    const csv = text('cmd/rocm-smi/-a_--csv.out', 'device,Serial Number\ncard0,692221000867\n');
    expect(csv).not.toContain('692221000867');
    const amd = text('cmd/amd-smi/static.out', 'GPU: 0\n    BOARD:\n        PRODUCT_SERIAL: 692221000867\n        PRODUCT_NAME: AMD Instinct MI300X OAM\n');
    expect(amd).not.toContain('692221000867');
    expect(amd).toContain('PRODUCT_NAME: AMD Instinct MI300X OAM');
  });
});
