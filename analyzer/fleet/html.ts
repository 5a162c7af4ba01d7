import { esc, STYLE } from '../report/html.js';
import type { Finding } from '../report/model.js';
import type { Fleet } from './model.js';
import { fleetSummary, olderSnapshotLines } from './render.js';

function finding(f: Finding): string {
  return `<details class="finding" data-rule="${esc(f.rule)}" data-severity="${f.severity}">
<summary><span class="sev ${f.severity}">${f.severity}</span> ${esc(f.title)} <code class="muted">${esc(f.host)} ${esc(f.device ?? 'host')}</code> <code class="muted">${esc(f.rule)}</code></summary>
<p>${esc(f.message)}</p>
<p><b>Fix:</b> ${esc(f.remediation)}</p>
${f.references.length ? `<ul>${f.references.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : ''}
${f.evidence ? `<details class="evidence"><summary>evidence</summary><pre>${esc(JSON.stringify(f.evidence, null, 2))}</pre></details>` : ''}
</details>`;
}

/** `fwsnap fleet --format html`: one self-contained page (no network, no script), in the HTML report's style; in pieces of a row. */
export function* fleetHtmlChunks(f: Fleet): Generator<string> {
  const older = olderSnapshotLines(f);
  const models = f.models.map((m, i) => {
    const max = m.firmware[0]?.hosts ?? 1;
    const hist = m.firmware
      .map((v) => `<div class="bar"><span style="width:${Math.max(2, Math.round((100 * v.hosts) / max))}%"></span> <code>${esc(v.version)}</code> ${v.hosts} host(s), ${v.devices} device(s)</div>`)
      .join('');
    return `<tr data-model="${i}"${m.firmware.length > 1 ? ' class="mixed"' : ''}><td>${esc(m.model)}</td><td>${esc(m.class)}</td><td>${m.vendorId && m.deviceId ? `<code>${esc(m.vendorId)}:${esc(m.deviceId)}</code>` : ''}</td><td>${m.devices}</td><td>${m.hosts}</td><td>${hist}</td></tr>`;
  });
  const byHost = new Map<number, Map<string, Fleet['matrix'][number]>>();
  for (const c of f.matrix) {
    if (!byHost.has(c.bundle)) byHost.set(c.bundle, new Map());
    byHost.get(c.bundle)!.set(c.model, c);
  }
  const row = (h: Fleet['hosts'][number]): string => {
    const mine = byHost.get(h.bundle) ?? new Map();
    const cells = f.models.map((m) => {
      const c = mine.get(m.model);
      if (!c) return '<td></td>';
      return `<td${c.common ? '' : ' class="odd"'}>${c.firmware.map(esc).join('<br>')}${c.devices > 1 ? ` <span class="muted">×${c.devices}</span>` : ''}</td>`;
    });
    return `<tr data-bundle="${h.bundle}"><td>${esc(h.hostname ?? h.path)}</td><td>${h.hostFindings}</td>${cells.join('')}</tr>`;
  };
  yield `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fwsnap fleet (${f.hosts.length} hosts)</title>
<style>${STYLE}.bar span{display:inline-block;height:.7em;background:#579}.mixed td:first-child{font-weight:600}td.odd{background:#fde2e2;font-weight:600}
#matrix{font-size:12px}#matrix th{writing-mode:vertical-rl;max-height:14em}</style></head>
<body data-hosts="${f.hosts.length}" data-models="${f.models.length}" data-mixed="${f.summary.mixedModels}" data-findings="${f.findings.length}" data-cells="${f.matrix.length}">
<h1>fwsnap fleet</h1>
<p class="summary" id="summary">${esc(fleetSummary(f))}</p>
${f.notices.map((n) => `<p class="warning">Warning: ${esc(n)}</p>`).join('\n')}
${older.length ? `<h2>Older snapshots left out (${f.olderSnapshots.length}; --every-bundle compares them too)</h2>\n<ul id="older">${older.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}
<h2>Firmware per model (${f.models.length})</h2>
<table id="models"><thead><tr><th>model</th><th>class</th><th>ids</th><th>devices</th><th>hosts</th><th>firmware histogram</th></tr></thead>
<tbody>${models.join('\n')}</tbody></table>
<h2>Fleet findings (${f.findings.length} at or above ${esc(f.minSeverity)})</h2>
`;
  if (f.findings.length) {
    yield '<div id="findings">';
    for (const [i, x] of f.findings.entries()) yield `${i ? '\n' : ''}${finding(x)}`;
    yield '</div>';
  } else yield '<p>None.</p>';
  yield `
<h2>Hosts × models</h2>
<p class="muted">A highlighted cell is not the model's most common firmware.</p>
<table id="matrix"><thead><tr><th>host</th><th>host findings</th>${f.models.map((m) => `<th>${esc(m.model)}</th>`).join('')}</tr></thead>
<tbody>`;
  for (const [i, h] of f.hosts.entries()) yield `${i ? '\n' : ''}${row(h)}`;
  yield `</tbody></table>
</body></html>
`;
}

export const renderFleetHtml = (f: Fleet): string => [...fleetHtmlChunks(f)].join('');
