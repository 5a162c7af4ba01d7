/** The Markdown and HTML reports written bundle by bundle (analyzer/report/stream.ts): the same bytes as renderMarkdown and renderHtml. */
import {
  HTML_BUNDLES_END, HTML_NO_FINDINGS, HTML_PROBLEMS, HTML_PROBLEMS_TITLE, HTML_START, htmlBundleRow, htmlNotes, htmlPasteItems, htmlProblemItems, htmlSkippedItems, htmlSourceItems, htmlDeviceSection, htmlFindingsHead, htmlHeadAfterTitle, htmlInventoryHead, htmlInventoryRow, htmlTail, htmlTitlePart,
} from './html.js';
import {
  MARKDOWN_PROBLEMS, markdownBundleRow, markdownDeviceFindings, markdownFindingsTitle, markdownHead, markdownInventoryRow, markdownInventoryTitle,
  markdownNotes, markdownPasteLines, markdownProblemLines, markdownProblems, markdownProblemsTitle, markdownSkippedSourceLines, markdownSourceLines, markdownVendorRows, markdownVendorTitle,
} from './markdown.js';
import { SEVERITIES } from '../rules/types.js';
import { showsFrom } from './inventory-text.js';
import { lines, type ReportSink, type SinkContext } from './stream-sink.js';

export function markdownSink(ctx: SinkContext): ReportSink {
  const bundles = ctx.spool('bundles');
  const vendor = ctx.spool('vendor');
  const sources = ctx.spool('sources');
  const skipped = ctx.spool('skipped-sources');
  const inventory = ctx.spool('inventory');
  const devices = ctx.spool('devices');
  // Only the first problems and notes of all bundles are listed; the notes are counted.
  const problems: string[] = [];
  const notes: string[] = [];
  let noteCount = 0;
  const addLines = (s: typeof bundles, ls: string[]): void => void (ls.length && s.add(lines(ls)));
  return {
    add(part) {
      for (const b of part.bundles) {
        bundles.add(lines([markdownBundleRow(b)]));
        addLines(vendor, markdownVendorRows(b));
        addLines(sources, markdownSourceLines(b));
        addLines(skipped, markdownSkippedSourceLines(b));
        if (problems.length < MARKDOWN_PROBLEMS) problems.push(...markdownProblemLines(b).slice(0, MARKDOWN_PROBLEMS - problems.length));
        const mine = markdownPasteLines(b);
        noteCount += mine.length;
        if (notes.length < MARKDOWN_PROBLEMS) notes.push(...mine.slice(0, MARKDOWN_PROBLEMS - notes.length));
      }
      for (const d of part.inventory) {
        inventory.add(lines([markdownInventoryRow(d, ctx.multi, showsFrom(part).has(d.bundle))]));
        if (d.findings.length) devices.add(lines(markdownDeviceFindings(d, ctx.multi)));
      }
    },
    async finish(write, digest, notices) {
      await write(lines(markdownHead(digest, notices)));
      await bundles.copyTo(write);
      if (vendor.count) {
        await write(lines(markdownVendorTitle));
        await vendor.copyTo(write);
      }
      if (sources.count || problems.length || skipped.count || noteCount) {
        await write(lines(markdownProblemsTitle));
        await sources.copyTo(write);
        await write(lines(markdownProblems(problems)));
        await skipped.copyTo(write);
        await write(lines(markdownNotes(notes, noteCount)));
      }
      await write(lines(markdownInventoryTitle(digest, ctx.multi)));
      await inventory.copyTo(write);
      const findings = SEVERITIES.reduce((n, s) => n + digest.summary.findings[s], 0);
      await write(lines(markdownFindingsTitle(findings, digest.affected, digest.minSeverity)));
      if (!devices.count) await write(lines(['None.']));
      await devices.copyTo(write);
    },
  };
}

export function htmlSink(ctx: SinkContext): ReportSink {
  const title = ctx.spool('title');
  const bundles = ctx.spool('bundles');
  const rows = ctx.spool('rows');
  const devices = ctx.spool('devices');
  // The number of the next inventory entry in the whole report: its findings' anchor.
  let entry = 0;
  const problems: string[] = [];
  const notes: string[] = [];
  // Every bundle's sources that did not run or had nothing to read are listed: spooled, as many as there are bundles.
  const sources = ctx.spool('sources');
  const skipped = ctx.spool('skipped-sources');
  let noteCount = 0;
  return {
    add(part) {
      for (const b of part.bundles) {
        for (const item of htmlSourceItems(b)) sources.add(`${item}\n`);
        for (const item of htmlSkippedItems(b)) skipped.add(`${item}\n`);
        title.add(`${title.count ? ', ' : ''}${htmlTitlePart(b)}`);
        bundles.add(htmlBundleRow(b));
        if (problems.length < HTML_PROBLEMS) problems.push(...htmlProblemItems(b).slice(0, HTML_PROBLEMS - problems.length));
        const mine = htmlPasteItems(b);
        noteCount += mine.length;
        if (notes.length < HTML_PROBLEMS) notes.push(...mine.slice(0, HTML_PROBLEMS - notes.length));
      }
      for (const d of part.inventory) {
        rows.add(`${rows.count ? '\n' : ''}${htmlInventoryRow(d, entry, ctx.multi, showsFrom(part).has(d.bundle))}`);
        if (d.findings.length) devices.add(`${devices.count ? '\n' : ''}${htmlDeviceSection(d, entry, ctx.multi)}`);
        entry++;
      }
    },
    async finish(write, digest, notices) {
      await write(HTML_START);
      await title.copyTo(write);
      await write(htmlHeadAfterTitle(digest, notices));
      await bundles.copyTo(write);
      await write(HTML_BUNDLES_END);
      if (sources.count || problems.length || skipped.count || noteCount) await write(HTML_PROBLEMS_TITLE);
      if (sources.count || problems.length || skipped.count) {
        await write('<ul>\n');
        await sources.copyTo(write);
        await write(problems.map((l) => `${l}\n`).join(''));
        await skipped.copyTo(write);
        await write('</ul>\n');
      }
      await write(htmlNotes(notes, noteCount));
      await write(htmlInventoryHead(digest, ctx.multi));
      await rows.copyTo(write);
      await write(htmlFindingsHead(digest));
      if (devices.count) await devices.copyTo(write);
      else await write(HTML_NO_FINDINGS);
      await write(htmlTail);
    },
  };
}
