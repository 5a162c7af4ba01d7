import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dmiDateIso, dmiValue } from '../../analyzer/classes/platform/dmi.js';
import { parseCmdline, parseModules, parseTainted } from '../../analyzer/classes/platform/kernel.js';
import { parseOsRelease } from '../../analyzer/classes/platform/os-release.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
/** A file of the shared fake host. */
const fakehostFile = (path: string): string => readFileSync(`${FAKEHOST}/${path}`, 'utf8');


describe('/proc/cmdline', () => {
  it('splits the fake host command line into flags and key/value pairs', () => {
    const p = parseCmdline(fakehostFile('proc/cmdline'));
    expect(p).toContainEqual({ key: 'ro' });
    expect(p).toContainEqual({ key: 'crashkernel', value: '1G-4G:192M,4G-64G:256M,64G-:512M' });
    expect(p).toContainEqual({ key: 'pcie_aspm', value: 'off' });
    expect(p[0]).toEqual({ key: 'BOOT_IMAGE', value: '(hd0,gpt2)/vmlinuz-5.14.0-427.13.1.el9_4.x86_64' });
  });

  it('handles quotes as the kernel does', () => {
    expect(parseCmdline('dyndbg="file drivers/nvme/* +p" quiet\n')).toEqual([{ key: 'dyndbg', value: 'file drivers/nvme/* +p' }, { key: 'quiet' }]);
    expect(parseCmdline('"acpi_osi=!Windows 2012" x=a"b c"')).toEqual([{ key: 'acpi_osi', value: '!Windows 2012' }, { key: 'x', value: 'a"b c"' }]);
    expect(parseCmdline('  a=  b=c=d ')).toEqual([{ key: 'a', value: '' }, { key: 'b', value: 'c=d' }]);
  });
});

describe('/proc/sys/kernel/tainted', () => {
  it('names the bits and prints the banner letters', () => {
    expect(parseTainted('0\n')).toEqual({ value: 0, flags: [], letters: 'G' });
    const t = parseTainted('12289'); // P + O + E
    expect(t.flags.map((f) => f.letter)).toEqual(['P', 'O', 'E']);
    expect(t.letters).toBe('P           OE');
    expect(parseTainted(String(2 ** 19 + 2 ** 21)).flags).toEqual([
      { bit: 19, letter: 'J', meaning: 'userspace used a mutating debug operation in fwctl' },
      { bit: 21, letter: '?', meaning: 'bit21' },
    ]);
  });

  it('rejects a non-number', () => {
    expect(() => parseTainted('-1')).toThrow(/tainted: "-1" is not a decimal bitmask/);
  });
});

describe('/proc/modules', () => {
  it('reads the fake host module list', () => {
    const mods = parseModules(fakehostFile('proc/modules'));
    expect(mods.find((m) => m.name === 'mlx5_core')).toMatchObject({ name: 'mlx5_core', usedBy: ['mlx5_ib'], state: 'Live', taints: '' });
    expect(mods.find((m) => m.name === 'mlx5_ib')!.usedBy).toEqual([]);
  });

  it('reads taint letters and a module without reference counting', () => {
    expect(parseModules('nvidia 56827904 1 nvidia_modeset, Live 0xffffffffc0a00000 (POE)\nfoo 4096 - - Live 0x0\n')).toEqual([
      { name: 'nvidia', size: 56827904, refcount: 1, usedBy: ['nvidia_modeset'], state: 'Live', taints: 'POE' },
      { name: 'foo', size: 4096, refcount: null, usedBy: [], state: 'Live', taints: '' },
    ]);
    expect(() => parseModules('garbage\n')).toThrow(/proc-modules: unexpected line "garbage" \(at 1\)/);
  });
});

describe('os-release and DMI', () => {
  it('reads quoted and bare values', () => {
    const os = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n# comment\nVERSION_ID=\'12\'\nX="a \\"b\\" \\$c"\n');
    expect(os).toEqual({ PRETTY_NAME: 'Debian GNU/Linux 12 (bookworm)', ID: 'debian', VERSION_ID: '12', X: 'a "b" $c' });
    expect(() => parseOsRelease('NAME="open')).toThrow(/os-release: unterminated " quote \(at 1\)/);
    expect(() => parseOsRelease('just words')).toThrow(/not KEY=value/);
  });

  it('reads the fake host os-release', () => {
    expect(parseOsRelease(fakehostFile('etc/os-release')).ID).toBeDefined();
  });

  it('normalises DMI values and dates', () => {
    expect(dmiValue('8AET46WW (1.26 )\n')).toBe('8AET46WW (1.26 )');
    expect(dmiDateIso('05/08/2018\n')).toBe('2018-05-08');
    expect(dmiDateIso('20180508')).toBeUndefined();
  });
});

describe('platform parsers on arbitrary text', () => {
  const parsers: ((s: string) => unknown)[] = [parseCmdline, parseTainted, parseModules, parseOsRelease, dmiDateIso];
  it('return or throw ParseError', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom('', 'a=b', '"', 'x 1 - - Live', 'K="v'), { maxLength: 8 }).map((l) => l.join('\n')));
    expectOnlyParseErrors(text, parsers, 500);
  });
});
