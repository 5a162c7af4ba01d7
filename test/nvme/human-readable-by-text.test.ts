/**
 * An `nvme id-ctrl -H` (or `id-ns -H`) output saved under a name that does not say -H (`nvme.txt`, `id-ctrl.txt`,
 * `nvme0.txt`) was taken for plain text: its command was recorded without -H, and beside a plain id-ctrl of the same
 * controller it was not the one read. Its decoded bits (`  [9:9] : 0x1\tMulti-Domain …`, 1.x's `  [0:0] : 0\tSingle
 * Port`) say -H whatever the name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
const PM1733_H = fixture('id-ctrl/samsung-pm1733-notes-H.txt');
const KINGSTON = fixture('id-ctrl/kingston-snv2s250g-fog.txt');

describe('-H told by the text', () => {
  it('id-ctrl -H saved as nvme0.txt or id-ctrl_nvme0.txt is recorded as run with -H', () => {
    expect(savedNvmeCommand('cmd/nvme/nvme0.txt', PM1733_H)?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme0', '-H']);
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nvme0.txt', PM1733_H)?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme0', '-H']);
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nvme0_-H.txt', PM1733_H)?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme0', '-H']);
  });
  it('id-ns -H too, from its own bits', () => {
    expect(savedNvmeCommand('cmd/nvme/id-ns_nvme0n1.txt', fixture('id-ns/qemu-lab-nvme-cli-2.3-H.txt'))?.argv).toContain('-H');
  });
  it('plain text, JSON and a fw-log are not -H', () => {
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nvme0.txt', KINGSTON)?.argv).not.toContain('-H');
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nvme0.txt', fixture('id-ctrl/qemu-lab-nvme-cli-2.3-json.json'))?.argv).not.toContain('-H');
    expect(savedNvmeCommand('cmd/nvme/fw-log_nvme0.txt', 'Firmware Log for device:nvme0\nafi  : 0x1\nfrs1 : 0x3230343230303045 (E0024020)\n')?.argv).not.toContain('-H');
  });
  it('beside a plain id-ctrl of the same controller, the -H saved as nvme0.txt is the one read', async () => {
    const out = join(tempDir(), 'b.tar.gz');
    await collect({ output: out, only: ['nvme'], isolation: 'inline', root: treeOf({ 'cmd/nvme/id-ctrl_nvme0.out': KINGSTON, 'cmd/nvme/nvme0.txt': PM1733_H }) });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    const { serial } = db.prepare(`SELECT serial FROM devices WHERE device_key = 'nvme:nvme0'`).get() as { serial: string };
    expect(serial.trim()).toBe('S5RTNC0T104269');
  });
  // The ways a log carries an output put a prefix before every line (or wrap the lines in JSON): the decoded bits are
  // read on the lines as the text layer gives them, so -H stays -H however the output travelled.
  it('-H behind syslog, CI timestamp, kubectl, JSON-log and Ansible line prefixes', () => {
    const lines = PM1733_H.replace(/\n$/, '').split('\n');
    const forms: Record<string, string> = {
      syslog: lines.map((l, i) => `Dec  1 10:00:${String(i % 60).padStart(2, '0')} host nvme[4242]: ${l}`).join('\n'),
      ci: lines.map((l) => `2026-12-01T10:00:05.1234567Z ${l}`).join('\n'),
      kubectl: lines.map((l) => `[pod/fwsnap-collect-7d9f4/collector] ${l}`).join('\n'),
      'json log': `${JSON.stringify({ level: 'info', msg: 'command output', stdout: PM1733_H })}\n`,
      ansible: `ok: [node-07] => ${JSON.stringify({ 'out.stdout_lines': lines }, null, 4)}\n`,
    };
    for (const [form, text] of Object.entries(forms)) expect(savedNvmeCommand('cmd/nvme/nvme0.txt', text)?.argv, form).toEqual(['nvme', 'id-ctrl', '/dev/nvme0', '-H']);
  });
});
