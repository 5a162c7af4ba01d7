import { alsoOnText, repeatedGroups, type InventoryDevice } from './inventory.js';
import { digestOf, driverText, entryHost, firmwareFrom, firmwareText, showsFrom, inventoryCount, locationText, pciId, placeText, summaryLine, type ReportDigest } from './inventory-text.js';
import { describeVendorData, messageAfterDevice, type Finding, type Report, type ReportBundle, type SkipEntry } from './model.js';
import { painter, type TextStyle } from './ansi.js';
import { pasteNotesHeading, sourceFailed, problemTarget, type ReportProblem } from './problems.js';
import { notLiveText, savedOutputsText, skippedSources } from './saved-outputs.js';

/** Problems listed per bundle, and notes about pasting after them. */
const TEXT_PROBLEMS = 50;

const wrap = (text: string, indent: string, width = 100): string => {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
};

export type { TextStyle } from './ansi.js';

/** The opening lines: the summary and the notices. */
export function textHead(d: ReportDigest, notices: readonly string[], style: TextStyle = {}): string[] {
  const out: string[] = [painter(style).bold(summaryLine(d)), ''];
  for (const n of notices) out.push(wrap(`WARNING: ${n}`, ''));
  if (notices.length) out.push('');
  return out;
}

/** The lines of one bundle: where it came from, what did not run or verify, the vendor data used. */
export function textBundle(b: ReportBundle): string[] {
  const out: string[] = [];
  out.push(`Bundle ${b.path}`);
  const read = b.savedOutputs
    ? `${savedOutputsText(b.savedOutputs)}, no live host read${b.hostname ? ` (host ${b.hostname})` : ''}`
    : `host ${b.hostname ?? '?'}, kernel ${b.kernelRelease ?? '?'}`;
  out.push(`  ${read}, collected ${b.collectedAt ?? '?'} by fwsnap ${b.toolVersion ?? '?'}; ${b.devices} devices${b.redacted ? '; redacted' : ''}`);
  const source = (s: ReportBundle['sources'][number]): string => `  source ${s.name}: ${s.status.replace('_', ' ')}${s.reason ? ` — ${s.reason}` : ''}`;
  for (const s of b.sources.filter(sourceFailed)) out.push(source(s));
  if (!b.complete) out.push('  INCOMPLETE: parts of this bundle did not verify and were not loaded:');
  const line = (p: ReportProblem): string => `${p.stage === 'bundle' ? 'bundle' : 'analysis'} ${p.code}${problemTarget(p) ? ` ${problemTarget(p)}` : ''}: ${p.message}`;
  const problems = b.problems.filter((p) => !p.paste);
  const notes = b.problems.filter((p) => p.paste);
  for (const p of problems.slice(0, TEXT_PROBLEMS)) out.push(`  ${line(p)}`);
  if (problems.length > TEXT_PROBLEMS) out.push(`  … and ${problems.length - TEXT_PROBLEMS} more problems (see the collection_issues table)`);
  const skipped = skippedSources(b);
  if (skipped.notLive.length) out.push(`  ${notLiveText(skipped.notLive)}`);
  for (const s of skipped.listed) out.push(source(s));
  if (notes.length) out.push(`  ${pasteNotesHeading(notes.length)}:`);
  for (const p of notes.slice(0, TEXT_PROBLEMS)) out.push(`    ${line(p)}`);
  if (notes.length > TEXT_PROBLEMS) out.push(`    … and ${notes.length - TEXT_PROBLEMS} more notes (see the collection_issues table)`);
  for (const v of b.vendorData.filter((x) => x.origin !== null)) out.push(`  vendor data ${describeVendorData(v)}`);
  return out;
}

export const textInventoryTitle = (d: ReportDigest): string => `INVENTORY: ${inventoryCount(d).replace(' inventory entries', ' entries')}`;

