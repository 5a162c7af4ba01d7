import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { buildReport } from '../../analyzer/report/model.js';
import { renderHtml } from '../../analyzer/report/html.js';
import { digestOf } from '../../analyzer/report/inventory-text.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { markdownSink } from '../../analyzer/report/stream-pages.js';
import { Spool } from '../../analyzer/report/stream-sink.js';
import { writeReportStreamed, type StreamFormat } from '../../analyzer/report/stream.js';
import { renderText } from '../../analyzer/report/text.js';
import type { Severity } from '../../analyzer/rules/types.js';
import { generateFleet } from '../../bench/fleet/generate.js';
import { jsonTerminalSafe, terminalSafeDeep } from '../../bundle/terminal-safe.js';
import { suiteDir } from '../cli/fake-bundle.js';
import { fakehostBundle } from './load/fakehost-bundle.js';

async function streamed(r: AnalyzeResult, format: StreamFormat, minSeverity: Severity, colour = false): Promise<string> {
  let out = '';
  await writeReportStreamed(r.db, r.bundleIds, r.rules, minSeverity, async (s) => void (out += s), { format, style: { colour } });
  return out;
}

const GENERATED = /"generatedAt": "[^"]+"/;

describe('the report written bundle by bundle is the report rendered whole', () => {
  const dir = suiteDir();
  const results = new Map<Severity, AnalyzeResult>();
  beforeAll(async () => {
    const { bundles } = await generateFleet({ n: 5, seed: 201, dir });
    const fake = await fakehostBundle();
    // The fake host has findings of every severity, skipped and errored rules, several devices per entry.
    for (const minSeverity of ['low', 'high'] as const) results.set(minSeverity, await analyze({ bundles: [bundles[0]!, fake.path, ...bundles.slice(1)], jobs: 1, minSeverity }));
    fake.cleanup();
  }, 180_000);

  for (const minSeverity of ['low', 'high'] as const) {
    it(`json, at or above ${minSeverity}`, async () => {
      const r = results.get(minSeverity)!;
      const whole = jsonTerminalSafe(JSON.stringify(r.report, null, 2)) + '\n';
      expect(r.report.findings.length).toBeGreaterThan(minSeverity === 'low' ? 3 : 0);
      expect(r.report.bundles).toHaveLength(6);
      expect(r.report.skipped.length).toBeGreaterThan(0);
      const out = await streamed(r, 'json', minSeverity);
      expect(out.replace(GENERATED, '')).toBe(whole.replace(GENERATED, ''));
      expect(JSON.parse(out)).toMatchObject({ summary: r.report.summary });
    });

    it(`text, with and without colour, at or above ${minSeverity}`, async () => {
      const r = results.get(minSeverity)!;
      for (const colour of [false, true]) {
        const whole = renderText(terminalSafeDeep(r.report), { colour });
        expect(await streamed(r, 'text', minSeverity, colour)).toBe(whole);
      }
    });

    it(`markdown and HTML, at or above ${minSeverity}`, async () => {
      const r = results.get(minSeverity)!;
      const safe = terminalSafeDeep(r.report);
      const markdown = renderMarkdown(safe);
      // The parts that come from every bundle are there: several hosts, findings, vendor data, a collection problem.
      expect(markdown).toContain('### Vendor data used');
      expect(markdown).toContain('### Collection and bundle problems');
      expect(markdown).toMatch(/^#### .+ on /m);
      expect(await streamed(r, 'markdown', minSeverity)).toBe(markdown);
      const html = renderHtml(safe);
      expect(html).toMatch(/<section class="device" id="dev-\d+"/);
      expect(await streamed(r, 'html', minSeverity)).toBe(html);
    });
  }

  it('one bundle, and a bundle without findings (no device section)', async () => {
    const r = results.get('high')!;
    const quiet: string[] = [];
    for (const id of r.bundleIds) {
      const one = { ...r, bundleIds: [id] };
      const report = buildReport(r.db, [id], r.rules, 'high');
      const safe = terminalSafeDeep(report);
      const markdown = renderMarkdown(safe);
      if (markdown.includes('\nNone.\n')) quiet.push(markdown);
      expect(await streamed(one, 'markdown', 'high')).toBe(markdown);
      expect(await streamed(one, 'html', 'high')).toBe(renderHtml(safe));
    }
    expect(quiet.length).toBeGreaterThan(0);
  });

  it('Markdown lists the first 50 problems of all bundles, whichever bundles they come from, then the first 50 notes', async () => {
    const r = results.get('low')!;
    // Every bundle given 20 problems (120 in all): the list is cut inside the third bundle's.
    const report = terminalSafeDeep(r.report);
    report.bundles = report.bundles.map((b) => ({
      ...b,
      problems: [
        ...Array.from({ length: 20 }, (_, i) => ({ stage: 'bundle', target: `sys/x${i}`, code: 'hash-mismatch', message: `problem ${i} of ${b.hostname}`, paste: false, savedAs: null })),
        ...Array.from({ length: 20 }, (_, i) => ({ stage: 'analyze', target: `cmd/x${i}.out`, code: 'PASTE-AROUND', message: `note ${i} of ${b.hostname}`, paste: true, savedAs: null })),
      ],
    }));
    const dir = mkdtempSync(join(tmpdir(), 'fwsnap-sink-'));
    const spools: Spool[] = [];
    try {
      const sink = markdownSink({ multi: true, spool: (name) => spools[spools.push(new Spool(join(dir, name))) - 1]! });
      for (const b of report.bundles) sink.add({ ...report, bundles: [b], inventory: report.inventory.filter((d) => d.bundle === b.id) });
      let out = '';
      await sink.finish(async (t) => void (out += t), digestOf(report), report.notices);
      const whole = renderMarkdown(report);
      expect(whole.match(/`hash-mismatch`/g)).toHaveLength(50);
      expect(whole).toContain(`problem 9 of ${report.bundles[2]!.hostname}`);
      expect(whole).not.toContain(`problem 10 of ${report.bundles[2]!.hostname}`);
      // The notes come after every problem listed, counted in full, the first 50 listed.
      expect(whole).toContain('120 notes about how outputs were pasted');
      expect(whole.match(/`PASTE-AROUND`/g)).toHaveLength(50);
      expect(whole.indexOf('`PASTE-AROUND`')).toBeGreaterThan(whole.lastIndexOf('`hash-mismatch`'));
      expect(out).toBe(whole);
    } finally {
      for (const sp of spools) sp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a report of no bundle', async () => {
    const r = results.get('low')!;
    const none = { ...r, bundleIds: [] };
    const whole = JSON.parse(await streamed(none, 'json', 'low')) as { bundles: unknown[]; findings: unknown[] };
    expect(whole.bundles).toEqual([]);
    expect(whole.findings).toEqual([]);
  });
});
