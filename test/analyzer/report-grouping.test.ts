import { describe, expect, it } from 'vitest';
import { groupFindings } from '../../analyzer/report/inventory.js';
import type { Finding } from '../../analyzer/report/model.js';
import { fillPlaceholders } from '../../analyzer/report/placeholders.js';
import { validateRule } from '../../analyzer/rules/validate.js';
import type { DeviceInventoryRole } from '../../analyzer/load/types.js';
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
    const base = { id: 'a', title: 't', severity: 'low', message: 'm', remediation: 'r', references: ['x'], applies_to: { class: ['widget'] }, tests: [{ name: 'f', expect: 'fail', devices: [{ key: 'k', class: 'widget' }] }, { name: 'p', expect: 'skip', devices: [{ key: 'k', class: 'gadget' }] }] };
    expect(validateRule({ ...base, caused_by: { rule: 'b', evidence: { mode: 'next_boot' } } }, 'a.yaml').problems).toEqual([]);
    expect(validateRule({ ...base, caused_by: { rule: 'a' } }, 'a.yaml').problems.map((p) => p.message)).toEqual(['a rule cannot be caused by itself']);
    expect(validateRule({ ...base, caused_by: { rule: 'b', when: 1 } }, 'a.yaml').problems.map((p) => p.message)).toEqual(['unknown caused_by field "when"']);
  });
});

// A class's own placeholders filled from its inventory roles: test/ata/report-placeholders.test.ts (`<port>`).
describe('remediation placeholders', () => {
  // A class whose inventory role fills <slot> from its key (widget:<n>).
  const roles = new Map<string, DeviceInventoryRole>([['widget', { placeholders: (key): Record<string, string> => (/^widget:(\d+)$/.test(key) ? { slot: key.slice(7) } : {}) }]]);
  it("fills <BDF> with the device address and a class's own placeholders from its role, and leaves the rest", () => {
    expect(fillPlaceholders('mstconfig -d <BDF> set NAME=<value>', '0000:3b:00.0', { class: 'bus', pci_address: '0000:3b:00.0' }, roles)).toBe('mstconfig -d 0000:3b:00.0 set NAME=<value>');
    expect(fillPlaceholders('widgetctl -s <slot> -d <BDF> reset', 'widget:3', { class: 'widget', pci_address: '0000:00:17.0' }, roles)).toBe('widgetctl -s 3 -d 0000:00:17.0 reset');
    expect(fillPlaceholders('widgetctl -s <slot>', 'widget:x', { class: 'widget', pci_address: null }, roles)).toBe('widgetctl -s <slot>');
    expect(fillPlaceholders('-d <BDF>', null, undefined, roles)).toBe('-d <BDF>');
  });
});
