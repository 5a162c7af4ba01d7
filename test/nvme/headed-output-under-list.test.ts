/**
 * Another nvme-cli output pasted under an `nvme list` with no command line of its own (drives trial of issue 11: a
 * README's PM991a `nvme list` and the `nvme smart-log` under it, saved together as the list). Before, each smart-log
 * line was an unread line of the list (24 issues); the output is now that subcommand's, known by the heading only it
 * prints, and named once, as an output under a typed command of another subcommand already was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';

const SAMPLE = new URL('./fixtures/report-outputs/nvme-list/samsung-pm991a-socfpga-readme-cli2-serial-padded-smart-log-under.txt', import.meta.url);

describe('an nvme-cli output under nvme list with no command line', () => {
  it('is the output of the subcommand its heading names, said once; the list is read', () => {
    const p = parseNvmeList(readFileSync(SAMPLE, 'utf8'));
    expect(p.entries.map((e) => [e.controller, e.serial, e.model, e.firmware])).toEqual([['nvme0', 'S65YNE0T207365', 'PM991a NVMe Samsung 128GB', '26304039']]);
    expect(p.issues.map((i) => [i.line, i.message])).toEqual([[6, '24 line(s) of the output of "nvme smart-log" not read']]);
  });

  it('a second list table under the other output is the list\'s again', () => {
    const text = readFileSync(SAMPLE, 'utf8').split('\n');
    const table = text.slice(0, 3);
    const p = parseNvmeList([...text, ...table.map((l) => l.replace('nvme0n1', 'nvme1n1').replace('ng0n1', 'ng1n1'))].join('\n'));
    expect(p.entries.map((e) => e.controller)).toEqual(['nvme0', 'nvme1']);
  });
});
