import type { Diff, DiffChange, DiffDevice } from './diff.js';
import { diffSummary, findingDevice, sideNames } from './diff-render.js';
import { esc, STYLE } from './html.js';
import { messageAfterDevice, type Finding } from './model.js';

const value = (v: string | null): string => (v === null ? '<span class="muted">(absent)</span>' : v === '' ? '<span class="muted">(empty)</span>' : esc(v));

function table(id: string, title: string, head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  return `<h2>${esc(title)} (${rows.length})</h2>
<table id="${id}" class="diff"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

const devices = (list: DiffDevice[]): string[][] => list.map((d) => [esc(d.name), esc(d.at), d.firmware.map(esc).join('<br>')]);
const changes = (list: DiffChange[]): string[][] => list.map((c) => [esc(c.name), esc(c.kind), esc(c.item), value(c.before), value(c.after)]);

function finding(f: Finding, cls: 'new' | 'resolved'): string {
  return `<details class="finding ${cls}" data-rule="${esc(f.rule)}" data-severity="${f.severity}">
<summary>${cls === 'new' ? '+' : '−'} <span class="sev ${f.severity}">${f.severity}</span> ${esc(f.title)} <span class="muted">${esc(findingDevice(f))}</span> <code class="muted">${esc(f.rule)}</code></summary>
<p>${esc(messageAfterDevice(f))}</p>
${cls === 'new' ? `<p><b>Fix:</b> ${esc(f.remediation)}</p>` : ''}
${f.evidence ? `<details class="evidence"><summary>evidence</summary><pre>${esc(JSON.stringify(f.evidence, null, 2))}</pre></details>` : ''}
</details>`;
}

/** `fwsnap diff --format html`: one self-contained page in the style of the HTML report (no network, no script). */
export function renderDiffHtml(d: Diff): string {
  const names = sideNames(d);
  const sides = [d.a, d.b].map(
    (s, i) => `<tr><td>${i ? 'B (after)' : 'A (before)'}</td><td>${esc(names[i])}</td><td>${s.bundle}</td><td>${esc(s.collectedAt)}</td><td><code>${esc(s.manifestSha256?.slice(0, 16) ?? '')}</code></td></tr>`,
  );
  const findings = (title: string, list: Finding[], cls: 'new' | 'resolved'): string =>
    list.length ? `<h2>${title} (${list.length})</h2>\n<div id="findings-${cls}">${list.map((f) => finding(f, cls)).join('\n')}</div>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fwsnap diff ${esc(names[0])} → ${esc(names[1])}</title>
<style>${STYLE}td:nth-child(4):not(:last-child){color:#900}table.diff td:last-child{color:#060}</style></head>
<body data-differences="${d.differences}" data-added="${d.devices.added.length}" data-removed="${d.devices.removed.length}" data-firmware="${d.firmware.length}" data-settings="${d.settings.length}" data-new="${d.findings.new.length}" data-resolved="${d.findings.resolved.length}">
<h1>fwsnap diff</h1>
<p class="summary" id="summary">${esc(diffSummary(d))}</p>
<table><thead><tr><th>side</th><th>host or bundle file</th><th>bundle</th><th>collected</th><th>manifest sha256</th></tr></thead><tbody>${sides.join('')}</tbody></table>
${table('added', 'Devices added', ['device', 'at', 'firmware'], devices(d.devices.added))}
${table('removed', 'Devices removed', ['device', 'at', 'firmware'], devices(d.devices.removed))}
${table('firmware', 'Firmware changed', ['device', 'kind', 'component', 'A', 'B'], changes(d.firmware))}
${table('settings', 'Settings changed', ['device', 'kind', 'setting', 'A', 'B'], changes(d.settings))}
${findings('Findings new', d.findings.new, 'new')}
${findings('Findings resolved', d.findings.resolved, 'resolved')}
</body></html>
`;
}
