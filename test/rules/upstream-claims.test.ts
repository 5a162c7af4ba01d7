import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { checkClaims } from '../../analyzer/rules/upstream/claims.js';
import { kernelTreeFromEnv, type KernelTree } from '../../analyzer/rules/upstream/kernel-tree.js';
import type { Rule, UpstreamClaim } from '../../analyzer/rules/types.js';

const FAKE_SRC: Record<string, string> = {
  'drivers/x/core.c': `
#define X_API_MAJOR 0x0001
#define X_API_MINOR (5)
static const struct q quirks[] = {
	{ .vid = 0x1179, .mn = "MODEL A", .quirks = X_QUIRK_ONE | X_QUIRK_TWO, },
	{ PCI_DEVICE(0x144d, 0xa80a), .driver_data = X_QUIRK_THREE, },
	{ }
};
static const struct x86_cpu_id ucode[] = {
	ZEN_MODEL_STEP_UCODE(0x17, 0x31, 0x0, 0x0830107b),
	{}
};
static bool combo(struct pci_dev *pdev)
{
	if (dmi_match(DMI_BOARD_NAME, "LXKT-ZXEG-N6"))
		return true;
	return false;
}
`,
};
const fakeTree: KernelTree = { dir: '(fake)', version: '9.9.9', read: (f) => FAKE_SRC[f] ?? (() => { throw new Error('ENOENT'); })() };
const rule = (id: string, ...upstream: UpstreamClaim[]): Rule =>
  ({ id, references: upstream.map((c) => `Linux 9.9.9 ${c.file}: …`), upstream }) as unknown as Rule;

describe('upstream claims read against a kernel tree', () => {
  it('accept a true row, define and function, when every flag of the row is accounted for', () => {
    const r = checkClaims([
      rule('a', { file: 'drivers/x/core.c', table: 'quirks', row: { vid: 0x1179, mn: 'MODEL A' }, flags: ['X_QUIRK_ONE'], other_flags: { X_QUIRK_TWO: 'not visible' } }),
      rule('b', { file: 'drivers/x/core.c', table: 'quirks', row: { vendor: 0x144d, device: 0xa80a }, flags: ['X_QUIRK_THREE'] }),
      rule('c', { file: 'drivers/x/core.c', define: { X_API_MAJOR: 1, X_API_MINOR: 5 } }),
      rule('m', { file: 'drivers/x/core.c', table: 'ucode', row: { 0: 'ZEN_MODEL_STEP_UCODE(0x17, 0x31, 0x0, 0x0830107b)' } }),
      rule('d', { file: 'drivers/x/core.c', function: 'combo', contains: ['"LXKT-ZXEG-N6"'] }),
    ], fakeTree);
    expect(r.problems).toEqual([]);
    expect(r.checked.map((c) => c.rule)).toEqual(['a', 'b', 'c', 'm', 'd']);
  });

  it('name each claim the source does not hold, and each flag nobody checks', () => {
    const r = checkClaims([
      rule('row', { file: 'drivers/x/core.c', table: 'quirks', row: { vid: 0x1179, mn: 'MODEL B' }, flags: ['X_QUIRK_ONE'] }),
      rule('flag', { file: 'drivers/x/core.c', table: 'quirks', row: { vid: 0x1179 }, flags: ['X_QUIRK_NINE'] }),
      rule('define', { file: 'drivers/x/core.c', define: { X_API_MINOR: 6 } }),
      rule('function', { file: 'drivers/x/core.c', function: 'combo', contains: ['"OTHER"'] }),
      rule('macro', { file: 'drivers/x/core.c', table: 'ucode', row: { 0: 'ZEN_MODEL_STEP_UCODE(0x17, 0x31, 0x0, 0x0830107a)' } }),
      rule('file', { file: 'drivers/y.c', define: { Y: 1 } }),
    ], fakeTree);
    const text = r.problems.map((p) => `${p.rule}: ${p.message}`).join('\n');
    expect(text).toContain('row: drivers/x/core.c quirks[] has no row with vid=4473, mn=MODEL B');
    expect(text).toContain('flag: drivers/x/core.c line 5: the row does not set X_QUIRK_NINE');
    expect(text).toContain('X_API_MINOR is (5), not 6');
    expect(text).toContain('does not contain "\\"OTHER\\""');
    expect(text).toContain('drivers/y.c is not in the Linux 9.9.9 tree');
    expect(text).toContain('ucode[] has no row with 0=ZEN_MODEL_STEP_UCODE(0x17, 0x31, 0x0, 0x0830107a)');
    expect(text).toContain('flags X_QUIRK_ONE, X_QUIRK_TWO are neither checked by a rule nor named as not checked');
  });
});

const tree = kernelTreeFromEnv();
describe.runIf(tree !== undefined || process.env.CI === 'true')('the shipped rules\' upstream claims', () => {
  it('hold in the newest kernel source (FWSNAP_KERNEL_SRC)', () => {
    expect(tree, 'FWSNAP_KERNEL_SRC must name a kernel tree in CI').toBeDefined();
    const r = checkClaims(loadRules(join(import.meta.dirname, '../../rules')), tree!);
    for (const c of r.checked) process.stdout.write(`${c.rule}: Linux ${c.cited.join('/')} ${c.files.join(', ')}\n`);
    for (const o of r.otherVersion) process.stdout.write(`NOTICE ${o.rule} cites Linux ${o.cited} ${o.file}; the newest source is ${tree!.version}\n`);
    expect(r.problems.map((p) => `${p.rule}: ${p.message}`)).toEqual([]);
    expect(r.checked.length).toBeGreaterThan(0);
  });
});
