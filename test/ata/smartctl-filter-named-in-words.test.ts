/**
 * A filtered smartctl output whose command a person named in words above it rather than typed at a prompt (`Output of
 * smartctl -i /dev/sda | grep -iE "model|firmware":`, or the command line as inline code): an excerpt as when typed
 * (collector/output-filter.ts), the words set aside as text around it. Before, the words were no command line to the
 * parser, which refused the lines as "not smartctl output": the drive and its firmware were lost. The output is the
 * corpus sample ata/…/smartctl/apacer-as340-windows (an Apacer AS340, smartctl 7.3) filtered as a person would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const ATA = readFileSync(new URL('./fixtures/real/smartctl/apacer-as340-windows.txt', import.meta.url), 'utf8').split(/\r?\n/);
const KEPT = ATA.filter((l) => /model|firmware/i.test(l)).join('\n');

async function read(ticket: string) {
  const { db } = await replayTree({ 'ticket.txt': ticket });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      firmware: all<{ f: string }>(`SELECT device_key || ' ' || version || ' ' || state AS f FROM firmware`).map((r) => r.f),
      issues: all<{ m: string }>(`SELECT code || ' ' || message AS m FROM collection_issues WHERE code NOT IN ('NOT_READ')`).map((i) => i.m),
    };
  } finally {
    db.close();
  }
}

describe('a smartctl excerpt whose filter the words above it name', () => {
  it.each([
    ['Output of smartctl -i /dev/sda | grep -iE "model|firmware":', 'grep -iE "model|firmware"'],
    ['Here is the result of `smartctl -i /dev/sda | grep -i -E "model|firmware"`:', 'grep -i -E "model|firmware"'],
  ])('%s', async (words, filter) => {
    expect(KEPT.split('\n').length).toBeGreaterThan(1);
    const r = await read(`${words}\n\n${KEPT}\n`);
    expect(r.firmware).toEqual(['ata:sda V4.25.0 running']);
    expect(r.issues.sort()).toEqual([
      'PASTE-AROUND text around the output, 1 line, not read (line 1)',
      `PASTE-FILTERED line 1: the output was filtered by \`${filter}\`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent`,
    ]);
  });
});
