import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMS, NAME_FORMS, NOT_FOR_CONTENT, NOT_UNDONE, REFERENCE_FORMS } from './pasted-forms.js';
import { batches, commandKey, sweepSamples } from './paste-sweep.js';

/** The sweep's own parts: each form really changes an output, and a tree never holds one saved name twice. */

/** A form's result as text (the byte forms' as the UTF-8 they hold is not needed here). */
const text = (x: string | Buffer): string => (typeof x === 'string' ? x : x.toString('latin1'));

const OUTPUT = { text: 'pci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      running:\n        fw.version 16.35.2000\n', format: 'text' as const, command: 'devlink dev info', savedAs: 'cmd/devlink/dev_info.out' };

/** Tabs back to spaces at 8-column stops, as a terminal shows them. */
const expand = (line: string): string => {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
};

describe('pasted forms', () => {
  it('every form changes an output it applies to', () => {
    // An output with `=`, quotes and a line longer than a mail line, for the forms that change only those.
    const query = {
      text: 'Image type:            FS3\nFW Version:            12.28.2006\nRom Info:              type=UEFI version=14.21.17 cpu=AMD64 "quoted" and a line longer than seventy-six columns\n',
      format: 'text' as const, command: 'flint -d 01:00.0 q', savedAs: 'cmd/flint/-d_01:00.0_q.out',
    };
    // A JSON output, for the forms only a JSON document takes.
    const json = { text: '{\n  "firmware_version": "HXT7404Q"\n}\n', format: 'json' as const, command: 'smartctl -j -a /dev/sda', savedAs: 'cmd/smartctl/-j_-a_sda.out' };
    for (const [name, form] of Object.entries(FORMS)) expect(form(OUTPUT) !== OUTPUT.text || form(query) !== query.text || form(json) !== json.text, name).toBe(true);
  });

  it('a margin line interrupts an indented run at the left margin, behind the quote marks of the line it precedes', () => {
    const margin = FORMS['a margin line']!;
    const out = text(margin(OUTPUT)).split('\n');
    const at = out.findIndex((l) => /^[A-Z]/.test(l) && l.endsWith('.'));
    expect(at).toBeGreaterThan(0);
    expect(out[at + 1]).toMatch(/^\s+\S/);
    expect(out.filter((_, i) => i !== at).join('\n')).toBe(OUTPUT.text);
    const quoted = { ...OUTPUT, text: OUTPUT.text.replace(/^/gm, '> ').replace(/> $/, '') };
    const q = text(margin(quoted)).split('\n');
    expect(q.find((l) => !l.startsWith('>  ') && !l.startsWith('> pci') && l !== '')).toMatch(/^> [A-Z].*\.$/);
    expect(NOT_FOR_CONTENT['a margin line']!.holds.test('Image type: FS3\nFW Version: 12.28.2006\n')).toBe(true);
  });

  it('a quoted-printable body keeps every line under 77 columns and escapes `=`', () => {
    const long = { ...OUTPUT, text: `key=${'x'.repeat(200)}\n` };
    const qp = text(FORMS['quoted-printable mail body']!(long));
    expect(qp.startsWith('key=3Dxxx')).toBe(true);
    expect(qp.split('\n').every((l) => l.length <= 76)).toBe(true);
    expect(qp.replace(/=\n/g, '').replace('=3D', '=')).toBe(long.text);
  });

  it('tabs for spaces keeps every column where it was', () => {
    const tabbed = text(FORMS['tabs for spaces']!(OUTPUT));
    expect(tabbed).toContain('\t');
    expect(tabbed.split('\n').map(expand).join('\n')).toBe(OUTPUT.text);
  });

  it('an output published HTML-escaped is not escaped twice', () => {
    const escaped = { ...OUTPUT, text: 'pci&#x2F;0000:3b:00.0:\n' };
    expect(FORMS['HTML-escaped']!(escaped)).toBe(escaped.text);
  });

  it('name forms rename as a person would', () => {
    expect(NAME_FORMS['flint / mlxconfig for mstflint / mstconfig, and back']!('cmd/mstflint/-d_01:00.0_q.out', 'text')).toBe('cmd/flint/-d_01:00.0_q.out');
    expect(NAME_FORMS['q for query, and back']!('cmd/mlxconfig/-d_01:00.0_query.out', 'text')).toBe('cmd/mlxconfig/-d_01:00.0_q.out');
    expect(NAME_FORMS['devlink -jp for JSON']!('cmd/devlink/dev_info.out', 'json')).toBe('cmd/devlink/-jp_dev_info.out');
    expect(NAME_FORMS['devlink -jp for JSON']!('cmd/devlink/dev_info.out', 'text')).toBeUndefined();
    expect(NAME_FORMS['device as a /dev path']!('cmd/nvme/id-ctrl_nvme0n1_-H.out', 'text')).toBe('cmd/nvme/id-ctrl_%2fdev%2fnvme0n1_-H.out');
    expect(NAME_FORMS['smartctl -a for -x, and back']!('cmd/smartctl/-x_sda.out', 'text')).toBe('cmd/smartctl/-a_sda.out');
    expect(NAME_FORMS['.json for a JSON output, .log or .TXT for text']!('cmd/devlink/-j_dev_info.out', 'json')).toBe('cmd/devlink/-j_dev_info.json');
    expect(NAME_FORMS['.json for a JSON output, .log or .TXT for text']!('cmd/ethtool/-i_eth0.out', 'text')).toMatch(/^cmd\/ethtool\/-i_eth0\.(?:log|TXT)$/);
    expect(NAME_FORMS['loose at the top of the tree']!('cmd/ethtool/ethtool-i-eth0.txt', 'text')).toBe('ethtool-i-eth0.txt');
    expect(NAME_FORMS['loose at the top of the tree']!('cmd/nvme/id-ctrl_nvme0.out', 'text')).toMatch(/^nvme[_ ]id-ctrl_nvme0\.out$/);
  });

  it("an output whose lines end in `=` (smartctl's and nvidia-smi's headings) is no quoted-printable mail body: the forms that need a decoded text apply to it", () => {
    const smartctl = 'smartctl 7.2 2020-12-30 r5155\n\n=== START OF INFORMATION SECTION ===\nFirmware Version: RVT02B6Q\n';
    for (const form of ['BBCode forum post', 'HTML mail joined with <br>', 'script typescript']) expect(NOT_FOR_CONTENT[form]!.holds.test(smartctl), form).toBe(false);
    expect(text(FORMS['quoted-printable mail body']!({ ...OUTPUT, text: smartctl }))).toContain('=3D=3D=3D START');
    // An output published quoted-printable is not encoded twice.
    const published = 'Rom Info: type=3DUEFI version=3D14.21.17\n';
    expect(NOT_FOR_CONTENT['BBCode forum post']!.holds.test(published)).toBe(true);
  });

  it('a wrap at 80 columns cannot be undone in general: real outputs have lines of exactly 80 columns of their own', () => {
    expect(NOT_UNDONE['wrapped at 80 columns']).toBeDefined();
    const samples = sweepSamples();
    const tool = (s: { savedAs: string }): string => s.savedAs.split('/')[1]!;
    const exactly80 = samples.filter((s) => readFileSync(s.file, 'utf8').split(/\r?\n/).some((l) => l.length === 80));
    for (const t of ['smartctl', 'lspci']) expect(exactly80.map(tool), t).toContain(t);
    // ethtool -i never reaches a mail client's wrap column: nothing of it is ever wrapped (the words, sessions and
    // other commands' outputs pasted around it may be longer).
    const ethtool = samples.filter((s) => /^cmd\/ethtool\/(?:ethtool[-_])?-i/.test(s.savedAs));
    const field = /^[\s>]*(?:driver|version|firmware-version|expansion-rom-version|bus-info|supports-[a-z-]+):/;
    expect(ethtool.length).toBeGreaterThan(20);
    for (const s of ethtool) expect(readFileSync(s.file, 'utf8').split(/\r?\n/).filter((l) => field.test(l)).every((l) => l.length <= 72), s.id).toBe(true);
  });

  it('a truncated output keeps its whole lines before the cut', () => {
    const cut = text(FORMS['truncated mid-line']!(OUTPUT));
    const whole = text(REFERENCE_FORMS['whole lines before a cut']!(OUTPUT));
    expect(cut.startsWith(whole)).toBe(true);
    expect(cut.endsWith('\n')).toBe(false);
    expect(OUTPUT.text.startsWith(cut)).toBe(true);
  });

  it('a tree never holds one command twice, under any of its names, and every sample is in one tree', () => {
    const samples = sweepSamples();
    const groups = batches(samples);
    for (const g of groups) expect(new Set(g.map((s) => commandKey(s.savedAs, readFileSync(s.file, 'utf8')))).size).toBe(g.length);
    for (const g of groups) expect(new Set(g.map((s) => s.savedAs)).size).toBe(g.length);
    expect(groups.flat()).toHaveLength(samples.length);
    // A tree takes one host kernel (a saved uname's before a pasted one): two outputs giving one never meet.
    for (const g of groups) expect(g.filter((s) => /uname|\/proc\/version/.test(readFileSync(s.file, 'utf8'))).length, g.map((s) => s.id).join(', ')).toBeLessThanOrEqual(1);
  });

  it('names of one command have one key, whatever name form renamed them; other commands keep theirs apart', () => {
    const same = [
      ['cmd/mstflint/-d_01:00.0_q.out', 'cmd/mstflint/-d 01:00.0 q.out', 'cmd/mstflint/mstflint -d 01:00.0 q.txt', 'cmd/flint/-d_0000:01:00.0_query.log'],
      ['cmd/nvme/id-ctrl_-H_nvme0.out', 'cmd/nvme/id-ctrl_%2fdev%2fnvme0_-H.out', 'cmd/nvme/id-ctrl nvme0 -H.txt'],
      // One Identify Controller per controller, whatever node and nvme-cli spelling (3.x `id ctrl`): the loader reads one.
      ['cmd/nvme/id-ctrl -H nvme0n1.txt', 'cmd/nvme/id_ctrl_nvme0_-v.out', 'cmd/nvme/id-ctrl_nvme0c0n1.out'],
      // smartctl on a namespace reads its controller.
      ['cmd/smartctl/-x_nvme1.out', 'cmd/smartctl/--all_nvme1n1.out'],
    ];
    for (const names of same) expect(new Set(names.map((n) => commandKey(n))).size, names.join(', ')).toBe(1);
    expect(commandKey('cmd/nvme/id-ctrl_nvme0.out')).not.toBe(commandKey('cmd/nvme/id-ctrl_nvme1.out'));
    expect(commandKey('cmd/nvme/id-ctrl_nvme0.out')).not.toBe(commandKey('cmd/nvme/fw-log_nvme0.out'));
    // A class's reader decides which command a saved name stands for: a person's label words after it are no part of it.
    expect(commandKey('cmd/ethtool/ethtool -i eth0 serv10.txt', 'root@serv10:~# ethtool -i eth0\ndriver: bnx2\n')).toBe(commandKey('cmd/ethtool/-i_eth0.out'));
    expect(commandKey('cmd/devlink/health_show_port_tx.txt')).toBe(commandKey('cmd/devlink/devlink-health.txt'));
    expect(commandKey('cmd/devlink/devlink dev param show cqe_compress_type.txt')).toBe(commandKey('cmd/devlink/dev_param_show.out'));
    expect(commandKey('cmd/devlink/dev_param_show.out')).not.toBe(commandKey('cmd/devlink/health_show.out'));
    expect(commandKey('cmd/ethtool/-i_eth0.out')).not.toBe(commandKey('cmd/ethtool/-i_eth1.out'));
    // A device glued to the tool in a name is its device; a smartctl output's reader says what it stands for.
    expect(commandKey('cmd/smartctl/smartctl-all-sde.txt')).toBe(commandKey('cmd/smartctl/-a_sde.out'));
    expect(commandKey('cmd/smartctl/smartctl-all-sde.txt')).not.toBe(commandKey('cmd/smartctl/-a_sdf.out'));
    // A name without a device takes the one its text names.
    expect(commandKey('cmd/smartctl/-x.out', 'smartctl -x /dev/sda\n=== START OF INFORMATION SECTION ===\n')).toBe(commandKey('cmd/smartctl/-a_sda.out'));
    // A tool's name at a sentence's end is no command line: the words of the next line are not its arguments.
    expect(commandKey('cmd/lspci/-vvv.txt', 'Here is what I get from lspci\n00:1f.6 Ethernet controller: Intel\n')).toBe(commandKey('cmd/lspci/-vvv.txt'));
    for (const s of sweepSamples()) {
      for (const [form, rename] of Object.entries(NAME_FORMS)) {
        const n = rename(s.savedAs, s.format);
        const text = readFileSync(s.file, 'utf8');
        if (n !== undefined) expect(commandKey(n, text), `${form}: ${s.savedAs} → ${n}`).toBe(commandKey(s.savedAs, text));
      }
    }
  });
});
