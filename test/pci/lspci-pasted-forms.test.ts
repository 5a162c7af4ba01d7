/**
 * The same real output as people paste it in tickets: CRLF line ends, colour codes, a Markdown fence and a
 * prompt, indented as a whole, escaped inside a JSON log line. Each form gives the facts the plain output gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLspciText, type LspciText } from '../../analyzer/classes/pci/lspci-text.js';

const plain = readFileSync(new URL('./fixtures/real-lspci/epyc-rtx-a6000-vvnn-u2004.txt', import.meta.url), 'utf8');
const facts = (r: LspciText): unknown => r.functions.map(({ line: _line, capabilities, ...f }) => ({ ...f, capabilities: capabilities?.map(({ line: _l, ...c }) => c) }));
const reference = parseLspciText(plain);

const FORMS: Record<string, string> = {
  crlf: plain.replace(/\n/g, '\r\n'),
  'ansi colours': plain.replace(/^(\S+) /gm, '\x1b[1;32m$1\x1b[0m ').replace(/(LnkSta:)/g, '\x1b[33m$1\x1b[0m'),
  'markdown fence and prompt': `\`\`\`console\n[root@gpu01 ~]# lspci -vvnn\n${plain}\`\`\`\n`,
  'indented as a whole': plain.replace(/^/gm, '    '),
  'escaped in a JSON log line': `${JSON.stringify({ ts: '2024-05-01T10:00:00Z', msg: plain })}\n`,
  'tabs as spaces': plain.replace(/\t/g, '    '),
};

describe('pasted forms of a real lspci -vvnn output', () => {
  it('the plain output reads without issues', () => {
    expect(reference.issues).toEqual([]);
    expect(reference.functions).toHaveLength(3);
  });

  it.each(Object.keys(FORMS))('%s: the same functions and facts, nothing unread', (form) => {
    const r = parseLspciText(FORMS[form]!);
    expect(r.issues).toEqual([]);
    expect(facts(r)).toEqual(facts(reference));
  });
});

describe('a register line lspci never printed inside a capability', () => {
  const express = (x: LspciText): unknown => x.functions.map((f) => f.capabilities?.find((c) => c.id === 0x10)?.fields);
  it.each([
    ['AtomicOpsCap still continues DevCap2', '\t\t\t AtomicOpsCap:', '\t\t\t '],
    ['a continuation line still continues DevCap (FLReset-, SlotPowerLimit)', '\t\t\tExtTag-', '\t\t\t'],
  ])('costs no other register: %s', (_what, before, indent) => {
    const at = plain.indexOf(before);
    expect(at).toBeGreaterThan(0);
    const r = parseLspciText(`${plain.slice(0, at)}${indent}Xyzzy frobnication level: 17\n${plain.slice(at)}`);
    expect(express(r)).toEqual(express(reference));
  });
});

describe("a person's sentence at the margin between two lines of a function", () => {
  it.each([
    ['under the function line', /\n(?=\tSubsystem:)/],
    ['inside a capability, between two of its registers', /\n(?=\t\tLnkCap:)/],
    ['between two top-level fields', /\n(?=\tKernel driver in use:)/],
  ])('%s: the function keeps every field, the sentence is an issue of its own', (_where, at) => {
    const r = parseLspciText(plain.replace(at, '\nThe values below were read after the reboot.\n'));
    expect(facts(r)).toEqual(facts(reference));
    expect(r.issues.map((i) => i.text)).toEqual(['The values below were read after the reboot.']);
  });

  it('a piece a mail client broke off a line is still that line\'s end', () => {
    const line = plain.split('\n').find((l) => /^\tControl: .{70,}/.test(l))!;
    const cut = line.lastIndexOf(' ', 72);
    const r = parseLspciText(plain.replace(line, `${line.slice(0, cut)}\n${line.slice(cut + 1)}`));
    expect(facts(r)).toEqual(facts(reference));
  });
});
