import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { FactContract } from '../facts/contract.js';
import { shippedFacts } from '../classes/index.js';
import type { Rule } from './types.js';
import { validateRule, type Path } from './validate.js';

export class RuleFileError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid rules:\n  ${errors.join('\n  ')}`);
  }
}

/** The rules shipped with fwsnap (rules/ at the package root, also when running from dist/). */
export function defaultRulesDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const up of ['../../rules', '../../../rules']) {
    const dir = join(here, up);
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      /* keep looking */
    }
  }
  throw new Error('the rules directory was not found next to the fwsnap installation');
}

/** Largest rule file read (the biggest shipped one, a generated quirk table, is 0.6 MB; parsing costs ~40 times the text). */
export const MAX_RULE_FILE_BYTES = 2 * 1024 * 1024;
/** Largest rules directory read, all files together (the shipped rules are about 1.5 MB). */
export const MAX_RULES_BYTES = 16 * 1024 * 1024;

interface RuleFile {
  path: string;
  size: number;
  /** Size, change times and inode, as stat gives them: a file rewritten in place changes it. */
  stamp: string;
}

/**
 * The YAML files under dir. Only regular files are read (a FIFO or device named `x.yaml`, or a link to
 * one, would block the read or never end); one over MAX_RULE_FILE_BYTES is refused before it is read.
 */
function yamlFiles(dir: string, refused: string[], root = dir): RuleFile[] {
  const out: RuleFile[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p, refused, root));
    else if (/\.ya?ml$/.test(e.name)) {
      let st;
      try {
        st = statSync(p, { bigint: true });
      } catch (err) {
        refused.push(`${relative(root, p)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        continue;
      }
      const size = Number(st.size);
      if (!st.isFile()) refused.push(`${relative(root, p)}: not a regular file; not read`);
      else if (size > MAX_RULE_FILE_BYTES) refused.push(`${relative(root, p)}: ${size} bytes, over the ${MAX_RULE_FILE_BYTES} a rule file may have; not read`);
      else out.push({ path: p, size, stamp: `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}` });
    }
  }
  return out;
}

function lineOf(doc: Document, lc: LineCounter, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lc.linePos(range[0]).line;
    if (n === 0) break;
  }
  return undefined;
}

/** sha256 over every rule file's relative name and content and the declared facts: what a compiled cache must match. */
function fingerprint(dir: string, files: readonly string[], factsPrint: string): { hash: string; texts: Map<string, string> } {
  const h = createHash('sha256').update(factsPrint).update('\0');
  const texts = new Map<string, string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    texts.set(f, text);
    h.update(relative(dir, f)).update('\0').update(text).update('\0');
  }
  return { hash: h.digest('hex'), texts };
}

/** Where `npm run build` leaves the validated rules of a directory, as JSON (parsing YAML costs most of a cold start). */
export function rulesCachePath(): string {
  return fileURLToPath(new URL('./rules-cache.json', import.meta.url));
}

interface RulesCache {
  hash: string;
  rules: readonly Rule[];
}

/** Validates the rules under dir and stores them, with their fingerprint, for fast loading. */
export function writeRulesCache(dir: string, path = rulesCachePath(), facts = shippedFacts()): number {
  const rules = loadRules(dir, { useCache: false, facts });
  const { hash } = fingerprint(dir, yamlFiles(dir, []).map((f) => f.path), facts.fingerprint());
  writeFileSync(path, JSON.stringify({ hash, rules } satisfies RulesCache));
  return rules.length;
}

/**
 * Rules already validated in this process, by fingerprint: a run that analyses many bundles one call at a time (a
 * fleet, the test suite) parses and compiles them once. Frozen, as every caller shares them. `stamped` finds a
 * fingerprint from the files' stat stamps without reading them. Both keep the most recently used few.
 */
const loaded = new Map<string, readonly Rule[]>();
const stamped = new Map<string, string>();
const REMEMBERED = 4;

function recent<V>(m: Map<string, V>, key: string): V | undefined {
  const v = m.get(key);
  if (v !== undefined) {
    m.delete(key);
    m.set(key, v);
  }
  return v;
}

