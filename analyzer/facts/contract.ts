import { createHash } from 'node:crypto';
import type { ClassFacts, FirmwareDeclaration, KeyDeclaration, RuleTestFieldDeclaration, SettingsDeclaration, ValueType } from './types.js';

/** A fact a loader (or a rule test) produced that no class declares: a bug in the loader or in the declarations. */
export class UndeclaredFactError extends Error {
  readonly code = 'UNDECLARED_FACT';
  constructor(message: string) {
    super(message);
    this.name = 'UndeclaredFactError';
  }
}

/** What the fact sink does with an undeclared fact: report it as an issue (analysis) or throw (tests). */
export type UndeclaredFactPolicy = 'issue' | 'throw';

let policy: UndeclaredFactPolicy = 'issue';

/** The policy sinks use when not given one; the test setup makes it 'throw'. */
export function undeclaredFactPolicy(): UndeclaredFactPolicy {
  return policy;
}

export function setUndeclaredFactPolicy(p: UndeclaredFactPolicy): void {
  policy = p;
}

export interface SettingFact {
  namespace: string;
  key: string;
  value?: string | number | boolean | null;
  mode?: string;
}

export interface FoundKey {
  key: KeyDeclaration;
  namespace: SettingsDeclaration;
  owner: ClassFacts;
  /** The key is one of the namespace's open keys, not a declared one. */
  open: boolean;
  modes: readonly string[];
}

const wildcard = (pattern: string): RegExp => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
const matchesName = (declared: string, name: string): boolean => (declared.includes('*') ? wildcard(declared).test(name) : declared === name);

/** True when a value as a loader or a rule test hands it to the sink fits the declared type. */
export function valueFits(type: ValueType, v: string | number | boolean | null | undefined, values?: readonly string[]): boolean {
  if (v === null || v === undefined) return true;
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean' || v === 0 || v === 1 || v === '0' || v === '1';
    case 'integer':
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
    case 'number':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
    case 'string':
      return typeof v === 'string' && (!values || values.includes(v));
    case 'list':
      return typeof v === 'string';
    case 'text':
      return true;
  }
}

const show = (v: unknown): string => JSON.stringify(v);

/**
 * The declared facts of every registered class, and the questions the fact sink and rule validation ask of
 * them. It knows no class itself: everything comes from the declarations it is built from.
 */
export class FactContract {
  readonly deviceClasses: ReadonlySet<string>;

  constructor(readonly classes: readonly ClassFacts[]) {
    const seen = new Map<string, string>();
    for (const c of classes) {
      for (const d of c.devices) {
        const prev = seen.get(d.class);
        if (prev) throw new Error(`device class "${d.class}" is declared by both ${prev} and ${c.name}`);
        seen.set(d.class, c.name);
      }
    }
    this.deviceClasses = new Set(seen.keys());
  }

  /** The class that declares table (or view) `table`, if one does. */
  tableOwner(table: string): string | undefined {
    return this.classes.find((c) => c.tables?.includes(table))?.name;
  }

  /** The classes whose tables the rules of class `cls` read (its `reads`), or undefined when no class is named `cls`. */
  readsOf(cls: string): string[] | undefined {
    const own = this.classes.filter((c) => c.name === cls);
    return own.length ? own.flatMap((c) => c.reads ?? []) : undefined;
  }

  /** The rule-test field `name` some class reads, if one does. */
  testField(name: string): RuleTestFieldDeclaration | undefined {
    for (const c of this.classes) for (const f of c.testFields ?? []) if (f.name === name) return f;
    return undefined;
  }

  /** sha256 of the declarations, so caches made against other declarations are not reused. */
  fingerprint(): string {
    return createHash('sha256')
      .update(JSON.stringify(this.classes, (_, v: unknown) => (v instanceof RegExp ? v.source : v)))
      .digest('hex');
  }

  checkDeviceClass(cls: string): string | undefined {
    return this.deviceClasses.has(cls) ? undefined : `device class "${cls}" is not declared (declared: ${[...this.deviceClasses].sort().join(', ')})`;
  }

  private namespaces(namespace: string): { ns: SettingsDeclaration; owner: ClassFacts }[] {
    return this.classes.flatMap((owner) => owner.settings.filter((ns) => matchesName(ns.namespace, namespace)).map((ns) => ({ ns, owner })));
  }

  /** True when some class declares this settings namespace (exactly or by a `*` pattern). */
  hasNamespace(namespace: string): boolean {
    return this.namespaces(namespace).length > 0;
  }

  private readonly settingMemo = new Map<string, FoundKey | { problem: string }>();

