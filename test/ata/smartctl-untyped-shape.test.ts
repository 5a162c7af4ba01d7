/**
 * smartctl's output pasted alone under a name of no tool (`attachment.txt`), no command typed above it, in the forms
 * its banner does not tell: pasted from its `=== START OF INFORMATION SECTION ===` down (the banner left out or cut),
 * or its JSON printed compact (`--json=c`, the whole document one line). Each real sample of those forms in the ata and
 * nvme corpora (their provenance files say where they were published) gives, as attachment.txt, the firmware and
 * settings it gives under its saved name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { typedParts } from '../../collector/typed-commands.js';
import { realSamples } from '../helpers/real-corpus.js';
import { storedRows } from '../helpers/stored-rows.js';

const TOOLS = new Set(CLASSES.flatMap((c) => Object.keys(c.commands ?? {})));
const TEST = new URL('..', import.meta.url).pathname;
const BANNER = /^\s*smartctl (?:version )?\d+\.\d+\b/m;

const SAMPLES = ['ata', 'nvme'].flatMap((cls) => realSamples(join(TEST, cls, 'fixtures'), true))
  .filter((s) => /^cmd\/smartctl\//.test(s.provenance.saved_as) || /^smartctl\b/.test(s.provenance.saved_as))
  .map((s) => ({ name: s.name, savedAs: s.provenance.saved_as, data: readFileSync(s.file) }))
  .filter((s) => typedParts(s.data, TOOLS).length === 0)
  .filter((s) => {
    const text = s.data.toString('utf8');
    return /^\s*\{"json_format_version"/.test(text) || (!/^\s*\{/.test(text) && !BANNER.test(text));
  });

const stored = async (name: string, data: Buffer): Promise<string[]> => (await storedRows(name, data)).rows;

describe("smartctl's output without its banner, or compact JSON, pasted as attachment.txt", () => {
  it('the corpus holds such samples of both forms', () => {
    expect(SAMPLES.filter((s) => s.data.toString('utf8').trimStart().startsWith('{')).length).toBeGreaterThanOrEqual(5);
    expect(SAMPLES.filter((s) => !s.data.toString('utf8').trimStart().startsWith('{')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(SAMPLES.map((s) => [s.name, s] as const))('%s: read as under its saved name', async (_, s) => {
    const named = await stored(s.savedAs, s.data);
    const untyped = await stored('attachment.txt', s.data);
    // A text its lines do not tell is kept unread (test/real-corpus/output-shapes counts how many are told); one told is read right.
    if (untyped.length === 0) return;
    // The device key of a drive named by no node is made from its file's name: compared without it.
    const strip = (rows: string[]): string[] => rows.map((r) => r.replace(/^(\w+ )\S+/, '$1'));
    expect(strip(untyped)).toEqual(strip(named));
  });
});
