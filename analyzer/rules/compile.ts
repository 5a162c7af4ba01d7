import type { AppliesTo, Condition, FirmwareCondition, KernelCondition, ModelCondition, Rule, SettingCondition, VersionOps } from './types.js';
import { CUT_START, inquiryRevisionsOf, revisionGlobs } from './cut-version.js';

export { CUT_START } from './cut-version.js';

/**
 * A rule compiled to one SELECT over the schema. Every condition becomes a three-valued SQL expression:
 * 1 (holds), 0 (does not hold) or NULL (the data it needs is missing), combined with Kleene logic, so a
 * device yields fail (1), pass (0) or skip (NULL) — and the skip names what was missing.
 */
export interface CompiledRule {
  sql: string;
  /** Named parameters; bind `bundle` too in the `bundle` form. */
  params: Record<string, string | number | null>;
}

class Builder {
  params: Record<string, string | number | null> = {};
  /** With `share`, each condition on one fact is computed once per device as a column l0, l1, … of the candidates. */
  readonly leaves: string[] = [];
  private n = 0;
  /** The skip text of each firmware component and state read, computed once per device. */
  readonly cutTexts = new Map<string, string>();
  /** `grouped`: parameters are read from the row of the rules table `rp` instead of being bound. */
  constructor(private readonly share = false, private readonly grouped = false) {}
  p(v: string | number | boolean | null): string {
    const name = `p${this.n++}`;
    this.params[name] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    return this.grouped ? `rp.${name}` : `@${name}`;
  }
  leaf(sql: string): string {
    if (!this.share) return sql;
    this.leaves.push(sql);
    return `c.l${this.leaves.length - 1}`;
  }
}

const and3 = (xs: string[]): string =>
  xs.length === 1 ? xs[0]! : `(CASE WHEN ${xs.map((x) => `(${x}) = 0`).join(' OR ')} THEN 0 WHEN ${xs.map((x) => `(${x}) IS NULL`).join(' OR ')} THEN NULL ELSE 1 END)`;
const or3 = (xs: string[]): string =>
  xs.length === 1 ? xs[0]! : `(CASE WHEN ${xs.map((x) => `(${x}) = 1`).join(' OR ')} THEN 1 WHEN ${xs.map((x) => `(${x}) IS NULL`).join(' OR ')} THEN NULL ELSE 0 END)`;