  /** The declaration of a setting key, or why there is none. `deviceClasses` narrows to namespaces those devices carry. */
  findSetting(namespace: string, key: string, deviceClasses?: readonly string[]): FoundKey | { problem: string } {
    const memo = `${deviceClasses?.join('/') ?? ''}\0${namespace}\0${key}`;
    let found = this.settingMemo.get(memo);
    if (!found) this.settingMemo.set(memo, (found = this.lookUpSetting(namespace, key, deviceClasses)));
    return found;
  }

  private lookUpSetting(namespace: string, key: string, deviceClasses?: readonly string[]): FoundKey | { problem: string } {
    let decls = this.namespaces(namespace);
    if (!decls.length) return { problem: `setting namespace "${namespace}" is not declared` };
    if (deviceClasses?.length) {
      const forClass = decls.filter((d) => d.ns.devices.some((c) => deviceClasses.includes(c)));
      if (!forClass.length) {
        const on = [...new Set(decls.flatMap((d) => d.ns.devices))].join(', ');
        return { problem: `setting namespace "${namespace}" is not declared for device class ${deviceClasses.join('/')} (only for ${on})` };
      }
      decls = forClass;
    }
    for (const { ns, owner } of decls) {
      const k = ns.keys?.[key];
      if (k) return { key: k, namespace: ns, owner, open: false, modes: ns.modes ?? ['current'] };
    }
    for (const { ns, owner } of decls) {
      if (ns.open && (!ns.open.pattern || ns.open.pattern.test(key))) {
        return { key: { type: ns.open.type }, namespace: ns, owner, open: true, modes: ns.open.modes ?? ns.modes ?? ['current'] };
      }
    }
    const known = [...new Set(decls.flatMap((d) => Object.keys(d.ns.keys ?? {})))].sort();
    const near = known.filter((k) => k.includes(key.slice(0, 4)) || key.includes(k.slice(0, 4))).slice(0, 5);
    return { problem: `setting key "${key}" is not declared in namespace "${namespace}"${near.length ? ` (declared: ${near.join(', ')}${known.length > near.length ? ', …' : ''})` : ''}` };
  }

  /** Why a setting row breaks the declarations, or undefined when it fits. */
  checkSetting(s: SettingFact, deviceClass?: string): string | undefined {
    const found = this.findSetting(s.namespace, s.key, deviceClass ? [deviceClass] : undefined);
    if ('problem' in found) return found.problem;
    const at = `setting ${s.namespace}/${s.key}`;
    if (s.mode !== undefined && !found.modes.includes(s.mode)) return `${at} has mode "${s.mode}", declared ${found.modes.join(', ')}`;
    if (!valueFits(found.key.type, s.value, found.key.values)) {
      return `${at} = ${show(s.value)} does not fit its declared type ${found.key.type}${found.key.values ? ` (${found.key.values.join(', ')})` : ''}`;
    }
    return undefined;
  }

  findFirmware(component: string, deviceClasses?: readonly string[]): { decl: FirmwareDeclaration; owner: ClassFacts } | { problem: string } {
    const all = this.classes.flatMap((owner) => owner.firmware.map((decl) => ({ decl, owner })));
    const named = all.filter(({ decl }) => (decl.pattern ? decl.pattern.test(component) : decl.component === component));
    if (!named.length) return { problem: `firmware component "${component}" is not declared` };
    if (!deviceClasses?.length) return named[0]!;
    const mine = named.find(({ decl }) => decl.devices.some((c) => deviceClasses.includes(c)));
    return mine ?? { problem: `firmware component "${component}" is not declared for device class ${deviceClasses.join('/')} (only for ${[...new Set(named.flatMap((n) => n.decl.devices))].join(', ')})` };
  }

  checkFirmware(f: { component: string; state: string }, deviceClass?: string): string | undefined {
    const found = this.findFirmware(f.component, deviceClass ? [deviceClass] : undefined);
    if ('problem' in found) return found.problem;
    if (!stateFits(found.decl.states, f.state)) return `firmware ${f.component} has state "${f.state}", declared ${found.decl.states.join(', ')}`;
    return undefined;
  }

  checkRegisterSpace(space: string): string | undefined {
    const ok = this.classes.some((c) => (c.registers ?? []).some((r) => r.space !== undefined && matchesName(r.space, space)));
    return ok ? undefined : `register space "${space}" is not declared`;
  }

  checkRegisterFields(register: string): string | undefined {
    const ok = this.classes.some((c) => (c.registers ?? []).some((r) => r.register === register));
    return ok ? undefined : `register "${register}" (register_fields) is not declared`;
  }
}

export function stateFits(states: readonly string[], state: string): boolean {
  return states.includes(state) || (states.includes('slot-*') && /^slot-\d+$/.test(state));
}
