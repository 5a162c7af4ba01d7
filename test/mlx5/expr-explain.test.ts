import { describe, expect, it } from 'vitest';
import { evaluate } from '../../analyzer/classes/mlx5/expr/evaluate.js';
import { explainBound, explainFalse, type ExplainContext } from '../../analyzer/classes/mlx5/expr/explain.js';
import { parseStatements } from '../../analyzer/classes/mlx5/expr/parse.js';

// Values by variable; names in capitals are settings, the others firmware capability fields.
function context(values: Record<string, number>, program: string): { c: ExplainContext; last: ReturnType<typeof parseStatements>[number] } {
  const exprs = parseStatements(program);
  const env = (n: string): number | undefined => values[n];
  const locals = new Map<string, number>();
  evaluate(exprs, env, locals);
  const name = (v: string) => (v.startsWith('cap.') ? { text: v.slice(4), limit: true } : { text: v.toUpperCase(), limit: false });
  return { c: { env, locals, name }, last: exprs[exprs.length - 1]! };
}

describe('vendor expressions in words', () => {
  it('leaves out the guards of a broken budget and states the sum against the limit', () => {
    const { c, last } = context(
      { 'cap.valid': 1, 'cap.max': 4096, pfs: 2, pf_msix: 63, vfs: 200, vf_msix: 11 },
      '($cap.valid==0)||($cap.max==0)||(($pfs * ($pf_msix + $vfs * $vf_msix))<=$cap.max)',
    );
    expect(explainFalse(last, c)).toEqual(['PFS 2 × (PF_MSIX 63 + VFS 200 × VF_MSIX 11) = 4,526, more than the 4,096 the firmware allows (max)']);
  });

  it('explains only the false half of a conjunction, and a conditional by the branch taken', () => {
    const { c, last } = context({ a: 3, b: 9, 'cap.ok': 1, 'cap.lim': 5 }, '($a<=$b) && (($cap.ok==1 ? $cap.lim : 0) >= $b)');
    expect(explainFalse(last, c)).toEqual(['lim 5 < B 9']);
  });

  it('uses the values of temporary variables the vendor defined', () => {
    const { c, last } = context({ bar: 5, vfs: 8, 'cap.max_bar': 64 }, '$_total = 2^$bar * ($vfs + 1); $_total <= $cap.max_bar');
    expect(explainFalse(last, c)).toEqual(['total 288, more than the 64 the firmware allows (max_bar)']);
  });

  it('says what a setting is when it should not be zero, and says nothing about a condition that holds', () => {
    const { c, last } = context({ 'cap.sup': 1, adv: 0 }, '($cap.sup!=0)&&($adv!=0)');
    expect(explainFalse(last, c)).toEqual(['ADV is 0']);
    const held = context({ adv: 1 }, '$adv!=0');
    expect(explainFalse(held.last, held.c)).toEqual([]);
  });

  it('names the field a bound is read from', () => {
    const { c, last } = context({ 'cap.v': 1, 'cap.max_vfs': 127 }, '($cap.v==1 ? $cap.max_vfs : 0)');
    expect(explainBound(last, c)).toBe('max_vfs 127');
  });
});
