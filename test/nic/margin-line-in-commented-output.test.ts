import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * An ethtool -i quoted as comments in a script (`    # driver: gve`), with a person's sentence (or a `Key: value` note) at the left
 * margin between two of its lines (an inline note, a reply's words): the output is still the commented lines, the sentence an
 * issue with its number, and every field after it is read (the paste sweep's form `a margin line`).
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/ethtool-i/${f}.txt`, import.meta.url), 'utf8');

async function read(text: string): Promise<{ settings: Record<string, string>; issues: string[] }> {
  const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', text);
  try {
    const rows = db.prepare("SELECT key, value FROM settings WHERE namespace = 'ethtool.drvinfo'").all() as { key: string; value: string }[];
    const issues = (db.prepare("SELECT message FROM collection_issues WHERE code IN ('PARSE-LINE', 'PASTE-AROUND')").all() as { message: string }[]).map((r) => r.message);
    return { settings: Object.fromEntries(rows.map((r) => [r.key, r.value])), issues };
  } finally {
    db.close();
  }
}

const withMargin = (text: string, before: string, sentence: string): string => text.replace(new RegExp(`^(?=.*${before})`, 'm'), `${sentence}\n`);

describe('a margin line inside an ethtool -i quoted as comments', () => {
  it.each([
    ['gve-python-comment', 'supports-statistics'],
    ['openvswitch-neutron-diag-script-comment-empty-bus', 'supports-test'],
  ])('%s: the fields before and after the sentence read as published', async (name, before) => {
    const published = await read(real(name));
    for (const line of ['The values below were read after the reboot.', 'Firmware: updated last week']) {
      const margin = await read(withMargin(real(name), before, line));
      expect(margin.settings, line).toEqual(published.settings);
      expect(margin.settings.driver, line).toBeDefined();
    }
  });
});
