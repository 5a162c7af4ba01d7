import type { Rule, UpstreamClaim } from '../types.js';
import { citedVersion } from '../validate.js';
import { readCArray, type CRow } from './c-table.js';
import type { KernelTree } from './kernel-tree.js';

/** One table row as field → normalised value, and every identifier it names (its flags among them). */
interface Row {
  line: number;
  fields: Map<string, string>;
  tokens: Set<string>;
  /** Identifiers of the field that holds the claimed flags (the row's whole flag set). */
  flagField?: string[];
}

export interface ClaimProblem {
  rule: string;
  claim: number;
  message: string;
}

export interface ClaimReport {
  /** Rules whose claims were read against the tree, with the files they cite. */
  checked: { rule: string; files: string[]; cited: string[] }[];
  problems: ClaimProblem[];
  /** Citations of another version than the tree's (a newer tree is news, not an error). */
  otherVersion: { rule: string; file: string; cited: string }[];
}

/** Numbers as decimal, string literals as their text, anything else with white space folded. */
function norm(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const t = v.trim();
  if (/^0x[0-9a-f]+[ul]*$/i.test(t)) return String(Number.parseInt(t, 16));
  if (/^\d+[ul]*$/i.test(t)) return String(Number.parseInt(t, 10));
  const s = /^"((?:[^"\\]|\\.)*)"$/.exec(t);
  return s ? s[1]!.replace(/\\(.)/g, '$1') : t.replace(/\s+/g, ' ');
}

function parseRow(r: CRow): Row {
  const fields = new Map<string, string>();
  const tokens = new Set<string>();
  r.fields.forEach((f, i) => {
    const d = /^\.(\w+)\s*=\s*([\s\S]*)$/.exec(f);
    const pci = /^PCI_V?DEVICE\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(f);
    if (d) fields.set(d[1]!, norm(d[2]!));
    else if (pci) {
      fields.set('vendor', norm(pci[1]!));
      fields.set('device', norm(pci[2]!));
    } else fields.set(String(i), norm(f));
    for (const t of f.match(/\b[A-Za-z_]\w*\b/g) ?? []) tokens.add(t);
  });
  return { line: r.line, fields, tokens };
}

function functionBody(src: string, name: string): string | undefined {
  const m = new RegExp(`^[^\\n;]*\\b${name}\\s*\\([^;{]*\\)\\s*\\{`, 'm').exec(src);
  if (!m) return undefined;
  let depth = 1;
  for (let i = m.index + m[0].length; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return src.slice(m.index, i + 1);
  }
  return undefined;
}

/**
 * Reads every rule's upstream claims against a kernel tree: the row exists and carries the flags, the
 * define has the value, the function holds the literals; and, over all rules, every flag of every claimed
 * row is either checked by some rule or named with the reason it is not.
 */
export function checkClaims(rules: readonly Rule[], tree: KernelTree): ClaimReport {
  const report: ClaimReport = { checked: [], problems: [], otherVersion: [] };
  const files = new Map<string, string | undefined>();
  const read = (f: string): string | undefined => {
    if (!files.has(f)) {
      try {
        files.set(f, tree.read(f));
      } catch {
        files.set(f, undefined);
      }
    }
    return files.get(f);
  };
  const tables = new Map<string, Row[]>();
  const coverage = new Map<string, { row: Row; covered: Set<string>; rules: string[] }>();
  for (const rule of rules) {
    if (!rule.upstream?.length) continue;
    const cited = new Set<string>();
    rule.upstream.forEach((c: UpstreamClaim, i) => {
      const bad = (message: string): void => void report.problems.push({ rule: rule.id, claim: i, message });
      for (const ref of rule.references) {
        const v = citedVersion(ref, c.file);
        if (v === undefined) continue;
        cited.add(v);
        if (v !== tree.version && !report.otherVersion.some((o) => o.rule === rule.id && o.file === c.file && o.cited === v)) report.otherVersion.push({ rule: rule.id, file: c.file, cited: v });
      }
      const src = read(c.file);
      if (src === undefined) return bad(`${c.file} is not in the Linux ${tree.version} tree`);
      if (c.table) {
        const key = `${c.file}:${c.table}`;
        if (!tables.has(key)) {
          try {
            tables.set(key, readCArray(src, c.table).map(parseRow));
          } catch (e) {
            return bad(`${c.file}: ${(e as Error).message}`);
          }
        }
        const want = Object.entries(c.row ?? {}).map(([k, v]) => [k, norm(v)] as const);
        const rows = tables.get(key)!.filter((r) => want.every(([k, v]) => r.fields.get(k) === v));
        if (rows.length === 0) return bad(`${c.file} ${c.table}[] has no row with ${want.map(([k, v]) => `${k}=${v}`).join(', ')}`);
        for (const row of rows) {
          for (const f of c.flags ?? []) if (!row.tokens.has(f)) bad(`${c.file} line ${row.line}: the row does not set ${f}`);
          const flagField = (c.flags ?? []).length ? [...row.tokens].filter((t) => sameFamily(t, c.flags![0]!)) : [];
          const cov = coverage.get(`${key}:${row.line}`) ?? { row: { ...row, flagField }, covered: new Set<string>(), rules: [] };
          for (const f of [...(c.flags ?? []), ...Object.keys(c.other_flags ?? {})]) cov.covered.add(f);
          cov.rules.push(rule.id);
          coverage.set(`${key}:${row.line}`, cov);
        }
      } else if (c.define) {
        for (const [name, value] of Object.entries(c.define)) {
          const m = new RegExp(`^\\s*#\\s*define\\s+${name}\\s+(.+?)\\s*(?:/[/*].*)?$`, 'm').exec(src);
          if (!m) bad(`${c.file} defines no ${name}`);
          else if (norm(m[1]!.replace(/^\((.*)\)$/, '$1')) !== norm(value)) bad(`${c.file}: ${name} is ${m[1]}, not ${value}`);
        }
      } else if (c.function) {
        const body = functionBody(src, c.function);
        if (!body) return bad(`${c.file} has no function ${c.function}()`);
        for (const lit of c.contains ?? []) if (!body.includes(lit)) bad(`${c.file} ${c.function}() does not contain ${JSON.stringify(lit)}`);
      }
    });
    report.checked.push({ rule: rule.id, files: [...new Set(rule.upstream.map((c) => c.file))], cited: [...cited] });
  }
  for (const [key, cov] of coverage) {
    const missing = (cov.row.flagField ?? []).filter((f) => !cov.covered.has(f));
    if (missing.length) report.problems.push({ rule: cov.rules.join(', '), claim: -1, message: `${key.replace(/:\d+$/, '')} line ${cov.row.line}: flags ${missing.join(', ')} are neither checked by a rule nor named as not checked` });
  }
  return report;
}

/** Flags of one family share their first two words (NVME_QUIRK_…, ATA_QUIRK_…). */
function sameFamily(token: string, flag: string): boolean {
  return token.startsWith(`${flag.split('_').slice(0, 2).join('_')}_`);
}
