import { isVersionScheme } from '../version/index.js';
import { stateFits, type FactContract } from './contract.js';
import type { ValueType } from './types.js';

export type Path = (string | number)[];
export interface FactProblem {
  path: Path;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v);

/** Which comparisons a value type allows, and of what JavaScript type their operands are. */
function opProblem(type: ValueType, op: string, v: unknown, values: readonly string[] | undefined): string | undefined {
  if (op === 'exists' || type === 'text') return undefined;
  const operands = op === 'in' && Array.isArray(v) ? v : [v];
  const ordered = ['lt', 'le', 'gt', 'ge'].includes(op);
  switch (type) {
    case 'boolean':
      if (op === 'eq' || op === 'ne') return typeof v === 'boolean' ? undefined : `${op} on a boolean key takes true or false, not ${show(v)}`;
      return `${op} does not apply to a boolean key (use eq: true/false)`;
    case 'integer':
    case 'number':
      if (op === 'glob') return `glob does not apply to a ${type} key`;
      return operands.every((x) => typeof x === 'number') ? undefined : `${op} on a ${type} key takes numbers, not ${show(v)}`;
    case 'string':
    case 'list': {
      if (ordered) return `${op} compares numbers; the key holds ${type === 'list' ? 'a list' : 'text'}`;
      if (op === 'glob') return undefined;
      if (!operands.every((x) => typeof x === 'string')) return `${op} on a ${type} key takes strings, not ${show(v)}`;
      const outside = values ? operands.filter((x) => !values.includes(x as string)) : [];
      return outside.length ? `${show(outside.length === 1 ? outside[0] : outside)} is not a value of this key (${values!.join(', ')})` : undefined;
    }
  }
}

const SETTING_OPS = ['eq', 'ne', 'in', 'glob', 'lt', 'le', 'gt', 'ge', 'exists'];

/** Device classes a fixed device key belongs to (`kernel`, `platform`), from the declared key shapes. */
function classOfKey(facts: FactContract, key: string): string[] | undefined {
  for (const c of facts.classes) for (const d of c.devices) if (d.key === key) return [d.class];
  return undefined;
}

/**
 * Checks the facts a rule names against the declarations: device classes, firmware components and states,
 * setting namespaces, keys, modes and the types of the values compared; the devices its tests inject; the
 * settings and firmware its message names; the namespace and component literals of its SQL.
 */