function keep<V>(m: Map<string, V>, key: string, v: V): void {
  m.delete(key);
  m.set(key, v);
  while (m.size > REMEMBERED) m.delete(m.keys().next().value!);
}

/** How many rule sets and stamps this process keeps (for tests). */
export function rememberedRuleSets(): { sets: number; stamps: number } {
  return { sets: loaded.size, stamps: stamped.size };
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function remember(hash: string, stamp: string, rules: readonly Rule[]): readonly Rule[] {
  const frozen = deepFreeze(rules);
  keep(loaded, hash, frozen);
  keep(stamped, stamp, hash);
  return frozen;
}

export interface LoadRulesOptions {
  useCache?: boolean;
  /** Declared facts every rule is checked against (default: the shipped classes'). */
  facts?: FactContract;
}

/**
 * Loads every rule under dir (a file may hold several YAML documents); throws RuleFileError listing every
 * problem, including facts no class declares. A build-time cache is used when it was made from exactly these
 * files and declarations.
 */
export function loadRules(dir: string, o: LoadRulesOptions = {}): readonly Rule[] {
  const facts = o.facts ?? shippedFacts();
  const refused: string[] = [];
  const found = yamlFiles(dir, refused);
  if (refused.length) throw new RuleFileError(refused);
  const total = found.reduce((n, f) => n + f.size, 0);
  if (total > MAX_RULES_BYTES) throw new RuleFileError([`${found.length} rule files of ${total} bytes in all, over the ${MAX_RULES_BYTES} a rules directory may have; none read`]);
  const factsPrint = facts.fingerprint();
  const stamp = createHash('sha256')
    .update(factsPrint)
    .update(found.map((f) => `\0${relative(dir, f.path)}\0${f.stamp}`).join(''))
    .digest('hex');
  if (o.useCache !== false) {
    const hash = recent(stamped, stamp);
    const known = hash === undefined ? undefined : recent(loaded, hash);
    if (known) return known;
  }
  const files = found.map((f) => f.path);
  const { hash, texts } = fingerprint(dir, files, factsPrint);
  if (o.useCache !== false) {
    const known = recent(loaded, hash);
    if (known) {
      keep(stamped, stamp, hash);
      return known;
    }
    try {
      const cache = JSON.parse(readFileSync(rulesCachePath(), 'utf8')) as RulesCache;
      if (cache.hash === hash) return remember(hash, stamp, cache.rules);
    } catch {
      /* no usable cache: parse the YAML */
    }
  }
  const rules: Rule[] = [];
  const errors: string[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    const rel = relative(dir, file);
    const lc = new LineCounter();
    const docs = parseAllDocuments(texts.get(file)!, { lineCounter: lc, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    for (const doc of list) {
      if (doc.errors.length) {
        for (const e of doc.errors) errors.push(`${rel}:${lc.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
        continue;
      }
      if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
      if (!isMap(doc.contents)) {
        errors.push(`${rel}:${lineOf(doc, lc, []) ?? 1}: a rule must be a mapping`);
        continue;
      }
      let value: unknown;
      try {
        value = doc.toJS();
      } catch (e) {
        // yaml refuses alias expansion past its limit ("billion laughs"): the file is named with it.
        errors.push(`${rel}:${lineOf(doc, lc, []) ?? 1}: ${(e as Error).message}`);
        continue;
      }
      const { rule, problems } = validateRule(value, rel, facts);
      for (const p of problems) {
        const line = lineOf(doc, lc, p.path);
        const field = p.path.length ? p.path.join('.') : '(rule)';
        errors.push(`${rel}:${line ?? '?'}: ${field}: ${p.message}`);
      }
      if (rule) {
        const prev = ids.get(rule.id);
        if (prev) errors.push(`${rel}: id: duplicate rule id "${rule.id}" (also in ${prev})`);
        ids.set(rule.id, rel);
        rules.push(rule);
      }
    }
  }
  if (errors.length) throw new RuleFileError(errors);
  return o.useCache === false ? rules : remember(hash, stamp, rules);
}
