/**
 * nvme-cli 1.x printed a controller's strings into its JSON as they came, unescaped: a controller that ends its sn, mn,
 * fr or subnqn in a newline (an NVMe over Fabrics target's, nvme-cli issue 311) makes the closing quote fall on the next
 * line, which no JSON reader takes. The member is the string before the newline; the rest of the document reads as
 * before. Real sample: test/nvme/fixtures/real/id-ctrl/nvmf-target-nvmecli311-json-newlines-in-strings (the writer's
 * '// rest of the fields' and '...' where they cut kept).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIdCtrlJson } from '../../analyzer/classes/nvme/nvme-json.js';

const REAL = readFileSync(new URL('./fixtures/real/id-ctrl/nvmf-target-nvmecli311-json-newlines-in-strings.txt', import.meta.url), 'utf8');
const LAB = readFileSync(new URL('./fixtures/real/id-ctrl/qemu-lab-nvme-cli-2.3-json.json', import.meta.url), 'utf8');

describe('nvme-cli JSON with a raw newline inside a string (a controller string ending in one)', () => {
  it('the real output: sn, mn, fr and subnqn read without the newline', () => {
    const f = parseIdCtrlJson(REAL);
    expect([f.vid, f.serial, f.model, f.firmware, f.subnqn]).toEqual([0x1179, '0cc47ad37b71-3', 'NVMF-XX-XXX', '0101', 'nqn.1992-03.com.subsystem1']);
  });

  it('a whole document so broken reads as the one without the newlines; a CRLF one too', () => {
    const broken = LAB.replace(/("(?:sn|mn|fr)"\s*:\s*"[^"]*?)\s*"/g, '$1\n"');
    expect(broken).not.toBe(LAB);
    expect(parseIdCtrlJson(broken)).toEqual(parseIdCtrlJson(LAB));
    expect(parseIdCtrlJson(broken.replace(/\n/g, '\r\n'))).toEqual(parseIdCtrlJson(LAB));
  });

  it('under what a paste puts before every line (a mail quote, log time stamps): mended as the text layer reads the lines', () => {
    const quoted = REAL.replace(/^/gm, '> ');
    const stamped = REAL.replace(/^/gm, '2024-05-01T10:00:00.123Z ');
    for (const t of [quoted, stamped]) expect(parseIdCtrlJson(t)).toMatchObject({ serial: '0cc47ad37b71-3', model: 'NVMF-XX-XXX', firmware: '0101' });
  });

  it("a person's Markdown bold or code around a word of a string member is no part of it", () => {
    const bold = LAB.replace(/("mn"\s*:\s*")(\S+)/, '$1**$2**');
    const code = LAB.replace(/("mn"\s*:\s*")(\S+)/, '$1`$2`');
    for (const t of [bold, code]) {
      expect(t).not.toBe(LAB);
      expect(parseIdCtrlJson(t).model).toBe(parseIdCtrlJson(LAB).model);
    }
  });

  it("a person's notes after members' values (# …, <-- …, <== …, // …) are no part of the document", () => {
    const intel = readFileSync(new URL('./fixtures/real/id-ctrl/intel-p4500-ssdpe2kx010t7-nvmecli311-json-elided.txt', import.meta.url), 'utf8');
    const noted = intel.replace(/("sn" : "[^"]*",)/, '$1  # the firmware').replace(/("mn" : "[^"]*",)/, '$1   <-- old').replace(/("rab" : 0,)/, '$1\t// from the ticket');
    expect(noted).not.toBe(intel);
    expect(parseIdCtrlJson(noted)).toEqual(parseIdCtrlJson(intel));
  });

  it('a document cut inside a string is still a cut one, not mended into another', () => {
    const at = LAB.indexOf('"mn"');
    const cut = LAB.slice(0, LAB.indexOf('"', LAB.indexOf(':', at)) + 6);
    const r = parseIdCtrlJson(cut);
    expect(r.cut).toBeDefined();
    expect(r.model).toBeUndefined();
  });

  it("a person's '//' note on a line of its own in the document is no member (with or without a broken string)", () => {
    const noted = LAB.replace(/("fr"\s*:[^\n]*\n)/, '$1// rest of the fields\n');
    expect(noted).not.toBe(LAB);
    expect(parseIdCtrlJson(noted)).toEqual(parseIdCtrlJson(LAB));
    // Under a note a person's elision too: what is around both is read, not the document cut at the note.
    const both = LAB.replace(/("fr"\s*:[^\n]*\n)/, '$1  // more fields here\n  ...\n');
    expect(parseIdCtrlJson(both)).toMatchObject({ firmware: parseIdCtrlJson(LAB).firmware, subnqn: 'nqn.2019-08.org.qemu:FWSNAPLABNVME01' });
    expect(parseIdCtrlJson(both).cut).toBeUndefined();
  });

  it('a string left open above a line that is no closing quote is not mended: read as the document cut there', () => {
    const r = parseIdCtrlJson('{\n  "vid" : 4473,\n  "sn" : "abc\nthis is a sentence, not a closing quote\n}\n');
    expect([r.vid, r.serial, r.cut !== undefined]).toEqual([4473, undefined, true]);
    expect(parseIdCtrlJson('{\n  "vid" : 4473,\n  "sn" : "abc\n",\n')).toMatchObject({ vid: 4473, serial: 'abc' });
  });
});