export function checkRuleFacts(rule: Obj, facts: FactContract): FactProblem[] {
  const out: FactProblem[] = [];
  const bad = (path: Path, message: string): void => void out.push({ path, message });
  const applies = isObj(rule.applies_to) && Array.isArray(rule.applies_to.class) ? (rule.applies_to.class as string[]) : undefined;
  applies?.forEach((c, i) => {
    const p = facts.checkDeviceClass(c);
    if (p) bad(['applies_to', 'class', i], p);
  });

  const condition = (c: unknown, path: Path): void => {
    if (!isObj(c)) return;
    const [kind, body] = Object.entries(c)[0] ?? [];
    if (kind === 'all' || kind === 'any') return (body as unknown[]).forEach((x, i) => condition(x, [...path, kind, i]));
    if (kind === 'not') return condition(body, [...path, 'not']);
    if (!isObj(body)) return;
    const p = [...path, kind!];
    if (kind === 'firmware') {
      const found = facts.findFirmware(body.component as string, applies);
      if ('problem' in found) return bad([...p, 'component'], found.problem);
      const state = (body.state as string | undefined) ?? 'running';
      if (!stateFits(found.decl.states, state)) bad([...p, body.state ? 'state' : 'component'], `firmware ${body.component as string} has no state "${state}" (declared: ${found.decl.states.join(', ')})`);
      if (typeof body.scheme === 'string' && !isVersionScheme(body.scheme)) bad([...p, 'scheme'], `unknown version scheme "${body.scheme}"`);
    } else if (kind === 'setting') {
      const classes = typeof body.device === 'string' ? classOfKey(facts, body.device) : applies;
      const found = facts.findSetting(body.namespace as string, body.key as string, classes);
      if ('problem' in found) return bad([...p, 'key'], found.problem);
      if (typeof body.mode === 'string' && !found.modes.includes(body.mode)) bad([...p, 'mode'], `setting ${body.namespace as string}/${body.key as string} has no mode "${body.mode}" (declared: ${found.modes.join(', ')})`);
      for (const op of SETTING_OPS) {
        if (body[op] === undefined) continue;
        const problem = opProblem(found.key.type, op, body[op], found.key.values);
        if (problem) bad([...p, op], `setting ${body.namespace as string}/${body.key as string}: ${problem}`);
      }
    }
  };
  if (Array.isArray(rule.when)) rule.when.forEach((c, i) => condition(c, ['when', i]));

  if (typeof rule.message === 'string') {
    for (const m of rule.message.matchAll(/\{setting\.([^}?]+)\}/g)) {
      const name = m[1]!;
      const splits = [...name.matchAll(/\./g)].map((d) => [name.slice(0, d.index), name.slice(d.index + 1)] as const);
      const any = splits.some(([ns, key]) => !('problem' in facts.findSetting(ns, key)));
      // {setting.<key>} (no namespace) is filled from the rule's own conditions only.
      const ownKey = splits.length === 0;
      if (!any && !ownKey) bad(['message'], `message names setting "${name}", which no class declares as <namespace>.<key>`);
    }
    for (const m of rule.message.matchAll(/\{firmware\.([^}?]+)\}/g)) {
      const parts = m[1]!.split('.');
      const ok = parts.some((_, i) => !('problem' in facts.findFirmware(parts.slice(0, parts.length - i).join('.'))));
      if (!ok) bad(['message'], `message names firmware "${m[1]}", which no class declares`);
    }
  }

  if (typeof rule.sql === 'string') {
    // A class's rules read the tables of another class only when the class says so (ClassFacts.reads); rules across
    // classes (rules/core, fleet rules: their id names no class) read any.
    const ruleClass = typeof rule.id === 'string' ? rule.id.split('.')[0]! : '';
    const reads = facts.readsOf(ruleClass);
    if (reads) {
      for (const table of new Set([...rule.sql.matchAll(/\b(?:from|join)\s+(\w+)/gi)].map((m) => m[1]!))) {
        const owner = facts.tableOwner(table);
        if (owner && owner !== ruleClass && !reads.includes(owner)) bad(['sql'], `sql reads ${table}, a table of class ${owner}; declare reads: ['${owner}'] in class ${ruleClass}'s facts.ts for its rules to read it`);
      }
    }
    for (const m of rule.sql.matchAll(/\bnamespace\s*=\s*'([^']+)'/g)) {
      if (!facts.hasNamespace(m[1]!)) bad(['sql'], `sql reads setting namespace "${m[1]}", which no class declares`);
    }
    for (const m of rule.sql.matchAll(/\bcomponent\s*=\s*'([^']+)'/g)) {
      const found = facts.findFirmware(m[1]!);
      if ('problem' in found) bad(['sql'], `sql reads ${found.problem}`);
    }
  }

  if (Array.isArray(rule.tests)) {
    rule.tests.forEach((t, ti) => {
      if (!isObj(t) || !Array.isArray(t.devices)) return;
      t.devices.forEach((d, di) => {
        if (!isObj(d) || typeof d.class !== 'string') return;
        const dp: Path = ['tests', ti, 'devices', di];
        const cp = facts.checkDeviceClass(d.class);
        if (cp) return bad([...dp, 'class'], `test injects an undeclared fact: ${cp}`);
        if (isObj(d.firmware)) {
          for (const component of Object.keys(d.firmware)) {
            const p = facts.checkFirmware({ component, state: 'running' }, d.class);
            if (p) bad([...dp, 'firmware', component], `test injects an undeclared fact: ${p}`);
          }
        } else if (Array.isArray(d.firmware)) {
          d.firmware.forEach((f, fi) => {
            if (!isObj(f)) return;
            const p = facts.checkFirmware({ component: String(f.component), state: (f.state as string | undefined) ?? 'running' }, d.class as string);
            if (p) bad([...dp, 'firmware', fi], `test injects an undeclared fact: ${p}`);
          });
        }
        if (Array.isArray(d.settings)) {
          d.settings.forEach((s, si) => {
            if (!isObj(s)) return;
            const p = facts.checkSetting(
              { namespace: String(s.namespace), key: String(s.key), value: s.value as string | number | boolean | null, mode: (s.mode as string | undefined) ?? 'current' },
              d.class as string,
            );
            if (p) bad([...dp, 'settings', si], `test injects an undeclared fact: ${p}`);
          });
        }
      });
    });
  }
  return out;
}
