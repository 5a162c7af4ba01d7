/**
 * The running microcode revision from what a person saves instead of a collected tree: a pasted /proc/cpuinfo (or a
 * grep of it), a saved lscpu, and the kernel log's microcode lines (`dmesg | grep microcode`). The real outputs of
 * test/cpu/fixtures/real (provenance beside each) replayed under the names people give them reach the cpu facts the
 * microcode rules compare, with the truth their provenance records and no high or critical finding it does not name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import type { Rule } from '../../analyzer/rules/types.js';
import { microcodeFromLog } from '../../analyzer/classes/cpu/microcode-log.js';
import { parseLscpu, parseSavedCpuinfo } from '../../analyzer/classes/cpu/saved-cpuinfo.js';
import { mayNameCpuinfo, savedLscpuArgv } from '../../collector/classes/cpu/saved.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/', import.meta.url);
/** `arm`: the arm_* settings of CPU 0 (implementer, part, variant, revision, rxpy), each as stored, absent ones left out. */
interface Truth { cpus: number; microcode?: string; signature?: string; model?: string | null; bios_model_name?: string; arm?: Record<string, string>; hypervisor?: boolean; unread_lines?: number; alarms: string[] }
const samples = (tool: string): string[] => readdirSync(new URL(`${tool}/`, REAL)).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const textOf = (tool: string, name: string): string => readFileSync(new URL(`${tool}/${name}.txt`, REAL), 'utf8');
const truthOf = (tool: string, name: string): Truth => (parse(readFileSync(new URL(`${tool}/${name}.provenance.yaml`, REAL), 'utf8')) as { truth: Truth }).truth;

let rules: readonly Rule[] | undefined;

/** What the cpu class stored from a replayed tree, and the high or critical findings of the shipped rules. */
async function cpuOf(files: Record<string, string>): Promise<{ cpus: number; microcode: string[]; cpu0: Record<string, string>; model: string | null | undefined; alarms: string[]; unread: string[]; unreadLines: number }> {
  const r = await replayTree(files);
  try {
    const all = <T>(sql: string): T[] => r.db.prepare(sql).all() as T[];
    const devices = all<{ key: string; model: string | null }>(`SELECT device_key AS key, model FROM devices WHERE class = 'cpu'`);
    const microcode = [...new Set(all<{ version: string }>(`SELECT version FROM firmware WHERE component = 'microcode'`).map((f) => f.version))];
    const cpu0 = Object.fromEntries(all<{ key: string; value: string }>(`SELECT key, value FROM settings WHERE device_key = 'cpu:0' AND namespace = 'cpu'`).map((s) => [s.key, s.value]));
    const bundle = (r.db.prepare('SELECT id FROM bundles').get() as { id: number }).id;
    rules ??= loadRules(defaultRulesDir());
    const alarms = [...new Set(runRules(r.db, bundle, rules).filter((o) => o.result === 'fail' && (o.severity === 'high' || o.severity === 'critical')).map((o) => o.ruleId))].sort();
    const unread = all<{ name: string }>(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).map((a) => a.name);
    // The output's lines the cpu class could not read, each a PARSE-LINE issue of the analysis.
    const unreadLines = all<{ code: string }>(`SELECT code FROM collection_issues WHERE code = 'PARSE-LINE'`).length;
    return { cpus: devices.length, microcode, cpu0, model: devices.find((d) => d.key === 'cpu:0')?.model, alarms, unread, unreadLines };
  } finally {
    r.db.close();
  }
}