/** The lines of one inventory entry with its findings; `multi` names the host (more than one bundle). */
export function textEntry(d: InventoryDevice, multi: boolean, style: TextStyle = {}, from = false): string[] {
  const sev = painter(style).severity;
  const out: string[] = [];
  out.push(`  ${d.name}${pciId(d) ? ` [${pciId(d)}]` : ''}${multi ? ` on ${entryHost(d)}` : ''}`);
  const where = placeText(d);
  const place = [where && (locationText(d) ? `at ${where}` : `device ${where}`), driverText(d) && `driver ${driverText(d)}`, d.serial && `serial ${d.serial}`].filter(Boolean).join('; ');
  if (place) out.push(`    ${place}`);
  const fw = firmwareText(d);
  if (fw.length) out.push(wrap(`firmware: ${fw.join('; ')}`, '    '));
  if (from && firmwareFrom(d).length) out.push(wrap(`from: ${firmwareFrom(d).join(', ')}`, '    '));
  for (const { group: g, alsoOn } of repeatedGroups(d.findings)) {
    const f = g.headline;
    out.push(`    ${sev(g.severity)} [${f.rule}] ${f.title}`);
    out.push(wrap(messageAfterDevice(f, d.key), '      '));
    if (alsoOn.length) out.push(wrap(alsoOnText(alsoOn), '      '));
    pushEvidence(out, f);
    if (g.details.length) out.push(`      which causes (${g.details.length}):`);
    for (const x of g.details) {
      out.push(`      - ${sev(x.severity)} [${x.rule}] ${x.title}`);
      out.push(wrap(messageAfterDevice(x, d.key), '        '));
    }
    for (const fix of new Set([f, ...g.details].map((x) => x.remediation))) out.push(wrap(`fix: ${fix}`, '      '));
    for (const ref of [...new Set([f, ...g.details].flatMap((x) => x.references))]) out.push(`      ref: ${ref}`);
  }
  return out;
}

/** Skipped results counted by rule and reason, in the order first met. */
export function countSkipped(byReason: Map<string, number>, skipped: Iterable<SkipEntry>): void {
  for (const k of skipped) byReason.set(`${k.rule}: ${k.reason}`, (byReason.get(`${k.rule}: ${k.reason}`) ?? 0) + 1);
}

export function textSkipped(byReason: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  if (!byReason.size) return out;
  out.push('Skipped (data missing):');
  for (const [reason, n] of [...byReason].slice(0, 20)) out.push(`  ${reason}${n > 1 ? ` (${n} devices)` : ''}`);
  if (byReason.size > 20) out.push(`  … ${byReason.size - 20} more (see rule_results)`);
  return out;
}

export const textError = (e: SkipEntry): string => `ERROR in rule ${e.rule}${e.device ? ` on ${e.device}` : ''}: ${e.reason}`;

/** The report for people: the summary, bundles, every device with its firmware and its findings, then what could not be checked. */
export function renderText(r: Report, style: TextStyle = {}): string {
  const d = digestOf(r);
  const out: string[] = textHead(d, r.notices, style);
  for (const b of r.bundles) out.push(...textBundle(b));
  out.push('');
  const multi = r.bundles.length > 1;
  out.push(textInventoryTitle(d));
  const from = showsFrom(r);
  for (const e of r.inventory) out.push(...textEntry(e, multi, style, from.has(e.bundle)));
  out.push('');
  const byReason = new Map<string, number>();
  countSkipped(byReason, r.skipped);
  out.push(...textSkipped(byReason));
  for (const e of r.errors) out.push(textError(e));
  return out.join('\n') + '\n';
}

function pushEvidence(out: string[], f: Finding): void {
  const fw = f.evidence?.firmware as { component: string; version: string; state: string }[] | undefined;
  if (fw?.length) out.push(`      firmware: ${fw.map((x) => `${x.component} ${x.version} (${x.state})`).join(', ')}`);
  const st = f.evidence?.settings as { namespace: string; key: string; value: string; mode: string }[] | undefined;
  if (st?.length) out.push(`      settings: ${st.slice(0, 8).map((x) => `${x.namespace}/${x.key}=${x.value} (${x.mode})`).join(', ')}${st.length > 8 ? ', …' : ''}`);
}
