import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diff } from '../../analyzer/report/diff.js';
import { CHROMIUM, chromium, consoleErrors } from '../helpers/chromium.js';
import { ensureBuilt, fwsnap, fwsnapOnTerminal } from './cli-helpers.js';
import { collectTree, suiteDir } from './fake-bundle.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';
import { treeOf } from '../helpers/tmp.js';

/**
 * The fake host, then the same host after a maintenance window: BIOS 2.19.1 → 2.20.0, the pending
 * NUM_OF_VFS 200 set back to 8 (the pending change and the three constraint findings resolved), i40e's debug
 * parameter changed, the X710's link down to x4 and correctable errors on it, the host bridge gone.
 */
async function patchedHost(): Promise<string> {
  const root = await fakehostCopy();
  const put = (path: string, text: string): void => writeFileSync(join(root, path), text);
  put('sys/class/dmi/id/bios_version', '2.20.0\n');
  const nv = join(root, 'cmd/mstconfig/-d_0000:3b:00.0_-e_query.out');
  const before = readFileSync(nv, 'utf8');
  const after = before.replace(/^(\*\s+NUM_OF_VFS\s+8\s+8\s+)200 /m, '$18   ');
  expect(after).not.toBe(before);
  writeFileSync(nv, after);
  put('sys/module/i40e/parameters/debug', '7\n');
  const x710 = 'sys/devices/pci0000:5d/0000:5d:00.0/0000:5e:00.0';
  put(`${x710}/current_link_width`, '4\n');
  put(`${x710}/aer_dev_correctable`, readFileSync(join(root, `${x710}/aer_dev_correctable`), 'utf8').replace('RxErr 0', 'RxErr 12').replace('TOTAL_ERR_COR 0', 'TOTAL_ERR_COR 12'));
  rmSync(join(root, 'sys/bus/pci/devices/0000:00:00.0'));
  rmSync(join(root, 'sys/devices/pci0000:00/0000:00:00.0'), { recursive: true });
  return root;
}