function expectTruth(got: Awaited<ReturnType<typeof cpuOf>>, truth: Truth, form: string): void {
  expect(got.cpus, form).toBe(truth.cpus);
  expect(got.microcode, form).toEqual(truth.microcode === undefined ? [] : [truth.microcode]);
  expect(got.cpu0.signature, form).toBe(truth.signature);
  expect(got.cpu0.hypervisor, form).toBe(truth.hypervisor === undefined ? undefined : truth.hypervisor ? '1' : '0');
  if (truth.model !== undefined) expect(got.model, form).toBe(truth.model);
  expect(got.cpu0.bios_model_name, form).toBe(truth.bios_model_name);
  const arm = Object.fromEntries(Object.entries(got.cpu0).filter(([k]) => k.startsWith('arm_')).map(([k, v]) => [k.slice(4), v]));
  expect(arm, form).toEqual(Object.fromEntries(Object.entries(truth.arm ?? {}).map(([k, v]) => [k, String(v)])));
  // lscpu's Model and Stepping on ARM are the core's revision and variant, no x86 model or stepping.
  if (truth.arm !== undefined) expect([got.cpu0.model, got.cpu0.stepping], form).toEqual([undefined, undefined]);
  expect(got.alarms, form).toEqual([...truth.alarms].sort());
  expect(got.unread, form).toEqual([]);
  if (truth.unread_lines !== undefined) expect(got.unreadLines, form).toBe(truth.unread_lines);
}

describe('saved names', () => {
  it('a loose cpuinfo copy, lscpu without options', () => {
    for (const n of ['cpuinfo.txt', 'proc_cpuinfo.log', 'grep microcode cpuinfo.txt', 'srv01-cpuinfo.out']) expect(mayNameCpuinfo(n), n).toBe(true);
    for (const n of ['cat_proc_cpuinfo.txt', 'cpuinfo.md', 'meminfo.txt', 'cpuinfos.txt']) expect(mayNameCpuinfo(n), n).toBe(false);
    expect(savedLscpuArgv('cmd/lscpu/lscpu.txt')).toEqual(['lscpu']);
    expect(savedLscpuArgv('cmd/lscpu/lscpu-srv01.log')).toEqual(['lscpu']);
    expect(savedLscpuArgv('cmd/lscpu/lscpu -e.txt')).toBeUndefined();
  });
});

