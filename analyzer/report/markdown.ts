import { SEVERITIES } from '../rules/types.js';
import type { Report } from './model.js';

const cell = (s: string | null | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A report ready to paste into a ticket. */
export function renderMarkdown(r: Report): string {
  const out: string[] = ['## fwsnap report', ''];
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
  out.push('', `### Findings (${r.findings.length} at or above ${r.minSeverity})`, '');
  if (!r.findings.length) out.push('None.');
  else {
    out.push('| severity | rule | device | finding |', '|---|---|---|---|');
    for (const f of r.findings) out.push(`| ${f.severity} | \`${f.rule}\` | \`${cell(f.device ?? 'host')}\`${f.deviceName ? ` ${cell(f.deviceName)}` : ''} | ${cell(f.message)} |`);
    for (const sev of SEVERITIES) {
      const seen = new Set<string>();
      for (const f of r.findings.filter((x) => x.severity === sev)) {
        if (seen.has(f.rule)) continue;
        seen.add(f.rule);
        out.push('', `#### ${f.title} (\`${f.rule}\`, ${f.severity})`, '', f.remediation, '', ...f.references.map((ref) => `- ${ref}`));
      }
    }
  }
  const s = r.summary;
  out.push('', `${s.passed} checks passed, ${s.skipped} skipped for missing data, ${s.errors} errors; ${s.rules} rules.`);
  return out.join('\n') + '\n';
}
