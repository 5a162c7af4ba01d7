/**
 * The report of many bundles, written bundle by bundle: each bundle's part of the report is built from the
 * database, written to spool files (one per section) and dropped, so memory holds one bundle's report at a time
 * whatever the number of bundles. The text is the same as rendering the whole report at once (tested).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonTerminalSafe, terminalSafeDeep } from '../../bundle/terminal-safe.js';
import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import { SEVERITIES, type Rule, type Severity } from '../rules/types.js';
import { digestOf, showsFrom, type ReportDigest } from './inventory-text.js';
import { nestedJson as nested } from './json-chunks.js';
import { buildReport, findingsOfRule, severityRank, type Report } from './model.js';
import { lines, Spool, type ReportSink, type SinkContext, type Write } from './stream-sink.js';
import { htmlSink, markdownSink } from './stream-pages.js';
import { countSkipped, textBundle, textEntry, textError, textHead, textInventoryTitle, textSkipped, type TextStyle } from './text.js';

export type { Write } from './stream-sink.js';

/** From this many bundles on, analyze writes its report bundle by bundle. */
export const STREAM_FROM = 200;

export type StreamFormat = 'json' | 'text' | 'markdown' | 'html';

function setReportBundles(db: Db, ids: readonly number[]): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS report_bundles (id INTEGER PRIMARY KEY)`);
  cachedStatement(db, `DELETE FROM temp.report_bundles`).run();
  const ins = cachedStatement(db, `INSERT OR IGNORE INTO temp.report_bundles (id) VALUES (?)`);
  for (const id of ids) ins.run(id);
}

/** Adds one bundle's report to the running digest. */
function addDigest(total: ReportDigest, hosts: Set<string>, part: Report): void {
  const d = digestOf(part);
  for (const h of d.hosts) if (!hosts.has(h)) (hosts.add(h), total.hosts.push(h));
  total.entries += d.entries;
  total.devices += d.devices;
  total.problems += d.problems;
  total.affected += d.affected;
  const s = total.summary;
  for (const sev of SEVERITIES) s.findings[sev] += d.summary.findings[sev];
  s.passed += d.summary.passed;
  s.skipped += d.summary.skipped;
  s.errors += d.summary.errors;
  s.belowThreshold += d.summary.belowThreshold;
}


export interface StreamOptions {
  format: StreamFormat;
  style?: TextStyle;
  /** Where the spool files go (a private directory is made in it). */
  tmp?: string;
}

/** Writes the report of `bundleIds` through `write`, holding one bundle's report at a time. */
export async function writeReportStreamed(db: Db, bundleIds: readonly number[], rules: readonly Rule[], minSeverity: Severity, write: Write, o: StreamOptions): Promise<void> {
  const dir = mkdtempSync(join(o.tmp ?? tmpdir(), 'fwsnap-report-'));
  const spools: Spool[] = [];
  const ctx: SinkContext = {
    multi: bundleIds.length > 1,
    spool: (name) => {
      const s = new Spool(join(dir, name));
      spools.push(s);
      return s;
    },
  };
  try {
    const json = o.format === 'json';
    const sink =
      o.format === 'json'
        ? jsonSink(ctx, db, bundleIds, rules)
        : o.format === 'text'
          ? textSink(ctx, o.style)
          : o.format === 'markdown'
            ? markdownSink(ctx)
            : htmlSink(ctx);
    const digest: ReportDigest = {
      hosts: [], entries: 0, devices: 0, problems: 0, affected: 0, minSeverity,
      summary: { findings: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>, passed: 0, skipped: 0, errors: 0, rules: rules.length, belowThreshold: 0 },
    };
    const hosts = new Set<string>();
    const notices: string[] = [];
    for (const id of bundleIds) {
      const raw = buildReport(db, [id], rules, minSeverity);
      // Every string from a bundle or rule file escaped for the terminal (JSON escapes its text when written).
      const part = json ? raw : terminalSafeDeep(raw);
      addDigest(digest, hosts, part);
      notices.push(...part.notices);
      sink.add(part);
    }
    await sink.finish(write, digest, notices);
  } finally {
    for (const s of spools) s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function textSink(ctx: SinkContext, style: TextStyle | undefined): ReportSink {
  const bundles = ctx.spool('bundles');
  const inventory = ctx.spool('inventory');
  const errors = ctx.spool('errors');
  const byReason = new Map<string, number>();
  return {
    add(part) {
      for (const b of part.bundles) bundles.add(lines(textBundle(b)));
      const from = showsFrom(part);
      for (const d of part.inventory) inventory.add(lines(textEntry(d, ctx.multi, style, from.has(d.bundle))));
      countSkipped(byReason, part.skipped);
      for (const e of part.errors) errors.add(`${textError(e)}\n`);
    },
    async finish(write, digest, notices) {
      await write(lines(textHead(digest, notices, style)));
      await bundles.copyTo(write);
      await write(lines(['', textInventoryTitle(digest)]));
      await inventory.copyTo(write);
      await write(lines(['', ...textSkipped(byReason)]));
      await errors.copyTo(write);
    },
  };
}

function jsonSink(ctx: SinkContext, db: Db, bundleIds: readonly number[], rules: readonly Rule[]): ReportSink {
  const bundles = ctx.spool('bundles');
  const inventory = ctx.spool('inventory');
  const skipped = ctx.spool('skipped');
  const errors = ctx.spool('errors');
  const element = (s: Spool, value: unknown): void => s.add(`${s.count ? ',\n' : ''}    ${jsonTerminalSafe(nested(value, 2))}`);
  const generatedAt = new Date().toISOString();
  return {
    add(part) {
      for (const b of part.bundles) element(bundles, b);
      for (const d of part.inventory) element(inventory, d);
      for (const k of part.skipped) element(skipped, k);
      for (const e of part.errors) element(errors, e);
    },
    async finish(write, digest, notices) {
      const array = async (name: string, s: Spool | ((write: Write) => Promise<number>), last = false): Promise<void> => {
        await write(`  "${name}": `);
        if (s instanceof Spool) {
          if (s.count) {
            await write('[\n');
            await s.copyTo(write);
            await write('\n  ]');
          } else await write('[]');
        } else await s(write);
        await write(last ? '\n' : ',\n');
      };
      await write(`{\n  "schema": "fwsnap-report/2",\n  "generatedAt": ${JSON.stringify(generatedAt)},\n  "minSeverity": ${JSON.stringify(digest.minSeverity)},\n`);
      await write(`  "notices": ${jsonTerminalSafe(nested(notices, 1))},\n`);
      await array('bundles', bundles);
      await array('inventory', inventory);
      await array('findings', (w) => writeFindings(db, bundleIds, rules, digest.minSeverity, w));
      await array('skipped', skipped);
      await array('errors', errors);
      await write(`  "summary": ${nested(digest.summary, 1)}\n}\n`);
    },
  };
}

/** The findings array, in the report's order (severity, rule, device), one rule's findings in memory at a time. */
async function writeFindings(db: Db, bundleIds: readonly number[], rules: readonly Rule[], minSeverity: Severity, write: Write): Promise<number> {
  setReportBundles(db, bundleIds);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ruleIds = cachedStatement(db, `SELECT DISTINCT rule_id FROM rule_results WHERE bundle_id IN (SELECT id FROM temp.report_bundles) AND result = 'fail' AND severity = ?`);
  let n = 0;
  for (const severity of SEVERITIES.filter((s) => severityRank(s) <= severityRank(minSeverity))) {
    const ids = (ruleIds.all(severity) as { rule_id: string }[]).map((r) => r.rule_id).sort((a, b) => a.localeCompare(b));
    for (const id of ids) {
      for (const f of findingsOfRule(db, id, severity, byId.get(id))) {
        await write(`${n ? ',\n' : '[\n'}    ${jsonTerminalSafe(nested(f, 2))}`);
        n++;
      }
    }
  }
  await write(n ? '\n  ]' : '[]');
  return n;
}
