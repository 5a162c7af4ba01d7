import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../analyzer/report/model.js';
import { CHROMIUM, chromium, consoleErrors } from '../helpers/chromium.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { collectTree, suiteDir } from './fake-bundle.js';

const count = (html: string, re: RegExp): number => (html.match(re) ?? []).length;

describe.skipIf(!CHROMIUM)('HTML report in headless chromium', () => {
  const dir = suiteDir();
  let report: Report;
  let page = '';
  beforeAll(() => {
    ensureBuilt();
    const bundle = collectTree(dir, 'fake.tar.gz');
    report = JSON.parse(fwsnap(['analyze', bundle, '--format', 'json']).stdout) as Report;
    const html = fwsnap(['analyze', bundle, '--format', 'html']);
    expect(html.status, html.stderr).toBe(1);
    page = join(dir, 'report.html');
    writeFileSync(page, html.stdout);
  });

  it('is one self-contained file: nothing fetched, no external script, style or font', () => {
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'`);
  });

  it('renders without console errors, its script ran, and the DOM holds the counts of the JSON report', () => {
    const r = chromium(['--dump-dom', `file://${page}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(consoleErrors(r.stderr)).toEqual([]);
    const dom = r.stdout;
    expect(dom).toMatch(/<body[^>]*data-ready="1"/);
    const inventory = dom.slice(dom.indexOf('<table id="inventory"'), dom.indexOf('</table>', dom.indexOf('<table id="inventory"')));
    expect(count(inventory, /<tr data-key=/g)).toBe(report.inventory.length);
    expect(count(dom, /<details class="finding (headline|detail)"/g)).toBe(report.findings.length);
    expect(count(dom, /<details class="finding headline"/g)).toBe(report.inventory.reduce((n, d) => n + d.findings.length, 0));
    expect(count(dom, /<section class="device"/g)).toBe(report.inventory.filter((d) => d.findings.length).length);
    expect(dom).toContain(`data-findings="${report.findings.length}"`);
    expect(dom).toContain('22.39.1002');
  });

  it('notices a page whose script fails (the console check can fail)', () => {
    const bad = join(dir, 'bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html><body><script>null.x()</script></body></html>');
    expect(consoleErrors(chromium(['--dump-dom', `file://${bad}`]).stderr).length).toBeGreaterThan(0);
  });

  it('takes a screenshot of the inventory and the findings', () => {
    const shot = join(dir, 'report.png');
    const r = chromium(['--window-size=1280,1800', `--screenshot=${shot}`, `file://${page}`]);
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1280);
    // A blank page compresses to a few kB; the rendered tables and text take far more.
    expect(png.length).toBeGreaterThan(50_000);
  });
});
