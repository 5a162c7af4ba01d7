import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../../analyzer/rules/load-rules.js';
import { runRules } from '../../../analyzer/rules/run.js';
import { factsDatabase } from '../../../analyzer/rules/self-test.js';
import { fillTemplate } from '../../../analyzer/rules/template.js';
import { tempDir } from '../../helpers/tmp.js';

// The quirk-table extensions (not_model, padded firmware globs, optional message segments) on ATA drives: test/ata/rule-extensions.test.ts.
describe('rule templates', () => {
  it('fillTemplate leaves mandatory placeholders visible when missing', () => {
    expect(fillTemplate('{a}[[ {b}]] {c}', { a: 1, c: 'x' })).toBe('1 x');
    expect(fillTemplate('{a} {b}', { a: 1 })).toBe('1 {b?}');
    expect(fillTemplate('{a} ({model})', { a: 1, model: null })).toBe('1 (unknown)');
    expect(fillTemplate('{a}[[ ({model})]]', { a: 1, model: null })).toBe('1');
    expect(fillTemplate('{a}[[ ({model})]] {model}', { a: 1, model: '' })).toBe('1 unknown');
    expect(fillTemplate('[[{vendor_id}]]', { vendor_id: 0x8086 })).toBe('0x8086');
  });
});

describe('rules without conditions', () => {
  it('still need applies_to', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'r.yaml'), 'id: t.x\ntitle: t\nseverity: low\nmessage: m\nremediation: r\nreferences: [x]\ntests: [{name: a, expect: fail}, {name: b, expect: pass}]\n');
    expect(() => loadRules(dir)).toThrow(/only applies_to/);
  });
});

describe('boolean settings', () => {
  it('read sysfs module booleans (Y/N) as true/false', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'r.yaml'),
      `id: t.force-apst
title: t
severity: low
applies_to: {class: kernel}
when: [{setting: {namespace: "module:nvme_core", key: force_apst, eq: true}}]
message: m
remediation: r
references: [x]
tests: [{name: a, expect: fail}, {name: b, expect: pass}]
`,
    );
    const [rule] = loadRules(dir);
    const result = (value: string) => {
      const { db, bundleId } = factsDatabase({ name: 'x', expect: 'pass', devices: [{ key: 'kernel', class: 'kernel', settings: [{ namespace: 'module:nvme_core', key: 'force_apst', value, mode: 'runtime' }] }] });
      return runRules(db, bundleId, [rule!])[0]!.result;
    };
    expect(result('Y')).toBe('fail');
    expect(result('N')).toBe('pass');
  });
});
