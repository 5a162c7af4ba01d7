import { checkRuleFacts } from '../facts/check-rule.js';
import type { FactContract } from '../facts/contract.js';
import { SEVERITIES, type Condition, type Rule, type RuleTest } from './types.js';
import { readsBundleParameter } from './rule-bundles.js';

export type Path = (string | number)[];

export class RuleProblem {
  constructor(
    readonly path: Path,
    readonly message: string,
  ) {}
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const RULE_KEYS = new Set(['id', 'title', 'severity', 'description', 'applies_to', 'when', 'sql', 'check', 'message', 'remediation', 'references', 'upstream', 'tests', 'caused_by', 'scope']);
const APPLIES_KEYS = new Set(['class', 'vendor_id', 'device_id', 'subsystem_vendor_id', 'subsystem_device_id', 'driver', 'model', 'not_model', 'key']);
const VERSION_OPS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt', 'in', 'glob', 'range', 'unknown'];
const SETTING_OPS = ['eq', 'ne', 'in', 'glob', 'lt', 'le', 'gt', 'ge', 'exists'];
const RESULTS = ['fail', 'pass', 'skip', 'error', 'not_applicable'];

/**
 * Checks a parsed rule document, and, given the declared facts, every fact it names or its tests inject;
 * returns the rule or the list of problems with their paths.
 */
export function validateRule(raw: unknown, file: string, facts?: FactContract): { rule?: Rule; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const bad = (path: Path, message: string): void => void problems.push(new RuleProblem(path, message));
  if (!isObj(raw)) return { problems: [new RuleProblem([], 'a rule file must be a mapping')] };
  for (const k of Object.keys(raw)) if (!RULE_KEYS.has(k)) bad([k], `unknown field "${k}"`);
  const str = (k: string, required = true): void => {
    if (raw[k] === undefined) {
      if (required) bad([k], `"${k}" is required`);
    } else if (typeof raw[k] !== 'string' || (raw[k] as string).trim() === '') bad([k], `"${k}" must be a non-empty string`);
  };
  str('id');
  if (typeof raw.id === 'string' && !/^[a-z0-9][a-z0-9._-]*$/.test(raw.id)) bad(['id'], 'id may hold only a-z, 0-9, ".", "_" and "-"');
  str('title');
  str('message');
  str('remediation');
  str('description', false);
  if (!SEVERITIES.includes(raw.severity as (typeof SEVERITIES)[number])) bad(['severity'], `severity must be one of ${SEVERITIES.join(', ')}`);
  if (!Array.isArray(raw.references) || raw.references.length === 0) bad(['references'], 'references must list at least one source (URL or citation)');
  else raw.references.forEach((r, i) => typeof r !== 'string' && bad(['references', i], 'each reference must be a string'));
  if (raw.caused_by !== undefined) checkCausedBy(raw.caused_by, raw.id, bad);
  if (raw.upstream !== undefined) checkUpstream(raw.upstream, raw.references, bad);

  const forms = ['when', 'sql', 'check'].filter((k) => raw[k] !== undefined);
  // Without any of them, every device applies_to selects is a finding (a model-only quirk table entry).
  if (forms.length > 1 || (forms.length === 0 && raw.applies_to === undefined)) {
    bad([], 'a rule needs exactly one of "when" (conditions), "sql" (raw query) or "check" (builtin), or only applies_to');
  }
  if (raw.sql !== undefined && typeof raw.sql !== 'string') bad(['sql'], 'sql must be a string');
  if (raw.sql !== undefined && typeof raw.sql === 'string' && !/^\s*(select|with)\b/i.test(raw.sql)) bad(['sql'], 'sql must be a single SELECT (or WITH … SELECT) statement');
  if (raw.check !== undefined && typeof raw.check !== 'string') bad(['check'], 'check must name a builtin check');
  const fleet = raw.scope === 'fleet';
  if (raw.scope !== undefined && raw.scope !== 'bundle' && !fleet) bad(['scope'], 'scope must be bundle or fleet');
  if (fleet) {
    if (typeof raw.sql !== 'string') bad(['sql'], 'a fleet rule is an sql rule over every bundle of the fleet (fleet_bundles)');
    else if (/@bundle\b/.test(raw.sql)) bad(['sql'], 'a fleet rule reads its bundles from fleet_bundles, not @bundle');
    else if (!/\bfleet_bundles\b/.test(raw.sql)) bad(['sql'], 'a fleet rule must read its bundles from fleet_bundles');
    for (const k of ['applies_to', 'when', 'check']) if (raw[k] !== undefined) bad([k], `a fleet rule has no ${k}`);
  } else if (typeof raw.sql === 'string' && !readsBundleParameter(raw.sql) && !/\brule_bundles\b/.test(raw.sql)) {
    bad(['sql'], 'an sql rule reads the bundles it judges from rule_bundles (and returns bundle_id), or the one bundle bound to @bundle');
  }

  if (raw.applies_to !== undefined) {
    if (!isObj(raw.applies_to)) bad(['applies_to'], 'applies_to must be a mapping');
    else
      for (const [k, v] of Object.entries(raw.applies_to)) {
        if (!APPLIES_KEYS.has(k)) bad(['applies_to', k], `unknown applies_to field "${k}"`);
        const list = Array.isArray(v) ? v : [v];
        const wantNum = k.endsWith('_id');
        list.forEach((x, i) => {
          if (wantNum ? !Number.isInteger(x) : typeof x !== 'string') bad(['applies_to', k, ...(Array.isArray(v) ? [i] : [])], `${k} takes ${wantNum ? 'integers (e.g. 0x15b3)' : 'strings'}`);
        });
        raw.applies_to[k] = list;
      }
  }
  if (raw.when !== undefined) {
    if (!Array.isArray(raw.when) || raw.when.length === 0) bad(['when'], 'when must be a non-empty list of conditions');
    else raw.when.forEach((c, i) => checkCondition(c, ['when', i], bad));
  }
  if (!Array.isArray(raw.tests) || raw.tests.length === 0) bad(['tests'], 'tests must list at least one test');
  else {
    raw.tests.forEach((t, i) => checkTest(t, ['tests', i], bad, fleet, facts));
    const expects = raw.tests.filter(isObj).map((t) => t.expect);
    if (!expects.includes('fail')) bad(['tests'], 'tests need at least one case that fires (expect: fail)');
    if (!expects.some((e) => e === 'pass' || e === 'skip' || e === 'not_applicable')) bad(['tests'], 'tests need at least one case that must not fire (expect: pass or skip where the rule applies, or not_applicable)');
  }
  if (!problems.length && facts) for (const p of checkRuleFacts(fleet ? fleetFacts(raw) : raw, facts)) bad(fleetPath(p.path, raw), p.message);
  if (problems.length) return { problems };
  return { rule: { ...(raw as unknown as Omit<Rule, 'file'>), file }, problems };
}

/** The kernel version a reference cites for a file ("Linux 7.2.13 drivers/…: …"), if it cites that file. */
export function citedVersion(reference: string, file: string): string | undefined {
  const m = /^Linux (\S+) (\S+?):?(?:\s|$)/.exec(reference);
  return m && m[2] === file ? m[1] : undefined;
}

const CLAIM_KEYS = new Set(['file', 'table', 'row', 'flags', 'other_flags', 'define', 'function', 'contains']);
const scalarMap = (v: unknown): boolean => isObj(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');

function checkUpstream(claims: unknown, references: unknown, bad: (p: Path, m: string) => void): void {
  if (!Array.isArray(claims) || claims.length === 0) return bad(['upstream'], 'upstream must list at least one claim');
  claims.forEach((c, i) => {
    const p: Path = ['upstream', i];
    if (!isObj(c)) return bad(p, 'an upstream claim is a mapping');
    for (const k of Object.keys(c)) if (!CLAIM_KEYS.has(k)) bad([...p, k], `unknown upstream field "${k}"`);
    const file = c.file;
    if (typeof file !== 'string' || !/^[\w./-]+$/.test(file)) return bad([...p, 'file'], 'file is a kernel source path');
    const cited = Array.isArray(references) && references.some((r) => typeof r === 'string' && citedVersion(r, file) !== undefined);
    if (!cited) bad([...p, 'file'], `references must cite "Linux <version> ${file}"`);
    const kinds = [c.table !== undefined, c.define !== undefined, c.function !== undefined].filter(Boolean).length;
    if (kinds !== 1) bad(p, 'a claim names exactly one of table, define or function');
    if (c.table !== undefined && (typeof c.table !== 'string' || !scalarMap(c.row))) bad([...p, 'row'], 'a table claim names the row by its fields');
    if (c.flags !== undefined && !(Array.isArray(c.flags) && c.flags.every((f) => typeof f === 'string'))) bad([...p, 'flags'], 'flags is a list of flag names');
    if (c.other_flags !== undefined && !(isObj(c.other_flags) && Object.values(c.other_flags).every((x) => typeof x === 'string'))) bad([...p, 'other_flags'], 'other_flags maps each flag to why it is not checked');
    if (c.define !== undefined && !scalarMap(c.define)) bad([...p, 'define'], 'define maps macro names to their values');
    if (c.function !== undefined && (typeof c.function !== 'string' || !(Array.isArray(c.contains) && c.contains.length && c.contains.every((x) => typeof x === 'string')))) bad([...p, 'contains'], 'a function claim lists the literals the function contains');
  });
}

function checkCondition(c: unknown, path: Path, bad: (p: Path, m: string) => void): void {
  if (!isObj(c) || Object.keys(c).length !== 1) return bad(path, 'a condition is a mapping with one of firmware, setting, kernel, model, all, any, not');
  const [kind, body] = Object.entries(c)[0]!;
  const p = [...path, kind];
  switch (kind) {
    case 'all':
    case 'any':
      if (!Array.isArray(body) || !body.length) return bad(p, `${kind} takes a non-empty list of conditions`);
      return body.forEach((x, i) => checkCondition(x as Condition, [...p, i], bad));
    case 'not':
      return checkCondition(body, p, bad);
    case 'firmware':
    case 'kernel': {
      if (!isObj(body)) return bad(p, `${kind} takes a mapping`);
      if (kind === 'firmware' && typeof body.component !== 'string') bad([...p, 'component'], 'firmware conditions name a component');
      const allowed = new Set([...VERSION_OPS, ...(kind === 'firmware' ? ['component', 'state', 'scheme'] : [])]);
      for (const k of Object.keys(body)) if (!allowed.has(k)) bad([...p, k], `unknown ${kind} field "${k}"`);
      const ops = VERSION_OPS.filter((o) => body[o] !== undefined);
      if (ops.length === 0) bad(p, `${kind} condition needs one of ${VERSION_OPS.join(', ')}`);
      for (const o of ops) {
        const v = body[o];
        if (o === 'in' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) bad([...p, o], 'in takes a list of version strings');
        else if (o === 'range' && !(Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'))) bad([...p, o], 'range takes [from, to) as two version strings');
        else if (o === 'unknown' && typeof v !== 'boolean') bad([...p, o], 'unknown takes true or false');
        else if (!['in', 'range', 'unknown'].includes(o) && typeof v !== 'string') bad([...p, o], `${o} takes a version string (quote it: "1.10" is not 1.1)`);
      }
      return;
    }
    case 'model': {
      if (!isObj(body)) return bad(p, 'model takes a mapping');
      for (const k of Object.keys(body)) if (k !== 'glob') bad([...p, k], `unknown model field "${k}"`);
      const g = body.glob;
      if (!(typeof g === 'string' || (Array.isArray(g) && g.length > 0 && g.every((x) => typeof x === 'string')))) bad([...p, 'glob'], 'glob takes a kernel glob or a list of them');
      return;
    }
    case 'setting': {
      if (!isObj(body)) return bad(p, 'setting takes a mapping');
      if (typeof body.namespace !== 'string') bad([...p, 'namespace'], 'setting conditions name a namespace');
      if (typeof body.key !== 'string') bad([...p, 'key'], 'setting conditions name a key');
      const allowed = new Set([...SETTING_OPS, 'namespace', 'key', 'mode', 'device']);
      for (const k of Object.keys(body)) if (!allowed.has(k)) bad([...p, k], `unknown setting field "${k}"`);
      if (!SETTING_OPS.some((o) => body[o] !== undefined)) bad(p, `setting condition needs one of ${SETTING_OPS.join(', ')}`);
      for (const o of ['lt', 'le', 'gt', 'ge']) if (body[o] !== undefined && typeof body[o] !== 'number') bad([...p, o], `${o} takes a number`);
      return;
    }
    default:
      return bad(p, `unknown condition "${kind}"`);
  }
}

/** The fields of a rule test every rule may use; a class declares others it reads (ClassFacts.testFields). */
const TEST_FIELDS = new Set(['name', 'expect', 'device', 'kernel', 'devices', 'message', 'missing', 'hosts', 'host']);

function checkTest(t: unknown, path: Path, bad: (p: Path, m: string) => void, fleet: boolean, facts: FactContract | undefined): void {
  if (!isObj(t)) return bad(path, 'a test is a mapping');
  const classFields = Object.keys(t).filter((k) => !TEST_FIELDS.has(k) && facts?.testField(k));
  if (fleet) {
    if (t.devices !== undefined || t.kernel !== undefined || classFields.length) bad(path, 'a fleet rule test lists hosts (hostname, kernel, devices), not devices');
    if (!Array.isArray(t.hosts) || t.hosts.length < 2) bad([...path, 'hosts'], 'a fleet rule test needs at least two hosts');
    const names = new Set<string>();
    (Array.isArray(t.hosts) ? t.hosts : []).forEach((h: unknown, i: number) => {
      const hp = [...path, 'hosts', i];
      if (!isObj(h) || typeof h.hostname !== 'string' || !Array.isArray(h.devices)) return bad(hp, 'a test host needs hostname and devices');
      for (const k of Object.keys(h)) if (!['hostname', 'kernel', 'devices'].includes(k)) bad([...hp, k], `unknown test host field "${k}"`);
      if (names.has(h.hostname)) bad([...hp, 'hostname'], `duplicate hostname "${h.hostname}"`);
      names.add(h.hostname);
      h.devices.forEach((d: unknown, j: number) => {
        if (!isObj(d) || typeof d.key !== 'string' || typeof d.class !== 'string') bad([...hp, 'devices', j], 'a test device needs key and class');
      });
    });
    if (t.host !== undefined && !names.has(t.host as string)) bad([...path, 'host'], 'host must name one of the test\'s hosts');
  } else if (t.hosts !== undefined || t.host !== undefined) bad(path, 'hosts and host are for fleet rules (scope: fleet)');
  if (typeof t.name !== 'string') bad([...path, 'name'], 'a test needs a name');
  if (!RESULTS.includes(t.expect as string)) bad([...path, 'expect'], `expect must be one of ${RESULTS.join(', ')}`);
  if (t.devices !== undefined && !Array.isArray(t.devices)) bad([...path, 'devices'], 'devices must be a list');
  (Array.isArray(t.devices) ? t.devices : []).forEach((d: unknown, i: number) => {
    if (!isObj(d) || typeof d.key !== 'string' || typeof d.class !== 'string') bad([...path, 'devices', i], 'a test device needs key and class');
  });
  for (const k of classFields) {
    const v = t[k];
    if (!(Array.isArray(v) && v.every((l) => typeof l === 'string'))) bad([...path, k], `${k} is a list of lines (${facts!.testField(k)!.doc})`);
  }
  for (const k of Object.keys(t)) if (!TEST_FIELDS.has(k) && !classFields.includes(k)) bad([...path, k], `unknown test field "${k}"`);
}

export type { RuleTest };

/** A fleet rule's test hosts as one flat device list per test, for the declared-facts check… */
function fleetFacts(raw: Obj): Obj {
  const tests = (raw.tests as Obj[]).map((t) => ({ ...t, devices: (t.hosts as Obj[]).flatMap((h) => h.devices as unknown[]) }));
  return { ...raw, tests };
}

/** …whose problems are then placed back on the host they came from. */
function fleetPath(path: Path, raw: Obj): Path {
  if (raw.scope !== 'fleet' || path[0] !== 'tests' || path[2] !== 'devices') return path;
  const hosts = (raw.tests as Obj[])[path[1] as number]!.hosts as Obj[];
  let n = path[3] as number;
  for (const [i, h] of hosts.entries()) {
    const len = (h.devices as unknown[]).length;
    if (n < len) return ['tests', path[1]!, 'hosts', i, 'devices', n, ...path.slice(4)];
    n -= len;
  }
  return path;
}

function checkCausedBy(v: unknown, id: unknown, bad: (p: Path, m: string) => void): void {
  if (!isObj(v)) return bad(['caused_by'], 'caused_by must be a mapping {rule, evidence}');
  for (const k of Object.keys(v)) if (k !== 'rule' && k !== 'evidence') bad(['caused_by', k], `unknown caused_by field "${k}"`);
  if (typeof v.rule !== 'string' || !v.rule.trim()) bad(['caused_by', 'rule'], 'caused_by.rule must name a rule id');
  else if (v.rule === id) bad(['caused_by', 'rule'], 'a rule cannot be caused by itself');
  if (v.evidence !== undefined) {
    if (!isObj(v.evidence)) bad(['caused_by', 'evidence'], 'caused_by.evidence must map evidence fields to values');
    else for (const [k, x] of Object.entries(v.evidence)) if (!['string', 'number', 'boolean'].includes(typeof x)) bad(['caused_by', 'evidence', k], 'each value must be a string, number or boolean');
  }
}
