import { describe, expect, it } from 'vitest';
import { ataInventory } from '../../analyzer/classes/ata/inventory.js';
import { groupFindings } from '../../analyzer/report/inventory.js';
import type { Finding } from '../../analyzer/report/model.js';
import { fillPlaceholders } from '../../analyzer/report/placeholders.js';
import { validateRule } from '../../analyzer/rules/validate.js';
import type { Rule, Severity } from '../../analyzer/rules/types.js';

const finding = (rule: string, severity: Severity, evidence: Record<string, unknown> = {}): Finding => ({
  bundle: 1, host: 'h', rule, title: rule, severity, device: 'd', deviceName: null, message: rule, evidence, remediation: '', references: [],
});
const rules = new Map<string, Rule>([
  ['pending', { id: 'pending' } as unknown as Rule],
  ['breaks', { id: 'breaks', caused_by: { rule: 'pending', evidence: { mode: 'next_boot' } } } as unknown as Rule],
]);

describe('finding groups', () => {
  it('folds a caused finding under its cause, at the higher severity', () => {
    const g = groupFindings([finding('breaks', 'high', { mode: 'next_boot' }), finding('pending', 'medium'), finding('other', 'low')], rules);
    expect(g.map((x) => [x.headline.rule, x.severity, x.details.length])).toEqual([['pending', 'high', 1], ['other', 'low', 0]]);
  });
  it('keeps a finding whose evidence does not match, or whose cause is absent, as a headline', () => {
    expect(groupFindings([finding('breaks', 'high', { mode: 'current' }), finding('pending', 'medium')], rules).map((x) => x.details.length)).toEqual([0, 0]);
    expect(groupFindings([finding('breaks', 'high', { mode: 'next_boot' })], rules).map((x) => x.headline.rule)).toEqual(['breaks']);
  });
  it('validates caused_by in rule files', () => {
    const base = { id: 'a', title: 't', severity: 'low', message: 'm', remediation: 'r', references: ['x'], applies_to: { class: ['pci'] }, tests: [{ name: 'f', expect: 'fail', devices: [{ key: 'k', class: 'pci' }] }, { name: 'p', expect: 'skip', devices: [{ key: 'k', class: 'nvme' }] }] };
    expect(validateRule({ ...base, caused_by: { rule: 'b', evidence: { mode: 'next_boot' } } }, 'a.yaml').problems).toEqual([]);
    expect(validateRule({ ...base, caused_by: { rule: 'a' } }, 'a.yaml').problems.map((p) => p.message)).toEqual(['a rule cannot be caused by itself']);
    expect(validateRule({ ...base, caused_by: { rule: 'b', when: 1 } }, 'a.yaml').problems.map((p) => p.message)).toEqual(['unknown caused_by field "when"']);
  });
});

describe('remediation placeholders', () => {
  const roles = new Map(Object.entries(ataInventory));
  it('fills <BDF> with the device address and <port> with the libata port id, and leaves the rest', () => {
    expect(fillPlaceholders('mstconfig -d <BDF> set NAME=<value>', '0000:3b:00.0', { class: 'pci', pci_address: '0000:3b:00.0' }, roles)).toBe('mstconfig -d 0000:3b:00.0 set NAME=<value>');
    expect(fillPlaceholders('libata.force=<port>:nodma', 'ata:dev3.1', { class: 'ata', pci_address: '0000:00:17.0' }, roles)).toBe('libata.force=3.01:nodma');
    expect(fillPlaceholders('-d <BDF>', null, undefined, roles)).toBe('-d <BDF>');
  });
});