function versionPredicate(b: Builder, ops: VersionOps, version: string, scheme: string, family: string): string {
  const cmp = (ref: string): string => `fw_cmp(${version}, ${b.p(ref)}, ${scheme}, ${family})`;
  const parts: string[] = [];
  if (ops.lt !== undefined) parts.push(`${cmp(ops.lt)} < 0`);
  if (ops.le !== undefined) parts.push(`${cmp(ops.le)} <= 0`);
  if (ops.gt !== undefined) parts.push(`${cmp(ops.gt)} > 0`);
  if (ops.ge !== undefined) parts.push(`${cmp(ops.ge)} >= 0`);
  if (ops.eq !== undefined) parts.push(`COALESCE(${cmp(ops.eq)} = 0, trim(${version}) = ${b.p(ops.eq)})`);
  if (ops.ne !== undefined) parts.push(`COALESCE(${cmp(ops.ne)} <> 0, trim(${version}) <> ${b.p(ops.ne)})`);
  if (ops.in !== undefined) parts.push(`(${ops.in.map((v) => `COALESCE(${cmp(v)} = 0, trim(${version}) = ${b.p(v)})`).join(' OR ')})`);
  if (ops.glob !== undefined) parts.push(`kglob(${b.p(ops.glob)}, rtrim(${version}))`);
  if (ops.range !== undefined) parts.push(`(${cmp(ops.range[0])} >= 0 AND ${cmp(ops.range[1])} < 0)`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

const VERSION_OPS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt', 'in', 'glob', 'range'] as const;

/** Revision globs per kernel glob: at least two, so that rules keyed on one literal firmware share one query shape. */
const SHAPED_GLOBS = 2;

/**
 * A version condition on a version known only by its end `tail` (an ATA firmware's INQUIRY revision, cut-version.ts):
 * 0 or 1 where no listed firmware would give that revision, NULL where one would (it may be the drive's or not) and
 * for orderings, which the end cannot decide.
 */
function cutPredicate(b: Builder, ops: VersionOps, tail: string): string {
  const parts: string[] = [];
  const shows = (v: string): string => `${tail} IN (${inquiryRevisionsOf(v).map((r) => b.p(r)).join(', ')})`;
  if (['lt', 'le', 'gt', 'ge', 'range'].some((op) => ops[op as keyof VersionOps] !== undefined)) parts.push('NULL');
  if (ops.eq !== undefined) parts.push(`(CASE WHEN ${shows(ops.eq)} THEN NULL ELSE 0 END)`);
  if (ops.ne !== undefined) parts.push(`(CASE WHEN ${shows(ops.ne)} THEN NULL ELSE 1 END)`);
  if (ops.in !== undefined) parts.push(`(CASE WHEN ${ops.in.map(shows).join(' OR ')} THEN NULL ELSE 0 END)`);
  if (ops.glob !== undefined) {
    const globs = revisionGlobs(ops.glob);
    while (globs.length < SHAPED_GLOBS) globs.push(globs[0] ?? ops.glob);
    parts.push(`(CASE WHEN ${globs.map((g) => `kglob(${b.p(g)}, ${tail}) = 1`).join(' OR ')} THEN NULL ELSE 0 END)`);
  }
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

/** The rows of the device's firmware a condition reads. */
function firmwareWhere(b: Builder, c: FirmwareCondition): string {
  return `f.bundle_id = d.bundle_id AND f.device_key = d.device_key AND f.component = ${b.p(c.component)} AND f.state = ${b.p(c.state ?? 'running')}`;
}

function firmwareExpr(b: Builder, c: FirmwareCondition): string {
  const parts: string[] = [];
  if (c.unknown !== undefined) parts.push(`f.unknown = ${c.unknown ? 1 : 0}`);
  // A version stored with `…` before it is known only by its end, the revision SAT makes of it (docs/rule-format.md):
  // the listed versions that would end otherwise are ruled out; nothing decides the others.
  if (VERSION_OPS.some((op) => c[op] !== undefined)) {
    const whole = versionPredicate(b, c, 'f.version', c.scheme ? b.p(c.scheme) : 'f.scheme', 'f.family');
    parts.push(`(CASE WHEN substr(f.version, 1, 1) = '${CUT_START}' THEN ${cutPredicate(b, c, 'substr(f.version, 2)')} ELSE ${whole} END)`);
  }
  return `(SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE MAX(${parts.join(' AND ')}) END FROM firmware f WHERE ${firmwareWhere(b, c)})`;
}

/**
 * The skip text of a firmware condition left undecided: what describeNeed names, and, where the version is stored cut
 * to its end, that only its end is known and which it is; NULL where no version is cut.
 */
function cutFirmwareText(b: Builder, c: FirmwareCondition, need: string): string {
  const key = `${c.component}\u0000${c.state ?? 'running'}`;
  const known = b.cutTexts.get(key);
  if (known) return known;
  const sql = b.leaf(`(SELECT ${b.p(`${need} in full (`)} || MAX(f.version) || ${b.p(' is only its end, as the SCSI layer gives an ATA drive\'s firmware)')}
    FROM firmware f WHERE ${firmwareWhere(b, c)} AND substr(f.version, 1, 1) = '${CUT_START}')`);
  b.cutTexts.set(key, sql);
  return sql;
}

const TRUE_WORDS = `('1','y','true','on','yes','enabled','enable')`;
const FALSE_WORDS = `('0','n','false','off','no','disabled','disable')`;

function settingExpr(b: Builder, c: SettingCondition): string {
  const dev = c.device ? b.p(c.device) : 'd.device_key';
  const where = `s.bundle_id = d.bundle_id AND s.device_key = ${dev} AND s.namespace = ${b.p(c.namespace)} AND s.key = ${b.p(c.key)}${c.mode ? ` AND s.mode = ${b.p(c.mode)}` : ''}`;
  const num = `(CASE WHEN trim(s.value) GLOB '[0-9-]*' OR trim(s.value) GLOB '[0-9]*.[0-9]*' THEN CAST(s.value AS REAL) END)`;
  const eq = (v: string | number | boolean): string =>
    typeof v === 'boolean' ? `lower(trim(s.value)) IN ${v ? TRUE_WORDS : FALSE_WORDS}` : typeof v === 'number' ? `${num} = ${b.p(v)}` : `s.value = ${b.p(v)}`;
  const parts: string[] = [];
  if (c.eq !== undefined) parts.push(eq(c.eq));
  if (c.ne !== undefined) parts.push(`NOT (${eq(c.ne)})`);
  if (c.in !== undefined) parts.push(`(${c.in.map(eq).join(' OR ')})`);
  if (c.glob !== undefined) parts.push(`kglob(${b.p(c.glob)}, s.value)`);
  for (const [op, sym] of [['lt', '<'], ['le', '<='], ['gt', '>'], ['ge', '>=']] as const) if (c[op] !== undefined) parts.push(`${num} ${sym} ${b.p(c[op])}`);
  const pred = parts.length ? parts.join(' AND ') : '1';
  const absent = c.exists === false ? '1' : c.exists === true ? '0' : 'NULL';
  const present = c.exists === false ? '0' : `MAX(${pred})`;
  return `(SELECT CASE WHEN COUNT(*) = 0 THEN ${absent} ELSE ${present} END FROM settings s WHERE ${where})`;
}

function kernelExpr(b: Builder, c: KernelCondition): string {
  return `(CASE WHEN k.kernel_release IS NULL THEN NULL ELSE ${versionPredicate(b, c, 'k.kernel_release', `'kernel'`, 'NULL')} END)`;
}

function modelExpr(b: Builder, c: ModelCondition): string {
  const globs = typeof c.glob === 'string' ? [c.glob] : c.glob;
  return `(CASE WHEN d.model IS NULL THEN NULL ELSE (${globs.map((g) => `COALESCE(kglob(${b.p(g)}, d.model), 0)`).join(' OR ')}) END)`;
}

/** A short text naming the data a condition needs, for skips. */
export function describeNeed(c: Condition): string[] {
  if ('firmware' in c) return [`firmware ${c.firmware.component} (${c.firmware.state ?? 'running'})`];
  if ('setting' in c) return [`setting ${c.setting.namespace}/${c.setting.key}${c.setting.mode ? ` (${c.setting.mode})` : ''}`];
  if ('kernel' in c) return ['kernel release'];
  if ('model' in c) return ['model'];
  if ('not' in c) return describeNeed(c.not);
  return ('all' in c ? c.all : c.any).flatMap(describeNeed);
}

/**
 * A fact a condition reads: its SQL, NULL when the fact is missing, and the text naming it (`describeNeed`); `text`,
 * SQL giving a fuller text where the fact is there but cut (a firmware known only by its end), else NULL.
 */
interface Leaf { sql: string; need: string; text?: string }

function condExpr(b: Builder, c: Condition, leaves: Leaf[]): string {
  const leaf = (sql: string, text?: (need: string) => string): string => {
    const ref = b.leaf(sql);
    const need = describeNeed(c)[0]!;
    leaves.push({ sql: ref, need, ...(text ? { text: text(need) } : {}) });
    return ref;
  };
  if ('firmware' in c) {
    const f = c.firmware;
    return leaf(firmwareExpr(b, f), (need) => cutFirmwareText(b, f, need));
  }
  if ('setting' in c) return leaf(settingExpr(b, c.setting));
  if ('kernel' in c) return leaf(kernelExpr(b, c.kernel));
  if ('model' in c) return leaf(modelExpr(b, c.model));
  if ('not' in c) return `(1 - ${condExpr(b, c.not, leaves)})`;
  if ('all' in c) return and3(c.all.map((x) => condExpr(b, x, leaves)));
  return or3(c.any.map((x) => condExpr(b, x, leaves)));
}

/**
 * The text of a skip: each fact, once, that is missing under a condition left undecided — not every fact the
 * condition names (a CPU's signature read by eight globs, present, beside its unreadable microcode).
 */
function missingText(b: Builder, conds: { sql: string; leaves: Leaf[] }[]): string {
  const needs = [...new Set(conds.flatMap((c) => c.leaves.map((l) => l.need)))];
  return needs.map((need) => {
    const undecided = conds
      .filter((c) => c.leaves.some((l) => l.need === need))
      .map((c) => `((${c.sql}) IS NULL AND (${c.leaves.filter((l) => l.need === need).map((l) => `(${l.sql}) IS NULL`).join(' OR ')}))`);
    const text = conds.flatMap((c) => c.leaves).find((l) => l.need === need && l.text !== undefined)?.text;
    return `CASE WHEN ${undecided.join(' OR ')} THEN ${text ? `COALESCE(${text}, ${b.p(need)}) || ', '` : b.p(need + ', ')} ELSE '' END`;
  }).join(' || ');
}

function appliesWhere(b: Builder, a: AppliesTo): string {
  const w: string[] = [];
  const list = (col: string, vals: (string | number)[] | undefined): void => {
    if (vals?.length) w.push(`${col} IN (${vals.map((v) => b.p(v)).join(', ')})`);
  };
  list('d.class', a.class);
  list('COALESCE(d.vendor_id, p.vendor_id)', a.vendor_id);
  list('COALESCE(d.device_id, p.device_id)', a.device_id);
  list('COALESCE(d.subsystem_vendor_id, p.subsystem_vendor_id)', a.subsystem_vendor_id);
  list('COALESCE(d.subsystem_device_id, p.subsystem_device_id)', a.subsystem_device_id);
  list('COALESCE(d.driver, p.driver)', a.driver);
  if (a.model?.length) w.push(`(${a.model.map((g) => `kglob(${b.p(g)}, d.model)`).join(' OR ')})`);
  if (a.not_model?.length) w.push(`NOT (${a.not_model.map((g) => `COALESCE(kglob(${b.p(g)}, d.model), 0)`).join(' OR ')})`);
  if (a.key?.length) w.push(`(${a.key.map((g) => `kglob(${b.p(g)}, d.device_key)`).join(' OR ')})`);
  return w.length ? ` AND ${w.join(' AND ')}` : '';
}

/**
 * Compiles a `when` rule. Columns: bundle_id, device_key, result, missing. The `set` form judges every bundle of
 * the temporary table `rule_bundles` in one query (rows by bundle, then device); the `bundle` form judges the one
 * bundle bound to `@bundle` (the per-bundle reference evaluation). Three-valued logic names each condition two or
 * three times, so nested any/all/not repeat the fact lookups below them: the `set` form looks each fact up once
 * per selected device (a materialized list of candidates with one column per fact condition) and combines the columns.
 */
export function compileRule(rule: Rule, form: 'set' | 'bundle' = 'set'): CompiledRule {
  return compileShape(rule, form, false);
}

function compileShape(rule: Rule, form: 'set' | 'bundle', grouped: boolean): CompiledRule {
  const b = new Builder(form === 'set', grouped);
  const conds = (rule.when ?? []).map((c) => {
    const leaves: Leaf[] = [];
    return { sql: condExpr(b, c, leaves), leaves };
  });
  const verdict = conds.length ? and3(conds.map((c) => c.sql)) : '1';
  const missing = missingText(b, conds);
  const where = appliesWhere(b, rule.applies_to ?? {});
  const from = form === 'set' ? `rule_bundles rb CROSS JOIN devices d ON d.bundle_id = rb.bundle_id` : `devices d`;
  const selected = `FROM ${from}
  JOIN bundles k ON k.id = d.bundle_id
  LEFT JOIN devices p ON p.bundle_id = d.bundle_id AND p.device_key = d.pci_address AND p.device_key <> d.device_key${grouped ? '\n  CROSS JOIN rp' : ''}
  WHERE ${form === 'set' ? '1' : 'd.bundle_id = @bundle'}${where}`;
  const judged = `CASE ${verdict} WHEN 1 THEN 'fail' WHEN 0 THEN 'pass' ELSE 'skip' END AS result,
    rtrim(${missing || "''"}, ', ') AS missing`;
  if (!b.leaves.length) {
    const sql = `SELECT ${grouped ? 'rp.rule AS rule, ' : ''}d.bundle_id AS bundle_id, d.device_key AS device_key,
    ${judged}
  ${selected}
  ORDER BY ${grouped ? 'rp.rule, ' : ''}d.bundle_id, d.device_key`;
    return { sql, params: b.params };
  }
  const sql = `WITH c AS MATERIALIZED (SELECT ${grouped ? 'rp.rule AS rule, ' : ''}d.bundle_id AS bundle_id, d.device_key AS device_key, ${b.leaves.map((l, i) => `${l} AS l${i}`).join(',\n    ')}
  ${selected})
  SELECT ${grouped ? 'c.rule, ' : ''}c.bundle_id, c.device_key,
    ${judged}
  FROM c${grouped ? ' JOIN rp ON rp.rule = c.rule' : ''} ORDER BY ${grouped ? 'c.rule, ' : ''}c.bundle_id, c.device_key`;
  return { sql, params: b.params };
}

/**
 * Rules whose `set` queries differ only in their parameters, judged by one query: each rule's parameters are a row
 * of the table `rp(rule, p0, p1, …)` (`rule`: its index in `rules`), and each device row is read once for all of
 * them. Columns: rule, bundle_id, device_key, result, missing, by rule, then bundle, then device.
 */
export function compileRuleGroup(rules: readonly Rule[]): { sql: string; params: Record<string, string | number | null> } {
  const shapes = rules.map((r) => compileRule(r, 'set'));
  const names = Object.keys(shapes[0]!.params);
  if (shapes.some((c) => c.sql !== shapes[0]!.sql)) throw new Error('compileRuleGroup: the rules differ in more than their parameters');
  const params: Record<string, string | number | null> = {};
  const rows = shapes.map((c, i) => `(${[String(i), ...names.map((n) => ((params[`r${i}_${n}`] = c.params[n]!), `@r${i}_${n}`))].join(', ')})`);
  const table = `WITH rp(rule${names.map((n) => `, ${n}`).join('')}) AS MATERIALIZED (VALUES ${rows.join(', ')})`;
  const grouped = compileShape(rules[0]!, 'set', true).sql;
  return { sql: grouped.startsWith('WITH ') ? `${table}, ${grouped.slice(5)}` : `${table} ${grouped}`, params };
}
