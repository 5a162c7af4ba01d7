import { SEVERITIES } from '../rules/types.js';
import { notLiveText, savedOutputsText, skippedSources } from './saved-outputs.js';
import { digestOf, driverText, entryHost, firmwareFrom, firmwareText, showsFrom, locationText, pciId, placeText, summaryLine, type ReportDigest } from './inventory-text.js';
import { alsoOnText, repeatedGroups, type FindingGroup, type InventoryDevice } from './inventory.js';
import { messageAfterDevice, type Finding, type Report, type ReportBundle } from './model.js';
import { pasteNotesHeading, problemTarget, sourceFailed, type ReportProblem } from './problems.js';

export const esc = (s: string | null | undefined): string =>
  (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
.summary{font-weight:600;padding:.6em .8em;background:#f3f3f3;border-left:4px solid #555}
.warning{background:#fff4d6;border-left:4px solid #c90;padding:.4em .8em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eee;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
input[type=search]{width:30em;max-width:100%;padding:.3em;margin:.4em 0}
.sev{font-weight:700;text-transform:uppercase}.critical,.high{color:#b00}.medium{color:#a60}.low{color:#06c}.info{color:#555}
details{margin:.3em 0 .3em 1em}summary{cursor:pointer}pre{background:#f7f7f7;padding:.5em;overflow:auto;white-space:pre-wrap}
.device{border-top:1px solid #ddd;padding-top:.4em}.muted{color:#666}
@media print{input[type=search],.noprint{display:none}th{cursor:auto}details>summary{list-style:none}a{color:inherit}body{margin:0}}
`;

// Sorting and filtering of the inventory; details opened for printing. No network, no external resources.
const SCRIPT = `
(function(){
  var table=document.getElementById('inventory');
  var body=table.tBodies[0];
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    th.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(x){x.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[i].getAttribute('data-sort')||a.cells[i].textContent,y=b.cells[i].getAttribute('data-sort')||b.cells[i].textContent;
        return (asc?1:-1)*x.localeCompare(y,undefined,{numeric:true});
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  var filter=document.getElementById('filter');
  filter.addEventListener('input',function(){
    var q=filter.value.toLowerCase(),shown=0;
    Array.prototype.forEach.call(body.rows,function(r){var on=r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!on;if(on)shown++;});
    document.getElementById('shown').textContent=String(shown);
  });
  document.body.setAttribute('data-ready','1');
  window.addEventListener('beforeprint',function(){Array.prototype.forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
})();
`;

function findingHtml(f: Finding, cls: string, shown = f.severity, entryKey: string | null = null): string {
  return `<details class="${cls}" data-rule="${esc(f.rule)}" data-severity="${f.severity}">
<summary><span class="sev ${shown}">${shown}</span> ${esc(f.title)} <code class="muted">${esc(f.rule)}</code></summary>
<p>${esc(messageAfterDevice(f, entryKey))}</p>
<p><b>Fix:</b> ${esc(f.remediation)}</p>
${f.references.length ? `<ul>${f.references.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : ''}
${f.evidence ? `<details class="evidence"><summary>evidence</summary><pre>${esc(JSON.stringify(f.evidence, null, 2))}</pre></details>` : ''}
</details>`;
}

function groupHtml(g: FindingGroup, entryKey: string, alsoOn: readonly string[]): string {
  const also = alsoOn.length ? `<p class="muted">${esc(alsoOnText(alsoOn))}</p>` : '';
  const inner = also + (g.details.length
    ? `<div class="caused"><p class="muted">${g.details.length} finding(s) with the same cause:</p>${g.details.map((d) => findingHtml(d, 'finding detail', d.severity, entryKey)).join('\n')}</div>`
    : '');
  return findingHtml(g.headline, 'finding headline', g.severity, entryKey).replace(/<\/details>$/, `${inner}</details>`).replace('<details class="finding headline"', `<details class="finding headline" data-group-severity="${g.severity}"`);
}

export const htmlBundleRow = (b: ReportBundle): string =>
  `<tr><td>${b.savedOutputs ? `${esc(b.hostname ?? b.path)}: <i>${esc(savedOutputsText(b.savedOutputs))}, no live host read</i>` : esc(b.hostname)}</td><td>${esc(b.kernelRelease)}</td><td>${esc(b.collectedAt)}</td><td>${b.devices}</td><td>${b.complete ? 'yes' : '<b>no</b>'}</td></tr>`;

/** Inventory entry number `i` of the whole report (its findings are at `#dev-i`). */
export function htmlInventoryRow(d: InventoryDevice, i: number, multi: boolean, from = false): string {
  const sources = from ? firmwareFrom(d) : [];
  const fw = [...firmwareText(d).map(esc), ...(sources.length ? [`<span class="muted">from: ${sources.map((a) => `<code>${esc(a)}</code>`).join(', ')}</span>`] : [])];
  const worst = d.worst ? `<a href="#dev-${i}"><span class="sev ${d.worst}">${d.findings.length} (${d.worst})</span></a>` : '—';
  return `<tr data-key="${esc(d.key)}">${multi ? `<td>${esc(entryHost(d))}</td>` : ''}<td>${esc(d.name)}${pciId(d) ? ` <code>${esc(pciId(d))}</code>` : ''}</td><td>${esc(placeText(d))}</td><td>${esc(driverText(d))}</td><td>${fw.join('<br>')}</td><td data-sort="${d.worst ? ['critical', 'high', 'medium', 'low', 'info'].indexOf(d.worst) : 9}">${worst}</td></tr>`;
}

/** The findings of inventory entry number `i`, which has some. */
export const htmlDeviceSection = (d: InventoryDevice, i: number, multi: boolean): string =>
  `<section class="device" id="dev-${i}" data-key="${esc(d.key)}"><h3>${esc(d.name)}${multi ? ` <span class="muted">on ${esc(entryHost(d))}</span>` : ''}</h3>
<p class="muted">${esc(placeText(d))}${driverText(d) ? ` · driver ${esc(driverText(d))}` : ''}</p>
${repeatedGroups(d.findings).map(({ group, alsoOn }) => groupHtml(group, d.key, alsoOn)).join('\n')}</section>`;

export const htmlTitlePart = (b: ReportBundle): string => esc(b.hostname ?? '');

/** The page up to its title's text (the hostnames, htmlTitlePart each, joined by commas). */
export const HTML_START = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fwsnap report `;

/** From the end of the title to the bundle table's first row. */
export function htmlHeadAfterTitle(d: ReportDigest, notices: readonly string[]): string {
  const findings = SEVERITIES.reduce((n, s) => n + d.summary.findings[s], 0);
  return `</title>
<style>${STYLE}</style></head>
<body data-findings="${findings}" data-devices="${d.entries}" data-groups="${d.problems}">
<h1>fwsnap report</h1>
<p class="summary" id="summary">${esc(summaryLine(d))}</p>
${notices.map((n) => `<p class="warning">Warning: ${esc(n)}</p>`).join('\n')}
<table><thead><tr><th>host</th><th>kernel</th><th>collected</th><th>devices</th><th>complete</th></tr></thead><tbody>`;
}

export const htmlProblemItem = (b: ReportBundle, p: ReportProblem): string =>
  `<li>${esc(b.hostname ?? b.path)}: <code>${esc(p.code)}</code>${problemTarget(p) ? ` <code>${esc(problemTarget(p))}</code>` : ''} ${esc(p.message)}</li>`;
export const htmlProblemItems = (b: ReportBundle): string[] => b.problems.filter((p) => !p.paste).map((p) => htmlProblemItem(b, p));
const htmlSourceItem = (b: ReportBundle, s: ReportBundle['sources'][number]): string =>
  `<li>${esc(b.hostname ?? b.path)}: source <code>${esc(s.name)}</code> ${esc(s.status.replace('_', ' '))}${s.reason ? ` — ${esc(s.reason)}` : ''}</li>`;
/** Sources that failed, ran in part or timed out: listed before the problems. */
export const htmlSourceItems = (b: ReportBundle): string[] => b.sources.filter(sourceFailed).map((s) => htmlSourceItem(b, s));
/** Sources with nothing to read, listed after the problems: of a bundle of saved outputs, on one line. */
export function htmlSkippedItems(b: ReportBundle): string[] {
  const skipped = skippedSources(b);
  return [
    ...(skipped.notLive.length ? [`<li>${esc(b.hostname ?? b.path)}: ${esc(notLiveText(skipped.notLive))}</li>`] : []),
    ...skipped.listed.map((s) => htmlSourceItem(b, s)),
  ];
}
export const htmlPasteItems = (b: ReportBundle): string[] => b.problems.filter((p) => p.paste).map((p) => htmlProblemItem(b, p));
/** Problems and notes listed of all bundles (the notes are counted in full). */
export const HTML_PROBLEMS = 50;

export const HTML_PROBLEMS_TITLE = '<h2>Collection and bundle problems</h2>\n';

/** The notes about how outputs were pasted, folded under their count (the first HTML_PROBLEMS listed); empty without any. */
export const htmlNotes = (notes: readonly string[], noteCount: number): string =>
  noteCount ? `<details class="paste-notes"><summary>${esc(pasteNotesHeading(noteCount))}</summary>\n<ul>\n${notes.slice(0, HTML_PROBLEMS).join('\n')}\n</ul>\n</details>\n` : '';

/**
 * The sources that did not run, the bundles' problems (the first HTML_PROBLEMS), the sources with nothing to read,
 * then the notes about how outputs were pasted; empty without any. (analyzer/report/stream-pages.ts writes the same
 * in parts.)
 */
export function htmlProblems(problems: readonly string[], notes: readonly string[], noteCount: number, sources: readonly string[] = [], skipped: readonly string[] = []): string {
  const listed = [...sources, ...problems.slice(0, HTML_PROBLEMS), ...skipped];
  if (!listed.length && !noteCount) return '';
  return `${HTML_PROBLEMS_TITLE}${listed.length ? `<ul>\n${listed.map((l) => `${l}\n`).join('')}</ul>\n` : ''}${htmlNotes(notes, noteCount)}`;
}

/** The end of the bundle table. */
export const HTML_BUNDLES_END = '</tbody></table>\n';

/** From the problems to the first inventory row. */
export const htmlInventoryHead = (d: ReportDigest, multi: boolean): string => `<h2>Devices (<span id="shown">${d.entries}</span> of ${d.entries})</h2>
<input type="search" id="filter" placeholder="filter devices (name, address, driver, firmware)" aria-label="filter devices">
<table id="inventory"><thead><tr>${multi ? '<th>host</th>' : ''}<th>device</th><th>location</th><th>driver</th><th>firmware</th><th>findings</th></tr></thead>
<tbody>`;

/** From the end of the inventory to the first device section. */
export function htmlFindingsHead(d: ReportDigest): string {
  const findings = SEVERITIES.reduce((n, s) => n + d.summary.findings[s], 0);
  return `</tbody></table>
<h2>Findings (${findings} at or above ${esc(d.minSeverity)})</h2>
`;
}

export const HTML_NO_FINDINGS = '<p>None.</p>';

export const htmlTail = `
<script>${SCRIPT}</script>
</body></html>
`;

/** One self-contained HTML page: summary, sortable and filterable inventory, findings per device (collapsible, with evidence). */
export function renderHtml(r: Report): string {
  const d = digestOf(r);
  const multi = r.bundles.length > 1;
  const from = showsFrom(r);
  const rows = r.inventory.map((e, i) => htmlInventoryRow(e, i, multi, from.has(e.bundle)));
  const devices = r.inventory
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.findings.length)
    .map(({ e, i }) => htmlDeviceSection(e, i, multi));
  return (
    HTML_START +
    r.bundles.map(htmlTitlePart).join(', ') +
    htmlHeadAfterTitle(d, r.notices) +
    r.bundles.map(htmlBundleRow).join('') +
    HTML_BUNDLES_END +
    htmlProblems(
      r.bundles.flatMap(htmlProblemItems),
      r.bundles.flatMap(htmlPasteItems),
      r.bundles.reduce((n, b) => n + b.problems.filter((p) => p.paste).length, 0),
      r.bundles.flatMap(htmlSourceItems),
      r.bundles.flatMap(htmlSkippedItems),
    ) +
    htmlInventoryHead(d, multi) +
    rows.join('\n') +
    htmlFindingsHead(d) +
    (devices.length ? devices.join('\n') : HTML_NO_FINDINGS) +
    htmlTail
  );
}
