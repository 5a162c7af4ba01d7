import { alsoOnText, repeatedGroups, type InventoryDevice } from './inventory.js';
import { digestOf, driverText, entryHost, firmwareFrom, firmwareText, showsFrom, inventoryCount, locationText, pciId, placeText, summaryLine, type ReportDigest } from './inventory-text.js';
import { messageAfterDevice, type Report, type ReportBundle } from './model.js';
import { pasteNotesHeading, sourceFailed, problemTarget, type ReportProblem } from './problems.js';
import { notLiveText, savedOutputsText, skippedSources } from './saved-outputs.js';

const cell = (s: string | null | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** The title, the summary line and the notices, up to the bundle table's heading. */
export function markdownHead(d: ReportDigest, notices: readonly string[]): string[] {
  const out: string[] = ['## fwsnap report', '', `**${cell(summaryLine(d))}**`, ''];
  for (const n of notices) out.push(`> **Warning:** ${cell(n)}`, '');
  out.push('| host | kernel | collected | devices | complete |', '|---|---|---|---|---|');
  return out;
}

export const markdownBundleRow = (b: ReportBundle): string =>
  `| ${b.savedOutputs ? `${cell(b.hostname ?? b.path)}: *${cell(savedOutputsText(b.savedOutputs))}, no live host read*` : cell(b.hostname)} | ${cell(b.kernelRelease)} | ${cell(b.collectedAt)} | ${b.devices} | ${b.complete ? 'yes' : '**no**'} |`;

export const markdownVendorTitle = ['', '### Vendor data used', '', '| host | data | origin | path | version | sha256 |', '|---|---|---|---|---|---|'];

export const markdownVendorRows = (b: ReportBundle): string[] =>
  b.vendorData.map(
    (v) => `| ${cell(b.hostname ?? b.path)} | ${v.name} | ${v.origin ?? '**missing**'} | ${cell([v.path, v.note].filter(Boolean).join(' — '))} | ${cell(v.version)} | ${v.sha256 ? `\`${v.sha256}\`` : ''} |`,
  );

export const markdownProblemsTitle = ['', '### Collection and bundle problems', ''];

/** Sources that did not run, then bundle and analysis problems (the report lists the first 50 problems of all bundles). */
const sourceLine = (b: ReportBundle, s: ReportBundle['sources'][number]): string => `- ${b.hostname ?? b.path}: source \`${s.name}\` ${s.status}${s.reason ? ` — ${cell(s.reason)}` : ''}`;
/** Sources that failed, ran in part or timed out: listed before the problems. */
export const markdownSourceLines = (b: ReportBundle): string[] => b.sources.filter(sourceFailed).map((s) => sourceLine(b, s));
/** Sources with nothing to read: listed after the problems. */
export function markdownSkippedSourceLines(b: ReportBundle): string[] {
  const skipped = skippedSources(b);
  return [
    ...(skipped.notLive.length ? [`- ${b.hostname ?? b.path}: ${notLiveText(skipped.notLive.map(code))}`] : []),
    ...skipped.listed.map((s) => sourceLine(b, s)),
  ];
}
const problemLine = (b: ReportBundle, p: ReportProblem): string => `${b.hostname ?? b.path}: \`${p.code}\`${problemTarget(p) ? ` \`${cell(problemTarget(p))}\`` : ''} ${cell(p.message)}`;
export const markdownProblemLines = (b: ReportBundle): string[] => b.problems.filter((p) => !p.paste).map((p) => `- ${problemLine(b, p)}`);
/** The notes about how outputs were pasted, listed under markdownPasteHeading. */
export const markdownPasteLines = (b: ReportBundle): string[] => b.problems.filter((p) => p.paste).map((p) => `  - ${problemLine(b, p)}`);
export const markdownPasteHeading = (n: number): string => `- ${cell(pasteNotesHeading(n))}:`;
export const MARKDOWN_PROBLEMS = 50;

/** The problems (the first MARKDOWN_PROBLEMS of all bundles). */
export const markdownProblems = (problems: readonly string[]): string[] => problems.slice(0, MARKDOWN_PROBLEMS);
/** The notes counted under one heading (the first MARKDOWN_PROBLEMS are listed). */
export const markdownNotes = (notes: readonly string[], noteCount: number): string[] => (noteCount ? [markdownPasteHeading(noteCount), ...notes.slice(0, MARKDOWN_PROBLEMS)] : []);

export const markdownInventoryTitle = (d: ReportDigest, multi: boolean): string[] => [
  '',
  `### Inventory: ${inventoryCount(d).replace(' inventory entries', ' entries')}`,
  '',
  `|${multi ? ' host |' : ''} device | location | driver | firmware | findings |`,
  `|${multi ? '---|' : ''}---|---|---|---|---|`,
];

