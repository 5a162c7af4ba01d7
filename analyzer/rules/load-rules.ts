import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
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

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
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

/** Loads every rule under dir (a file may hold several YAML documents); throws RuleFileError listing every problem. */
export function loadRules(dir: string): Rule[] {
  const rules: Rule[] = [];
  const errors: string[] = [];
  const ids = new Map<string, string>();
  for (const file of yamlFiles(dir)) {
    const rel = relative(dir, file);
    const lc = new LineCounter();
    const docs = parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter: lc, prettyErrors: false });
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
      const { rule, problems } = validateRule(doc.toJS(), rel);
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
  return rules;
}
