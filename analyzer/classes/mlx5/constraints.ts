import { readTlvField, TLV_CLASS_MODULE, TLV_CLASS_PORT, type MlxconfigDb, type ParamDef } from './config-db.js';
import { evaluate, MissingValues, toU32 } from './expr/evaluate.js';
import { explainBound, explainFalse, num, type ExplainContext, type VariableName } from './expr/explain.js';
import { parseStatements, type Expr } from './expr/parse.js';

export type NvMode = 'default' | 'current' | 'next_boot';
export type CheckedMode = 'current' | 'next_boot';

/** What a bundle tells about one device's NV configuration. */
export interface NvSnapshot {
  /** mlxconfig name as printed → numeric value per mode. */
  values: Map<string, Partial<Record<NvMode, number>>>;
  /** Capability TLV name → its data (MNVDA configuration item data), when the bundle holds it. */
  capabilities: Map<string, Buffer>;
  /** mlxconfig name as printed → the value name the device's tool printed with the number (`TRUST_PCP` of `TRUST_PCP(1)`). */
  labels?: Map<string, Partial<Record<NvMode, string>>>;
}

/** A value whose name the device's tool printed with another number than the mlxconfig database gives that name. */
export interface EnumDifference {
  param: string;
  mode: CheckedMode;
  printed: { label: string; number: number };
  /** The number the database gives the printed name; undefined when the database does not know the name. */
  database?: number;
  /** Every name=number of the database's enum. */
  known: string;
}

/**
 * Meaning over numbers: where the tool that read the device printed a value's name, that name is what the
 * value means on this firmware, whatever number the mlxconfig database gives the name. The differences are
 * reported as such; the value is never judged against the database's enum.
 */
export function enumDifferences(db: MlxconfigDb, snap: NvSnapshot, modes: CheckedMode[] = ['current', 'next_boot']): EnumDifference[] {
  const out: EnumDifference[] = [];
  for (const [shown, byMode] of snap.values) {
    const enumValues = db.lookupDisplayed(shown)?.param.enumValues;
    if (!enumValues) continue;
    for (const mode of modes) {
      const number = byMode[mode];
      const label = snap.labels?.get(shown)?.[mode];
      if (number === undefined || label === undefined) continue;
      const database = enumValues.get(label);
      if (database === number) continue;
      if (database === undefined && [...enumValues.values()].includes(number)) continue;
      out.push({ param: shown, mode, printed: { label, number }, database, known: [...enumValues].map(([k, v]) => `${k}(${v})`).join(', ') });
    }
  }
  return out;
}

export type ConstraintKind = 'enum' | 'width' | 'min' | 'max' | 'rule' | 'dependency';

export interface ConstraintFinding {
  result: 'fail' | 'skip';
  kind: ConstraintKind;
  mode: CheckedMode;
  /** mlxconfig names the constraint belongs to (a shared rule lists each parameter it is attached to). */
  params: string[];
  message: string;
  expression?: string;
  /** Values the evaluation read, by variable name. */
  inputs?: Record<string, number>;
  /** What the bundle lacks to decide (capability fields, parameters mlxconfig did not print). */
  missing?: string[];
}

const MODE_TEXT: Record<CheckedMode, string> = { current: 'current', next_boot: 'next boot' };

class ParseCache {
  private readonly cache = new Map<string, Expr[]>();
  get(src: string): Expr[] {
    let e = this.cache.get(src);
    if (!e) this.cache.set(src, (e = parseStatements(src)));
    return e;
  }
}

interface Scope {
  param: ParamDef;
  /** `_P1`, `_M2` or '' — applied to same-TLV and other port-TLV references. */
  suffix: string;
  mode: CheckedMode;
}

