import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { evaluate, MissingValues, toU32 } from '../../analyzer/classes/mlx5/expr/evaluate.js';
import { parseExpression, parseStatements, variablesOf } from '../../analyzer/classes/mlx5/expr/parse.js';
import { ExprSyntaxError, tokenize } from '../../analyzer/classes/mlx5/expr/tokens.js';
import { DEFAULT_MLXCONFIG_DB } from '../../analyzer/classes/mlx5/config-db.js';

const calc = (src: string, vars: Record<string, number> = {}): number => evaluate(parseStatements(src), (n) => vars[n]);

describe('mlxconfig expression language', () => {
  it('tokenizes variables with TLV prefixes, hex numbers and two-character operators', () => {
    expect(tokenize('$nv_pci_cap.ats_supported !=  0x1').map((t) => t.kind + (t.kind === 'op' ? t.op : ''))).toEqual(['var', 'op!=', 'num', 'end']);
  });

  it('follows muParser precedence', () => {
    expect(calc('1 + 2 * 3')).toBe(7);
    expect(calc('2 ^ 3 ^ 2')).toBe(512); // right-associative power
    expect(calc('-2 ^ 2')).toBe(-4); // sign binds looser than ^
    expect(calc('2 ^ -1')).toBe(0.5);
    expect(calc('10 - 4 - 3')).toBe(3);
    expect(calc('12 / 3 / 2')).toBe(2);
    expect(calc('1 < 2 == 1')).toBe(1); // comparisons share one level, left to right
    expect(calc('0 || 1 && 0')).toBe(0); // && binds tighter than ||
    expect(calc('1 || 0 && 0')).toBe(1);
    expect(calc('0 ? 1 : 0 ? 2 : 3')).toBe(3); // nested ternary, right-associative
    expect(calc('1 ? 0 ? 4 : 5 : 6')).toBe(5);
  });

  it('uses ^ as power, not xor (the DB squares BAR sizes with it)', () => {
    expect(calc('($log_pf_uar_bar_size)^2', { log_pf_uar_bar_size: 5 })).toBe(25);
  });

  it('has log2 and the other muParser functions', () => {
    expect(calc('log2(1024)')).toBe(10);
    expect(calc('max(3, 9, 4) + min(2, 1)')).toBe(10);
    expect(calc('BitwiseAnd(6, 3) + BitwiseOr(4, 1)')).toBe(7);
    expect(() => calc('frobnicate(1)')).toThrow(/unknown function frobnicate/);
  });

  it('reads variables as u32 like mstflint does', () => {
    expect(calc('$x', { x: -1 })).toBe(0xffffffff);
    expect(toU32(4.9)).toBe(4);
    expect(toU32(Number.POSITIVE_INFINITY)).toBe(0xffffffff);
  });

  it('assigns temporary variables for later statements', () => {
    expect(calc('$_t = $a * 2; $_t + 1', { a: 4 })).toBe(9);
    expect(variablesOf(parseStatements('$_t = $a * 2; $_t + $b'))).toEqual(['a', 'b']);
  });

  it('names every missing variable before evaluating anything', () => {
    try {
      calc('$nv_global_pci_cap.max_vfs_per_pf_valid==1 ? $nv_global_pci_cap.max_vfs_per_pf : $x', { x: 1 });
      expect.fail('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(MissingValues);
      expect((e as MissingValues).names).toEqual(['nv_global_pci_cap.max_vfs_per_pf_valid', 'nv_global_pci_cap.max_vfs_per_pf']);
    }
  });

  it('reports syntax errors with the column', () => {
    expect(() => parseExpression('($a == 1')).toThrow(ExprSyntaxError);
    expect(() => parseExpression('($a == 1')).toThrow(/expected "\)" but the expression ended at column 9/);
    expect(() => parseExpression('$a # 2')).toThrow(/unexpected character "#" at column 4/);
    expect(() => parseExpression('$ + 1')).toThrow(/without a variable name/);
    expect(() => parseExpression('1 2')).toThrow(/unexpected token/);
  });

  it('evaluates the real MSI-X / BAR budget rule of NUM_OF_VFS', () => {
    const rule =
      '(($nv_global_pci_cap.max_total_msix_valid==0)||($nv_global_pci_cap.max_total_msix==0)||(($num_pfs * ($num_pf_msix + $total_vfs * $num_vf_msix))<=$nv_global_pci_cap.max_total_msix)) && (($nv_global_pci_cap.max_total_bar_valid==0)||($nv_global_pci_cap.max_total_bar==0)||($sriov_en==0)||($_calculatedTotalBar<=$nv_global_pci_cap.max_total_bar))';
    const temp =
      '$_calculatedTotalBar=($fpp_en==1?(log2($nv_global_pci_cap.max_total_bar==0?1:(($nv_global_pci_cap.max_total_bar/$num_pfs - ($log_pf_uar_bar_size)^2) / $total_vfs))) : (log2($nv_global_pci_cap.max_total_bar==0?1:(($nv_global_pci_cap.max_total_bar - ($log_pf_uar_bar_size)^2) / $total_vfs))))';
    const vars: Record<string, number> = {
      'nv_global_pci_cap.max_total_msix_valid': 1, 'nv_global_pci_cap.max_total_msix': 4096,
      'nv_global_pci_cap.max_total_bar_valid': 0, 'nv_global_pci_cap.max_total_bar': 0,
      num_pfs: 2, num_pf_msix: 63, num_vf_msix: 11, sriov_en: 1, fpp_en: 1, log_pf_uar_bar_size: 5, total_vfs: 8,
    };
    const run = (tv: number): number => evaluate([...parseStatements(temp), parseExpression(rule)], (n) => (n === 'total_vfs' ? tv : vars[n]));
    expect(run(8)).toBe(1); // 2 * (63 + 8 * 11) = 302 <= 4096
    expect(run(200)).toBe(0); // 2 * (63 + 200 * 11) = 4526 > 4096
    expect(run(0)).toBe(1); // the temp var divides by zero: no guard in the DB, and no crash here
  });

  it('parses every expression of the installed mlxconfig database', () => {
    const db = new Database(DEFAULT_MLXCONFIG_DB, { readonly: true, fileMustExist: true });
    const rows = db.prepare(`SELECT name, tlv_name, dependency, rule, min_val, max_val, temp_vars FROM params`).all() as Record<string, string | null>[];
    db.close();
    let count = 0;
    for (const r of rows) {
      for (const col of ['dependency', 'rule', 'min_val', 'max_val', 'temp_vars']) {
        const src = r[col]?.trim();
        if (!src || src.toLowerCase() === 'ignore_dependency') continue;
        expect(() => parseStatements(src), `${r.tlv_name}.${r.name} ${col}`).not.toThrow();
        count++;
      }
    }
    expect(count).toBeGreaterThan(250);
  });
});
