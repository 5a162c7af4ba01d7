// Run in a process of its own by test/analyzer/report-stream-memory.test.ts (from the built dist/): writes the report
// of every bundle of a database at or above low, to nowhere, and prints its size, a digest and the peak RSS.
// Usage: node report-memory-child.mjs DB FORMAT [whole]   ("whole": renderMarkdown/renderHtml of the report built whole)
import { createHash } from 'node:crypto';
import { openReadOnly } from '../../dist/analyzer/db/database.js';
import { renderHtml } from '../../dist/analyzer/report/html.js';
import { renderMarkdown } from '../../dist/analyzer/report/markdown.js';
import { buildReport } from '../../dist/analyzer/report/model.js';
import { writeReportStreamed } from '../../dist/analyzer/report/stream.js';
import { defaultRulesDir, loadRules } from '../../dist/analyzer/rules/load-rules.js';
import { terminalSafeDeep } from '../../dist/bundle/terminal-safe.js';

const [path, format, mode] = process.argv.slice(2);
const db = openReadOnly(path);
const rules = loadRules(defaultRulesDir());
const ids = db.prepare(`SELECT id FROM bundles ORDER BY id`).pluck().all();
const hash = createHash('sha256');
let bytes = 0;
let tail = '';
const write = async (s) => {
  hash.update(s);
  bytes += Buffer.byteLength(s);
  tail = (tail + s).slice(-200);
};
if (mode === 'whole') {
  const r = terminalSafeDeep(buildReport(db, ids, rules, 'low'));
  await write(format === 'html' ? renderHtml(r) : renderMarkdown(r));
} else await writeReportStreamed(db, ids, rules, 'low', write, { format });
db.close();
process.stdout.write(JSON.stringify({ bundles: ids.length, bytes, sha256: hash.digest('hex'), tail, peakRss: process.resourceUsage().maxRSS * 1024 }) + '\n');
