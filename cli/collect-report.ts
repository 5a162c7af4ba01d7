import { terminalSafe } from '../bundle/terminal-safe.js';
import { CollectError } from '../collector/collect.js';
import { importReport, type ImportOptions, type ImportResult } from '../collector/import/import-report.js';

const SHOWN = 10;

/** What an import read of a report: its kind and version, the files mapped, the outputs with no bundle counterpart, what was refused. */
export function importSummary(r: ImportResult): string {
  const lines = [`report: ${r.report}${r.version ? ` ${r.version}` : ''}, ${r.mapped} file(s) mapped`];
  if (r.unmapped.length) {
    lines.push(`not mapped: ${r.unmapped.length} device-tool output(s) with no counterpart in a bundle (manifest.json "issues", code NOT_MAPPED):`);
    for (const u of r.unmapped.slice(0, SHOWN)) lines.push(`  ${u}`);
    if (r.unmapped.length > SHOWN) lines.push(`  … and ${r.unmapped.length - SHOWN} more`);
  }
  for (const p of r.problems.slice(0, SHOWN)) lines.push(`warning: ${p.message}`);
  if (r.problems.length > SHOWN) lines.push(`warning: … and ${r.problems.length - SHOWN} more problems reading the report (manifest.json "issues")`);
  return lines.map(terminalSafe).join('\n');
}

/**
 * `collect --root` given a sosreport or supportconfig: the bundle `fwsnap import` makes of it, and the lines that say
 * so above the collect summary; or why it could not be made. The collect command is built as one file and loads this
 * module apart (scripts/bundle-collect.mjs), so its CollectError is another class than this one's: the reason is
 * handed back as words.
 */
export async function importRoot(o: ImportOptions): Promise<{ result: ImportResult; said: string } | { refused: string }> {
  let result: ImportResult;
  try {
    result = await importReport(o);
  } catch (e) {
    if (e instanceof CollectError) return { refused: e.message };
    throw e;
  }
  const secrets = result.secrets === undefined ? '' : `secrets replaced: ${result.secrets}\n`;
  const said = `${terminalSafe(`--root ${o.input} is a ${result.report}: read as \`fwsnap import\` reads it`)}\n${importSummary(result)}\n${secrets}`;
  return { result, said };
}