describe('fwsnap diff', () => {
  const dir = suiteDir();
  let a = '';
  let b = '';
  beforeAll(async () => {
    ensureBuilt();
    a = collectTree(dir, 'before.tar.gz');
    b = collectTree(dir, 'after.tar.gz', await patchedHost());
  });

  it('names every kind of change between two bundles and exits 1', () => {
    const r = fwsnap(['diff', a, b, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const d = JSON.parse(r.stdout) as Diff;
    expect(d.schema).toBe('fwsnap-diff/1');
    expect(d.devices.removed.map((x) => x.key)).toEqual(['0000:00:00.0']);
    expect(d.devices.added).toEqual([]);
    expect(d.firmware).toEqual([{ device: 'platform', name: 'Dell Inc. PowerEdge R740', kind: 'firmware', item: 'bios (running)', before: '2.19.1', after: '2.20.0' }]);
    const settings = d.settings.map((s) => `${s.device} ${s.kind} ${s.item}: ${s.before} → ${s.after}`);
    expect(settings).toEqual(
      expect.arrayContaining([
        '0000:3b:00.0 NV config (next boot) NUM_OF_VFS: 200 → 8',
        'kernel module parameter i40e.debug: -1 → 7',
        '0000:5e:00.0 PCIe link current: 8 GT/s x8 → 8 GT/s x4',
      ]),
    );
    // Current NV values did not change, and counters are not settings.
    expect(settings.some((s) => s.includes('NV config (current)'))).toBe(false);
    expect(d.findings.resolved.map((f) => f.rule).sort()).toEqual(['mlx5.nvconfig-constraints', 'mlx5.nvconfig-constraints', 'mlx5.nvconfig-constraints', 'mlx5.nvconfig-pending']);
    expect(d.findings.new.map((f) => `${f.rule} ${f.device}`)).toContain('pci.aer-correctable 0000:5e:00.0');
    expect(d.differences).toBe(d.devices.removed.length + d.firmware.length + d.settings.length + d.findings.new.length + d.findings.resolved.length);
  });

  it('renders text and Markdown with the summary first', () => {
    const text = fwsnap(['diff', a, b]);
    expect(text.status).toBe(1);
    expect(text.stdout.split('\n')[0]).toMatch(/^fakehost \(bundle 1, .*\) → fakehost \(bundle 2, .*\): \d+ difference\(s\): 1 removed, 1 firmware change\(s\)/);
    // Each device named once, as analyze names it, its changes under it.
    expect(text.stdout).toContain('\n  Dell Inc. PowerEdge R740\n    bios (running): 2.19.1 → 2.20.0\n');
    expect(text.stdout).toMatch(/^FINDINGS RESOLVED \(4\)$/m);
    const md = fwsnap(['diff', a, b, '--format', 'markdown']);
    expect(md.stdout).toContain('## fwsnap diff');
    expect(md.stdout).toContain('| MCX623106AN-CDA_Ax, PSID MT_0000000359 — Mellanox Technologies MT2892 Family [ConnectX-6 Dx] (0000:3b:00.0) | NV config (next boot) | NUM_OF_VFS | 200 | 8 |');
  });

  it('colours the text on a terminal only (added/new green, removed/resolved red, severities), never with NO_COLOR', () => {
    const ESC = '\x1b[';
    // Six renderings of one comparison: from a database the two bundles are analysed into once, not twelve times (which
    // took this test close to its time limit on a loaded machine). The text is the one `diff a b` prints.
    const db = join(dir, 'colours.db');
    expect(fwsnap(['analyze', a, b, '--db', db]).status).toBe(1);
    const diff = ['diff', '--db', db, '1', '2'];
    const plain = fwsnap(diff).stdout;
    expect(plain).not.toContain(ESC);
    expect(plain).toBe(fwsnap(['diff', a, b]).stdout);
    const tty = fwsnapOnTerminal(diff, { NO_COLOR: '' });
    expect(tty).toMatch(/^\x1b\[1mfakehost \(bundle 1, /);
    expect(tty).toContain(`${ESC}1mFINDINGS RESOLVED (4)${ESC}0m`);
    expect(tty).toContain(`bios (running): ${ESC}31m2.19.1${ESC}0m → ${ESC}32m2.20.0${ESC}0m`);
    expect(tty).toMatch(/\x1b\[31m-\x1b\[0m \x1b\[1;31mHIGH\x1b\[0m \[mlx5\.nvconfig-constraints\]/);
    expect(tty).toMatch(/\x1b\[31m-\x1b\[0m \x1b\[33mMEDIUM\x1b\[0m \[mlx5\.nvconfig-pending\]/);
    expect(tty).toMatch(/\x1b\[32m\+\x1b\[0m \x1b\[36mLOW\x1b\[0m \[pci\.aer-correctable\] [^\n]*X710/);
    // Without the colour the terminal shows the same words as the pipe.
    expect(tty.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r\n/g, '\n')).toBe(plain);
    expect(fwsnapOnTerminal(diff, { NO_COLOR: '1' })).not.toContain(ESC);
    expect(fwsnapOnTerminal(diff, { TERM: 'dumb' })).not.toContain(ESC);
    expect(fwsnapOnTerminal([...diff, '--format', 'markdown'])).not.toContain(ESC);
    // 22 s at a load of 12 on 2 cores (35 s when each of the six renderings analysed both bundles).
  }, 180_000);

  it('renders one self-contained HTML page with the counts of the JSON diff', () => {
    const json = JSON.parse(fwsnap(['diff', a, b, '--format', 'json']).stdout) as Diff;
    const r = fwsnap(['diff', a, b, '--format', 'html']);
    expect(r.status, r.stderr).toBe(1);
    const html = r.stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`data-differences="${json.differences}"`);
    const rows = (id: string): number => {
      const start = html.indexOf(`<table id="${id}"`);
      return start < 0 ? 0 : (html.slice(start, html.indexOf('</table>', start)).match(/<tr>/g) ?? []).length - 1;
    };
    expect(rows('removed')).toBe(json.devices.removed.length);
    expect(rows('firmware')).toBe(json.firmware.length);
    expect(rows('settings')).toBe(json.settings.length);
    expect((html.match(/<details class="finding new"/g) ?? []).length).toBe(json.findings.new.length);
    expect((html.match(/<details class="finding resolved"/g) ?? []).length).toBe(json.findings.resolved.length);
    expect(html).toContain('<td>2.19.1</td><td>2.20.0</td>');
    if (CHROMIUM) {
      const page = join(dir, 'diff.html');
      writeFileSync(page, html);
      const dom = chromium(['--dump-dom', `file://${page}`]);
      expect(dom.status, dom.stderr).toBe(0);
      expect(consoleErrors(dom.stderr)).toEqual([]);
      expect((dom.stdout.match(/<details class="finding (new|resolved)"/g) ?? []).length).toBe(json.findings.new.length + json.findings.resolved.length);
    }
    const same = fwsnap(['diff', a, a, '--format', 'html']);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('data-differences="0"');
  });

  it('exits 0 when nothing differs', () => {
    const r = fwsnap(['diff', a, a]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/: no differences\n$/);
    const again = collectTree(dir, 'again.tar.gz');
    const json = JSON.parse(fwsnap(['diff', a, again, '--format', 'json']).stdout) as Diff;
    expect(json.differences).toBe(0);
  });

  it('compares two hosts of one database by hostname or bundle id', () => {
    const db = join(dir, 'fleet.db');
    expect(fwsnap(['analyze', a, b, '--db', db]).status).toBe(1);
    const byId = JSON.parse(fwsnap(['diff', '--db', db, '1', '2', '--format', 'json']).stdout) as Diff;
    expect(byId.firmware.map((f) => f.after)).toEqual(['2.20.0']);
    // By hostname: the host's newest bundle (both are fakehost here: 'fakehost' is bundle 2, so the two names are one bundle).
    const same = fwsnap(['diff', '--db', db, 'fakehost', '2']);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/^fwsnap diff: fakehost and 2 name one bundle, 2 \(/);
    // The host given twice: its previous bundle against its newest, as 1 against 2.
    expect(JSON.parse(fwsnap(['diff', '--db', db, 'fakehost', 'fakehost', '--format', 'json']).stdout)).toMatchObject({ firmware: byId.firmware });
  });

  it('exits 2 on bad input, naming it', () => {
    const missing = fwsnap(['diff', a, join(dir, 'nope.tar.gz')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.tar.gz');
    const notBundle = join(dir, 'garbage.tar.gz');
    writeFileSync(notBundle, 'not a bundle');
    expect(fwsnap(['diff', a, notBundle]).status).toBe(2);
    const db = join(dir, 'one.db');
    fwsnap(['analyze', a, '--db', db]);
    const host = fwsnap(['diff', '--db', db, 'fakehost', 'otherhost']);
    expect(host.status).toBe(2);
    expect(host.stderr).toContain('otherhost: no bundle with this id, hostname, file name or manifest sha256 in ');
    expect(host.stderr).toContain('(' + a + ', host fakehost, collected ');
    expect(fwsnap(['diff', a]).status).toBe(2);
    expect(fwsnap(['diff', a, b, '--format', 'yaml']).status).toBe(2);
  });

  it('picks a bundle of saved outputs (no hostname) of a --db by its file name, and says what to pass when a name fits several or none', () => {
    const ethtool = (fw: string): Record<string, string> => ({
      'cmd/ethtool/ethtool -i eth0.txt': `driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: ${fw}\nbus-info: 0000:01:00.0\n`,
    });
    const before = collectTree(dir, 'case-before.tar.gz', treeOf(ethtool('0x800003e7')));
    const after = collectTree(dir, 'case-after.tar.gz', treeOf(ethtool('0x80000a3f')));
    const db = join(dir, 'case.db');
    expect([0, 1]).toContain(fwsnap(['analyze', '-q', before, after, '--db', db]).status);
    const byName = fwsnap(['diff', '--db', db, 'case-before.tar.gz', 'case-after.tar.gz', '--format', 'json']);
    expect(byName.status, byName.stderr).toBe(1);
    expect((JSON.parse(byName.stdout) as Diff).firmware.map((f) => [f.before, f.after])).toEqual([['0x800003e7', '0x80000a3f']]);
    // The whole path as analysed picks it too.
    expect(fwsnap(['diff', '--db', db, before, after]).status).toBe(1);
    // Each side is named by its bundle's file name, as no host was read ('?' named nothing).
    const text = fwsnap(['diff', '--db', db, before, after]).stdout;
    expect(text.split('\n')[0]).toMatch(/^case-before\.tar\.gz \(bundle 1, collected [^)]+\) → case-after\.tar\.gz \(bundle 2, collected [^)]+\): 1 difference/);
    expect(text).not.toContain('?');
    const md = fwsnap(['diff', '--db', db, before, after, '--format', 'markdown']).stdout;
    expect(md).toContain('**case-before.tar.gz (bundle 1, collected ');
    const page = fwsnap(['diff', '--db', db, before, after, '--format', 'html']).stdout;
    expect(page).toContain('<title>fwsnap diff case-before.tar.gz → case-after.tar.gz</title>');
    expect(page).toMatch(/<td>A \(before\)<\/td><td>case-before\.tar\.gz<\/td>/);

    // The same file name in another directory: ambiguous, each bundle listed with its id.
    const again = join(dir, 'again');
    rmSync(again, { recursive: true, force: true });
    mkdirSync(again);
    const twin = collectTree(again, 'case-before.tar.gz', treeOf(ethtool('0x80000001')));
    expect([0, 1]).toContain(fwsnap(['analyze', '-q', twin, '--db', db]).status);
    const ambiguous = fwsnap(['diff', '--db', db, 'case-before.tar.gz', 'case-after.tar.gz']);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(/^fwsnap diff: case-before\.tar\.gz: names 2 bundles in .*case\.db: 1 \(.*case-before\.tar\.gz, no hostname, collected .*\); 3 \(.*again.*\); pass the id of the one you mean\n$/);
    expect(fwsnap(['diff', '--db', db, '3', 'case-after.tar.gz']).status).toBe(1);
    // Two sides of one file name are told apart by their paths.
    const head = fwsnap(['diff', '--db', db, '1', '3']).stdout.split('\n')[0]!;
    expect(head.startsWith(`${before} (bundle 1, `), head).toBe(true);
    expect(head).toContain(` → ${twin} (bundle 3, `);

    const unknown = fwsnap(['diff', '--db', db, 'case-middle.tar.gz', '2']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^fwsnap diff: case-middle\.tar\.gz: no bundle with this id, hostname, file name or manifest sha256 in .*case\.db; its bundles: 1 \(.*\); 2 \(.*\); 3 \(.*\)\n$/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