export function markdownInventoryRow(d: InventoryDevice, multi: boolean, from = false): string {
  const sources = from ? firmwareFrom(d) : [];
  const fw = [...firmwareText(d).map(cell), ...(sources.length ? [`from: ${sources.map((a) => code(cell(a))).join(', ')}`] : [])];
  const worst = d.worst ? `**${d.findings.length} (${d.worst})**` : '—';
  return `|${multi ? ` ${cell(entryHost(d))} |` : ''} ${cell(d.name)}${pciId(d) ? ` \`${pciId(d)}\`` : ''} | ${cell(placeText(d))} | ${cell(driverText(d))} | ${fw.join('<br>')} | ${worst} |`;
}

/** `findings`: at or above the threshold, over all bundles; `devices`: the entries that have any. */
export const markdownFindingsTitle = (findings: number, devices: number, minSeverity: string): string[] => [
  '',
  `### Findings (${findings} at or above ${minSeverity}, on ${devices} devices)`,
  '',
];

/** The findings of one inventory entry that has some. */
export function markdownDeviceFindings(d: InventoryDevice, multi: boolean): string[] {
  const place = placeText(d);
  const out = [`#### ${cell(d.name)}${multi ? ` on ${cell(entryHost(d))}` : ''}`, '', ...(place ? [cell(place), ''] : [])];
  for (const { group: g, alsoOn } of repeatedGroups(d.findings)) {
    const f = g.headline;
    out.push(`- **${g.severity.toUpperCase()}** ${cell(f.title)} (${code(f.rule)}): ${cell(messageAfterDevice(f, d.key))}`);
    if (alsoOn.length) out.push(`  - ${cell(alsoOnText(alsoOn))}`);
    for (const x of g.details) out.push(`  - caused: **${x.severity}** ${cell(x.title)} (${code(x.rule)}): ${cell(messageAfterDevice(x, d.key))}`);
    for (const fix of new Set([f, ...g.details].map((x) => x.remediation))) out.push(`  - fix: ${cell(fix)}`);
    for (const ref of new Set([f, ...g.details].flatMap((x) => x.references))) out.push(`  - ref: ${cell(ref)}`);
  }
  out.push('');
  return out;
}

/** A report ready to paste into a ticket: summary, devices with their firmware, findings per device. */
export function renderMarkdown(r: Report): string {
  const d = digestOf(r);
  const out: string[] = markdownHead(d, r.notices);
  for (const b of r.bundles) out.push(markdownBundleRow(b));
  const vendor = r.bundles.flatMap(markdownVendorRows);
  if (vendor.length) out.push(...markdownVendorTitle, ...vendor);
  const problems = r.bundles.flatMap(markdownProblemLines);
  const notes = r.bundles.flatMap(markdownPasteLines);
  const sources = r.bundles.flatMap(markdownSourceLines);
  const skipped = r.bundles.flatMap(markdownSkippedSourceLines);
  if (problems.length || notes.length || sources.length || skipped.length) {
    out.push(...markdownProblemsTitle, ...sources, ...markdownProblems(problems), ...skipped, ...markdownNotes(notes, notes.length));
  }

  const multi = r.bundles.length > 1;
  out.push(...markdownInventoryTitle(d, multi));
  const from = showsFrom(r);
  for (const e of r.inventory) out.push(markdownInventoryRow(e, multi, from.has(e.bundle)));
  const withFindings = r.inventory.filter((e) => e.findings.length);
  out.push(...markdownFindingsTitle(r.findings.length, withFindings.length, r.minSeverity));
  if (!withFindings.length) out.push('None.');
  for (const e of withFindings) out.push(...markdownDeviceFindings(e, multi));
  return out.join('\n') + '\n';
}
