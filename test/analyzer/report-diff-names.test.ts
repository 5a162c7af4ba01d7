/**
 * `fwsnap diff` of two trees of saved outputs (a ticket's outputs before and after a flash) names each device once, as
 * `analyze` names it: no raw device key (`devlink:pci/0000:63:00.0`) beside the name, a finding's device not repeated
 * by its message; the key or place only where two devices would read alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { diffBundles, type Diff } from '../../analyzer/report/diff.js';
import { renderDiffHtml } from '../../analyzer/report/diff-html.js';
import { renderDiffMarkdown, renderDiffText } from '../../analyzer/report/diff-render.js';
import { CLASSES } from '../../analyzer/classes/index.js';
import { renderHtml } from '../../analyzer/report/html.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const real = (path: string): string => readFileSync(join('test', path), 'utf8');
const E610_BEFORE = real('nic/fixtures/real/devlink-dev-info/ixgbe-e610-before-update.txt');
const E610_AFTER = real('nic/fixtures/real/devlink-dev-info/ixgbe-e610-after-flash.txt');
const PARAMS = real('nic/fixtures/real/devlink-param/bnxt-allow-fw-live-reset.txt');
const DRIVE = real('ata/fixtures/real/smartctl/seagate-st31000520as-fw-warning-hugo.txt');

async function diffOf(before: Record<string, string>, after: Record<string, string>): Promise<Diff> {
  const dir = tempDir();
  const bundles = [join(dir, 'before.tar.gz'), join(dir, 'after.tar.gz')];
  await collect({ output: bundles[0]!, root: treeOf(before), isolation: 'inline' });
  await collect({ output: bundles[1]!, root: treeOf(after), isolation: 'inline' });
  const r = await analyze({ bundles, minSeverity: 'low', jobs: 1 });
  try {
    return diffBundles(r.db, r.bundleIds[0]!, r.bundleIds[1]!, r.rules, 'low', CLASSES.flatMap((c) => c.compared ?? []));
  } finally {
    r.db.close();
  }
}

describe('diff of saved outputs names each device once', () => {
  it('by the name analyze gives it, in text, Markdown and HTML', async () => {
    const d = await diffOf(
      { 'cmd/devlink/devlink dev info.txt': E610_BEFORE },
      { 'cmd/devlink/devlink dev info pci 0000:63:00.0.txt': E610_AFTER, 'cmd/devlink/devlink dev param show.txt': PARAMS },
    );
    const text = renderDiffText(d);
    expect(text).not.toContain('devlink:pci/');
    // The device added: its name alone (devlink param show says nothing but where it is).
    expect(text).toMatch(/^ {2}\+ 0000:3b:00\.0$/m);
    // Each change under its device, named once.
    expect(text).toMatch(/^ {2}N43235-000\n( {4}.*\n)* {4}fw\.bundle_id \(stored\): \(absent\) → 0x8000d993$/m);
    expect(text.match(/N43235-000\n/g)).toHaveLength(1);
    // A finding line: the device once, the message without the device key it opens with.
    expect(text).toContain('+ MEDIUM [core.devlink-firmware-stored-differs] N43235-000: fw.bundle_id running 0x8000c459, stored 0x8000d993; fw.psid.api running 1.00, stored 1.01 — ');
    // (The HTML's evidence block shows the rule's raw evidence, keys and all.)
    for (const page of [renderDiffMarkdown(d), renderDiffHtml(d).replace(/<details class="evidence">[^]*?<\/details>/g, '')]) expect(page).not.toContain('devlink:pci/');
    // The JSON keeps the keys a program matches on.
    expect(d.firmware[0]!.device).toBe('devlink:pci/0000:63:00.0');
    expect(d.findings.new[0]!.device).toBe('devlink:pci/0000:63:00.0');
  });

  it('a device on both sides by the name that says what it is, whichever side said it', async () => {
    // After the update the ticket holds only a parameter listing of the card, which names nothing but its address.
    const params = PARAMS.replaceAll('0000:3b:00.0', '0000:63:00.0');
    const d = await diffOf({ 'cmd/devlink/devlink dev info.txt': E610_BEFORE }, { 'cmd/devlink/devlink dev param show.txt': params });
    expect(d.devices.added).toEqual([]);
    expect(d.firmware.length).toBeGreaterThan(0);
    for (const c of [...d.firmware, ...d.settings]) expect(c.name).toBe('N43235-000');
    // And the other way round: the name B gives when A's said only where the card is.
    const back = await diffOf({ 'cmd/devlink/devlink dev param show.txt': params }, { 'cmd/devlink/devlink dev info.txt': E610_BEFORE });
    for (const c of [...back.firmware, ...back.settings]) expect(c.name).toBe('N43235-000');
  });

  it('tells apart two devices that read alike by where they are', async () => {
    // Two drives of one model (the published serial and WWN masked; given here so that they are two drives).
    const drive = (name: string, serial: string, wwn: string, firmware: string): string =>
      DRIVE.replace(/sdb/g, name).replace(/Serial Number:.*/, `Serial Number:    ${serial}`).replace(/LU WWN Device Id:.*/, `LU WWN Device Id: 5 000c50 ${wwn}`).replace(/Firmware Version:.*/, `Firmware Version: ${firmware}`);
    const d = await diffOf({}, {
      'cmd/smartctl/smartctl -i sdb.txt': drive('sdb', '9VP1AAAA', '01a2b3c4d', 'CC32'),
      'cmd/smartctl/smartctl -i sdc.txt': drive('sdc', '9VP2BBBB', '02a2b3c4d', 'CC35'),
    });
    const names = d.devices.added.map((x) => x.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(n).toMatch(/^ST31000520AS .*sd[bc]/);
  });
});

describe('analyze names a finding\'s device once', () => {
  it('under its entry, the message without the device key it opens with', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'after.tar.gz');
    await collect({ output: bundle, root: treeOf({ 'cmd/devlink/devlink dev info pci 0000:63:00.0.txt': E610_AFTER }), isolation: 'inline' });
    const r = await analyze({ bundles: [bundle], minSeverity: 'low', jobs: 1 });
    try {
      expect(r.report.findings.map((f) => f.message)).toContain('devlink:pci/0000:63:00.0: fw.bundle_id running 0x8000c459, stored 0x8000d993; fw.psid.api running 1.00, stored 1.01 — the flashed firmware is not active yet');
      const text = renderText(r.report);
      expect(text).toMatch(/^ {6}fw\.bundle_id running 0x8000c459, stored 0x8000d993; fw\.psid\.api running 1\.00, stored 1\.01 —\n {6}the flashed firmware is not active yet$/m);
      const html = renderHtml(r.report).replace(/<details class="evidence">[^]*?<\/details>/g, '');
      for (const page of [text, renderMarkdown(r.report), html]) expect(page).not.toContain('devlink:pci/0000:63:00.0: ');
    } finally {
      r.db.close();
    }
  });
});