describe('the kernel log\'s microcode lines', () => {
  it('each kernel\'s form: the last line that names a revision is the running one; a CPU\'s own line first', () => {
    expect(microcodeFromLog(['microcode: updated early: 0xf0 -> 0xf4, date = 2023-02-22']).revision).toBe(0xf4);
    expect(microcodeFromLog(['microcode: Current revision: 0x000000f4', 'microcode: Updated early from: 0x000000de']).revision).toBe(0xf4);
    expect(microcodeFromLog(['microcode: microcode updated early to revision 0xd6, date = 2019-10-03', 'microcode: sig=0x406e3, pf=0x80, revision=0xd6']).cpu).toEqual({ family: 6, model: 0x4e, stepping: 3 });
    expect(microcodeFromLog(['x86/microcode: sig=0x50654, pf=0x2, revision=0x2006d05']).revision).toBe(0x2006d05);
    expect(microcodeFromLog(['microcode: microcode updated early to new patch_level=0x010000db', 'microcode: CPU1: patch_level=0x010000dc']).perCpu.get(1)).toBe(0x10000dc);
    expect(microcodeFromLog(['microcode: CPU0 sig=0x206a7, pf=0x2, revision=0x1b', 'microcode: CPU0 updated to revision 0x28, date = 2012-04-24']).perCpu.get(0)).toBe(0x28);
    expect(microcodeFromLog(['microcode: Reload succeeded, microcode revision: 0xab000140 -> 0xab000160']).revision).toBe(0xab000160);
    // AMD family 17h (Zen): sig of the extended family.
    expect(microcodeFromLog(['microcode: sig=0x800f82, pf=0x1, revision=0x800820d']).cpu).toEqual({ family: 0x17, model: 8, stepping: 2 });
    expect(microcodeFromLog(['microcode: Microcode Update Driver: v2.2.']).revision).toBeUndefined();
    expect(microcodeFromLog(['Hypervisor detected: KVM']).hypervisor).toBe(true);
  });

  it('a grep of /proc/cpuinfo (no processor lines) is one CPU per repeated field; a line that is no field is named', () => {
    const got = parseSavedCpuinfo('$ grep -E "model|microcode" /proc/cpuinfo\nmodel\t\t: 158\nmodel name\t: Intel(R) Core(TM) i7-7700K\nmicrocode\t: 0xf4\nmodel\t\t: 158\nmodel name\t: Intel(R) Core(TM) i7-7700K\nmicrocode\t: 0xf4\nsee above\n');
    expect(got.cpus.map((c) => [c.processor, c.model, c.microcode])).toEqual([[0, 158, 0xf4], [1, 158, 0xf4]]);
    expect(got.issues.map((i) => i.line)).toEqual([8]);
  });

  it('two hosts\' cpuinfo in one paste: the first host\'s CPUs, and one issue where the second begins', () => {
    const host = (microcode: string): string => [0, 1].map((n) => `processor\t: ${n}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nstepping\t: 4\nmicrocode\t: ${microcode}\n`).join('\n');
    const got = parseSavedCpuinfo(`${host('0x2006e05')}\n${host('0x2007006')}`);
    expect(got.cpus.map((c) => c.microcode)).toEqual([0x2006e05, 0x2006e05]);
    expect(got.issues.map((i) => i.line)).toEqual([15]);
    expect(got.issues[0]!.text).toMatch(/^processor\s+: 0$/);
  });

  it('lscpu: a wrapped Flags value continues the field; the hypervisor word or a Hypervisor vendor line says a VM', () => {
    const got = parseLscpu('Vendor ID:   GenuineIntel\nCPU family:  6\nModel:       79\nStepping:    1\nFlags:       fpu vme\n             rdrand hypervisor lahf_lm\nstray words\n');
    expect([got.cpu?.family, got.cpu?.model, got.cpu?.stepping, got.hypervisor]).toEqual([6, 79, 1, true]);
    expect(got.issues.map((i) => i.line)).toEqual([7]);
  });

  it('lscpu on ARM without a Model name (a part lscpu names not): the BIOS Model name is the model, Model and Stepping the revision and variant', async () => {
    // The Kunpeng 920 sample with its Model name line left out, as an lscpu that knows no name for the part prints it.
    const real = textOf('lscpu', 'kunpeng920-vllm-collect-env-cpu-heading');
    const noName = real.split('\n').filter((l) => !l.startsWith('Model name:')).join('\n');
    const got = parseLscpu(noName);
    expect([got.cpu?.modelName, got.cpu?.biosModelName, got.cpu?.model, got.cpu?.stepping, got.cpu?.arm]).toEqual([undefined, 'HUAWEI Kunpeng 920 3210 To be filled by O.E.M. CPU @ 2.6GHz', undefined, undefined, { variant: 1, revision: 0 }]);
    const replayed = await cpuOf({ 'lscpu.txt': noName });
    expect([replayed.model, replayed.cpu0.bios_model_name, replayed.cpu0.arm_rxpy]).toEqual(['HUAWEI Kunpeng 920 3210 To be filled by O.E.M. CPU @ 2.6GHz', 'HUAWEI Kunpeng 920 3210 To be filled by O.E.M. CPU @ 2.6GHz', 'r1p0']);
    // Beside a Model name the BIOS's name stays its own fact.
    expect((await cpuOf({ 'lscpu.txt': real })).model).toBe('Kunpeng-920');
  });

  it('lscpu: `Model name: -` (a cluster lscpu names not) is no model, a later named one is; an x86 Model and Stepping stay x86\'s', () => {
    const got = parseLscpu('Architecture: aarch64\nVendor ID: ARM\n  Model name: -\n    Model: 0\n    Stepping: 0x2\n');
    expect([got.cpu?.modelName, got.cpu?.arm]).toEqual([undefined, { variant: 2, revision: 0 }]);
    expect(parseLscpu('Architecture: aarch64\nVendor ID: ARM\n  Model name: -\n    Model: 0\n  Model name: Cortex-A76\n').cpu?.modelName).toBe('Cortex-A76');
    const x86 = parseLscpu('Architecture: x86_64\nVendor ID: GenuineIntel\nCPU family: 6\nModel: 85\nStepping: 4\n');
    expect([x86.cpu?.model, x86.cpu?.stepping, x86.cpu?.arm]).toEqual([85, 4, undefined]);
  });

  it('lscpu quoted in a mail: the rest of a line the client broke at a space, at the margin, continues the field', () => {
    const flags = '> Flags:                fpu vme de pse tsc msr pae mce cx8 apic sep mtrr\n> pge mca cmov hypervisor lahf_lm\n';
    const got = parseLscpu(`> Vendor ID:              GenuineIntel\n> CPU family:             6\n> Model:                  85\n> Stepping:               7\n${flags}>   Spec store bypass:    Mitigation; Speculative Store Bypass\n> disabled via prctl\n> Model name:   x\n>\n> stray words\n`);
    expect([got.cpu?.model, got.hypervisor]).toEqual([85, true]);
    // Only the line under no line a client could have wrapped is unread.
    expect(got.issues.map((i) => i.text)).toEqual(['stray words']);
  });
});