/** Checks each printed parameter against the vendor's constraints (value ranges, enums, max/min, rules, dependencies). */
export function checkConstraints(db: MlxconfigDb, snap: NvSnapshot, modes: CheckedMode[] = ['current', 'next_boot']): ConstraintFinding[] {
  const exprs = new ParseCache();
  const out: ConstraintFinding[] = [];
  const shared = new Map<string, ConstraintFinding>();

  const displayName = (p: ParamDef, suffix: string): string | undefined =>
    p.mlxconfigName ? `${p.mlxconfigName}${p.tlv.class === TLV_CLASS_PORT || p.tlv.class === TLV_CLASS_MODULE ? suffix : ''}` : undefined;

  /** Resolves `$name` / `$tlv.name`; undefined when the bundle does not hold it. */
  const lookup = (s: Scope) => (v: string): number | undefined => {
    const dot = v.indexOf('.');
    const def = dot < 0 ? db.param(s.param.tlv.name, v) : db.param(v.slice(0, dot), v.slice(dot + 1));
    if (!def) return undefined;
    if (def.tlv.cap) {
      const data = snap.capabilities.get(def.tlv.name);
      return data ? readTlvField(data, def) : undefined;
    }
    const shown = displayName(def, s.suffix);
    return shown === undefined ? undefined : snap.values.get(shown)?.[s.mode];
  };

  const describeMissing = (s: Scope, names: string[]): string[] =>
    names.map((v) => {
      const dot = v.indexOf('.');
      const def = dot < 0 ? db.param(s.param.tlv.name, v) : db.param(v.slice(0, dot), v.slice(dot + 1));
      if (!def) return `${v} (not in the mlxconfig database)`;
      if (def.tlv.cap) return `capability ${def.tlv.name}.${def.name}`;
      const shown = displayName(def, s.suffix);
      return shown ? `${shown} (${MODE_TEXT[s.mode]} value)` : `${def.tlv.name}.${def.name} (not printed by mlxconfig)`;
    });

  /** How a variable reads in an explanation: the name mlxconfig prints, or the capability field (a firmware limit). */
  const nameOf = (s: Scope) => (v: string): VariableName => {
    const dot = v.indexOf('.');
    const def = dot < 0 ? db.param(s.param.tlv.name, v) : db.param(v.slice(0, dot), v.slice(dot + 1));
    if (!def) return { text: v, limit: false };
    if (def.tlv.cap) return { text: def.name, limit: true };
    return { text: displayName(def, s.suffix) ?? `${def.tlv.name}.${def.name}`, limit: false };
  };

  /** Runs temp_vars then `src`; a MissingValues error becomes the list of what is missing. */
  const run = (s: Scope, src: string): { value: number; inputs: Record<string, number>; condition: Expr; context: ExplainContext } | { missing: string[] } => {
    const program = [...(s.param.tempVars && src.includes('$_') ? exprs.get(s.param.tempVars) : []), ...exprs.get(src)];
    const inputs: Record<string, number> = {};
    const env = lookup(s);
    const locals = new Map<string, number>();
    try {
      const value = evaluate(program, (n) => {
        const x = env(n);
        if (x !== undefined) inputs[n] = x;
        return x;
      }, locals);
      return { value: toU32(value), inputs, condition: program[program.length - 1]!, context: { env, locals, name: nameOf(s) } };
    } catch (e) {
      if (e instanceof MissingValues) return { missing: describeMissing(s, e.names) };
      throw e;
    }
  };

  const emit = (f: ConstraintFinding, shareKey?: string): void => {
    if (shareKey) {
      const prev = shared.get(shareKey);
      if (prev) {
        for (const p of f.params) if (!prev.params.includes(p)) prev.params.push(p);
        return;
      }
      shared.set(shareKey, f);
    }
    out.push(f);
  };

  for (const [shown, byMode] of snap.values) {
    const hit = db.lookupDisplayed(shown);
    if (!hit || /\[\d+\]$/.test(shown)) continue;
    const { param, suffix } = hit;
    for (const mode of modes) {
      const value = byMode[mode];
      if (value === undefined) continue;
      const s: Scope = { param, suffix, mode };
      const base = { mode, get params(): string[] {
        return [shown];
      } };
      const at = `${shown} ${MODE_TEXT[mode]} value ${value}`;
      const printedLabel = snap.labels?.get(shown)?.[mode];
      if (param.enumValues && printedLabel === undefined && ![...param.enumValues.values()].includes(value)) {
        const names = [...param.enumValues].map(([k, v]) => `${k}(${v})`).join(', ');
        emit({ ...base, result: 'fail', kind: 'enum', message: `${at} is not one of ${names}` });
      }
      if (param.bits < 32 && value > 2 ** param.bits - 1) {
        emit({ ...base, result: 'fail', kind: 'width', message: `${at} does not fit its ${param.bits}-bit field` });
      }
      for (const kind of ['max', 'min'] as const) {
        const src = param[kind];
        if (!src) continue;
        const r = run(s, src);
        if ('missing' in r) {
          emit({ ...base, result: 'skip', kind, expression: src, missing: r.missing, message: `${kind} of ${shown} needs ${r.missing.join(', ')}` });
        } else if (kind === 'max' ? value > r.value : value < r.value) {
          const word = kind === 'max' ? 'exceeds the maximum' : 'is below the minimum';
          const bound = explainBound(r.condition, r.context);
          // A bound read from one capability field names the field; a computed one shows how it came about.
          const one = /^(\S+) (\S+)$/.exec(bound);
          const how = bound === num(r.value) ? '' : one && one[2] === num(r.value) ? ` (${one[1]})` : ` (${bound})`;
          emit({ ...base, result: 'fail', kind, expression: src, inputs: r.inputs, message: `${at} ${word} ${num(r.value)} the firmware allows${how}` });
        }
      }
      if (param.rule) {
        const r = run(s, param.rule);
        const key = `rule|${mode}|${suffix}|${param.tlv.name}|${param.rule}`;
        if ('missing' in r) {
          emit({ ...base, result: 'skip', kind: 'rule', expression: param.rule, missing: r.missing, message: `the rule of ${shown} needs ${r.missing.join(', ')}` }, key);
        } else if (r.value === 0) {
          const why = explainFalse(r.condition, r.context);
          emit({ ...base, result: 'fail', kind: 'rule', expression: param.rule, inputs: r.inputs, message: `${MODE_TEXT[mode]} values break a vendor rule of ${shown}: ${why.join('; ') || 'its condition is false'}` }, key);
        }
      }
      const dep = param.dependency;
      const def = byMode.default;
      const changed = def === undefined ? value !== 0 : value !== def;
      if (dep && dep.toLowerCase() !== 'ignore_dependency' && changed) {
        const r = run(s, dep);
        if ('missing' in r) {
          emit({ ...base, result: 'skip', kind: 'dependency', expression: dep, missing: r.missing, message: `whether ${shown} applies needs ${r.missing.join(', ')}` });
        } else if (r.value === 0) {
          const from = def === undefined ? '' : ` (default ${def})`;
          const why = explainFalse(r.condition, r.context);
          emit({ ...base, result: 'fail', kind: 'dependency', expression: dep, inputs: r.inputs, message: `${at}${from} has no effect: what it depends on is not met (${why.join('; ') || 'the condition is false'})` });
        }
      }
    }
  }
  return out;
}
