/** The Markdown and HTML reports written bundle by bundle (analyzer/report/stream.ts): the same bytes as renderMarkdown and renderHtml. */
import {
  HTML_NO_FINDINGS, HTML_START, htmlBundleRow, htmlDeviceSection, htmlFindingsHead, htmlHeadAfterTitle, htmlInventoryHead, htmlInventoryRow, htmlTail, htmlTitlePart,
} from './html.js';
import {
  MARKDOWN_PROBLEMS, markdownBundleRow, markdownDeviceFindings, markdownFindingsTitle, markdownHead, markdownInventoryRow, markdownInventoryTitle,
  markdownProblemLines, markdownProblemsTitle, markdownSourceLines, markdownVendorRows, markdownVendorTitle,
} from './markdown.js';
import { SEVERITIES } from '../rules/types.js';
import { lines, type ReportSink, type SinkContext } from './stream-sink.js';

export function markdownSink(ctx: SinkContext): ReportSink {
  const bundles = ctx.spool('bundles');
  const vendor = ctx.spool('vendor');
  const sources = ctx.spool('sources');
  const inventory = ctx.spool('inventory');
  const devices = ctx.spool('devices');
  // Only the first problems of all bundles are listed.
  const problems: string[] = [];
  const addLines = (s: typeof bundles, ls: string[]): void => void (ls.length && s.add(lines(ls)));
  return {
    add(part) {
      for (const b of part.bundles) {
        bundles.add(lines([markdownBundleRow(b)]));
        addLines(vendor, markdownVendorRows(b));
        addLines(sources, markdownSourceLines(b));
        if (problems.length < MARKDOWN_PROBLEMS) problems.push(...markdownProblemLines(b).slice(0, MARKDOWN_PROBLEMS - problems.length));
      }
      for (const d of part.inventory) {
        inventory.add(lines([markdownInventoryRow(d, ctx.multi)]));
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
      if (sources.count || problems.length) {
        await write(lines(markdownProblemsTitle));
        await sources.copyTo(write);
        await write(lines(problems));
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
  return {
    add(part) {
      for (const b of part.bundles) {
        title.add(`${title.count ? ', ' : ''}${htmlTitlePart(b)}`);
        bundles.add(htmlBundleRow(b));
      }
      for (const d of part.inventory) {
        rows.add(`${rows.count ? '\n' : ''}${htmlInventoryRow(d, entry, ctx.multi)}`);
        if (d.findings.length) devices.add(`${devices.count ? '\n' : ''}${htmlDeviceSection(d, entry, ctx.multi)}`);
        entry++;
      }
    },
    async finish(write, digest, notices) {
      await write(HTML_START);
      await title.copyTo(write);
      await write(htmlHeadAfterTitle(digest, notices));
      await bundles.copyTo(write);
      await write(htmlInventoryHead(digest, ctx.multi));
      await rows.copyTo(write);
      await write(htmlFindingsHead(digest));
      if (devices.count) await devices.copyTo(write);
      else await write(HTML_NO_FINDINGS);
      await write(htmlTail);
    },
  };
}