describe('real outputs replayed from a captured tree', () => {
  for (const name of samples('dmesg')) {
    it(`dmesg ${name}: saved as dmesg.txt, the revision, signature and alarms of its truth`, async () => {
      expectTruth(await cpuOf({ 'dmesg.txt': textOf('dmesg', name) }), truthOf('dmesg', name), 'dmesg.txt');
    });
  }
  for (const name of samples('cpuinfo')) {
    it(`cpuinfo ${name}: as cpuinfo.txt, cat_proc_cpuinfo.txt and cmd/cat/proc_cpuinfo.txt`, async () => {
      for (const saveAs of ['cpuinfo.txt', 'cat_proc_cpuinfo.txt', 'cmd/cat/proc_cpuinfo.txt']) expectTruth(await cpuOf({ [saveAs]: textOf('cpuinfo', name) }), truthOf('cpuinfo', name), saveAs);
    });
  }
  for (const name of samples('lscpu')) {
    it(`lscpu ${name}: saved as lscpu.txt, the signature and hypervisor of its truth`, async () => {
      expectTruth(await cpuOf({ 'lscpu.txt': textOf('lscpu', name) }), truthOf('lscpu', name), 'lscpu.txt');
    });
  }

  it('lscpu beside a grep of cpuinfo gives the signature the rules need; lscpu\'s hypervisor wins over a cpuinfo without the flag', async () => {
    const grep = 'microcode\t: 0x36\n';
    const xeon = await cpuOf({ 'lscpu.txt': textOf('lscpu', 'xeon-e5-2609v2-no-model-name'), 'grep microcode cpuinfo.txt': grep });
    expect([xeon.cpu0.signature, xeon.microcode]).toEqual(['06-3e-04', ['0x36']]);
    const wsl = await cpuOf({ 'lscpu.txt': textOf('lscpu', 'wsl-ryzen-4800h-hypervisor-vendor'), 'cpuinfo.txt': textOf('cpuinfo', 'wsl-ryzen-4800h-details-fenced') });
    expect(wsl.cpu0.hypervisor).toBe('1');
  });

  it('a dmesg saved under a name with its grep (dmesg_grep_microcode.txt, dmesg | grep -i microcode.txt) is read as the log', async () => {
    const name = 'xps13-9360-quoted-wrapped-grep';
    for (const saveAs of ['dmesg_grep_microcode.txt', 'dmesg | grep -i microcode.txt']) expectTruth(await cpuOf({ [saveAs]: textOf('dmesg', name) }), truthOf('dmesg', name), saveAs);
  });

  it('lscpu beside the kernel log: the signature from lscpu, the revision from the log', async () => {
    const got = await cpuOf({ 'lscpu.txt': textOf('lscpu', 'xeon-e5-2609v2-no-model-name'), 'dmesg.txt': '[    0.000000] microcode: microcode updated early to revision 0x42c, date = 2019-05-14\n' });
    expect([got.cpu0.signature, got.microcode, got.alarms]).toEqual(['06-3e-04', ['0x42c'], []]);
  });
});
