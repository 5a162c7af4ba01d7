import { driverText, firmwareText, inventoryCount, locationText, pciId, summaryLine } from './inventory-text.js';
import type { Report } from './model.js';

const cell = (s: string | null | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** A report ready to paste into a ticket: summary, devices with their firmware, findings per device. */
export function renderMarkdown(r: Report): string {
  const out: string[] = ['## fwsnap report', '', `**${cell(summaryLine(r))}**`, ''];
  for (const n of r.notices) out.push(`> **Warning:** ${cell(n)}`, '');
  out.push('| host | kernel | collected | devices | complete |', '|---|---|---|---|---|');
  for (const b of r.bundles) out.push(`| ${cell(b.hostname)} | ${cell(b.kernelRelease)} | ${cell(b.collectedAt)} | ${b.devices} | ${b.complete ? 'yes' : '**no**'} |`);
  const vendor = r.bundles.flatMap((b) => b.vendorData.map((v) => ({ b, v })));
  if (vendor.length) {
    out.push('', '### Vendor data used', '', '| host | data | origin | path | version | sha256 |', '|---|---|---|---|---|---|');
    for (const { b, v } of vendor) {
      out.push(`| ${cell(b.hostname ?? b.path)} | ${v.name} | ${v.origin ?? '**missing**'} | ${cell([v.path, v.note].filter(Boolean).join(' — '))} | ${cell(v.version)} | ${v.sha256 ? `\`${v.sha256}\`` : ''} |`);
    }
  }
  const problems = r.bundles.flatMap((b) => b.problems.map((p) => `- ${b.hostname ?? b.path}: \`${p.code}\`${p.target ? ` \`${cell(p.target)}\`` : ''} ${cell(p.message)}`));
  const sources = r.bundles.flatMap((b) => b.sources.filter((s) => s.status !== 'ok').map((s) => `- ${b.hostname ?? b.path}: source \`${s.name}\` ${s.status}${s.reason ? ` — ${cell(s.reason)}` : ''}`));
  if (problems.length || sources.length) out.push('', '### Collection and bundle problems', '', ...sources, ...problems.slice(0, 50));

  const multi = r.bundles.length > 1;
  out.push('', `### Inventory: ${inventoryCount(r).replace(' inventory entries', ' entries')}`, '');
  out.push(`|${multi ? ' host |' : ''} device | location | driver | firmware | findings |`, `|${multi ? '---|' : ''}---|---|---|---|---|`);
  for (const d of r.inventory) {
    const worst = d.worst ? `**${d.findings.length} (${d.worst})**` : '—';
    out.push(
      `|${multi ? ` ${cell(d.host)} |` : ''} ${cell(d.name)}${pciId(d) ? ` \`${pciId(d)}\`` : ''} | ${cell(locationText(d) || d.key)} | ${cell(driverText(d))} | ${cell(firmwareText(d).join('<br>'))} | ${worst} |`,
    );
  }
  const withFindings = r.inventory.filter((d) => d.findings.length);
  out.push('', `### Findings (${r.findings.length} at or above ${r.minSeverity}, on ${withFindings.length} devices)`, '');
  if (!withFindings.length) out.push('None.');
  for (const d of withFindings) {
    out.push(`#### ${cell(d.name)}${multi ? ` on ${cell(d.host)}` : ''}`, '', `${cell(locationText(d) || d.key)}`, '');
    for (const g of d.findings) {
      const f = g.headline;
      out.push(`- **${g.severity.toUpperCase()}** ${cell(f.title)} (${code(f.rule)}): ${cell(f.message)}`);
      for (const x of g.details) out.push(`  - caused: **${x.severity}** ${cell(x.title)} (${code(x.rule)}): ${cell(x.message)}`);
      for (const fix of new Set([f, ...g.details].map((x) => x.remediation))) out.push(`  - fix: ${cell(fix)}`);
      for (const ref of new Set([f, ...g.details].flatMap((x) => x.references))) out.push(`  - ref: ${cell(ref)}`);
    }
    out.push('');
  }
  return out.join('\n') + '\n';
}
