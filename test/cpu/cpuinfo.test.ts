import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuSignature, parseCpuinfo, parseMicrocodeVersion } from '../../analyzer/classes/cpu/cpuinfo.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('/proc/cpuinfo', () => {
  it('reads an AMD EPYC guest: displayed family 26 (0x1a), microcode, flags and bugs', () => {
    const cpus = parseCpuinfo(fixture('cpuinfo-amd-epyc-vm.txt'));
    expect(cpus.map((c) => c.processor)).toEqual([0, 1]);
    expect(cpus[0]).toMatchObject({ vendorId: 'AuthenticAMD', family: 26, model: 2, stepping: 1, microcode: 0x1000065, modelName: 'AMD EPYC', physicalId: 0, coreId: 0 });
    expect(cpus[0]!.flags).toContain('hypervisor');
    expect(cpus[0]!.bugs).toEqual(['sysret_ss_attrs', 'null_seg', 'spectre_v1', 'spectre_v2', 'spec_store_bypass', 'srso', 'spectre_v2_user']);
    expect(cpuSignature(cpus[0]!)).toBe('1a-02-01');
  });

  it('gives the Intel release-note signature of a Xeon E5-2650 v4 (06-4f-01, microcode 0xb00002e)', () => {
    const [cpu] = parseCpuinfo(fixture('cpuinfo-xeon-e5-2650v4.txt'));
    expect(cpuSignature(cpu!)).toBe('06-4f-01');
    expect(cpu!.microcode).toBe(0xb00002e);
    expect(cpu!.bugs).toContain('cpu_meltdown');
  });

  it('keeps non-x86 blocks without a signature (arm64)', () => {
    const arm = 'processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes\nCPU implementer\t: 0x41\nCPU part\t: 0xd0c\n\n';
    const [cpu] = parseCpuinfo(arm);
    expect(cpu).toMatchObject({ processor: 0, flags: ['fp', 'asimd', 'evtstrm', 'aes'] });
    expect(cpu!.fields['CPU part']).toBe('0xd0c');
    expect(cpuSignature(cpu!)).toBeUndefined();
  });

  it('reads microcode/version and rejects junk', () => {
    expect(parseMicrocodeVersion('0x2b000571\n')).toBe(0x2b000571);
    expect(() => parseMicrocodeVersion('n/a')).toThrow(/microcode-version: "n\/a" is not a number/);
    expect(() => parseCpuinfo('model name : x\n')).toThrow(/cpuinfo: no "processor : N" block/);
  });
});

describe('cpu parsers on arbitrary text', () => {
  it('return or throw ParseError', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom('processor : 0', 'processor : x', 'cpu family : 6', '', 'model : 85', 'microcode : 0x'), { maxLength: 8 }).map((l) => l.join('\n')));
    expectOnlyParseErrors(text, [parseCpuinfo, parseMicrocodeVersion], 500);
  });
});
