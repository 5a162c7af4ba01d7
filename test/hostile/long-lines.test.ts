/**
 * A hostile captured tree whose saved outputs are one long line of a repeated shape: every text parser and the text
 * layer under them must read it in time linear in its length. Each shape here once took a pattern quadratic in the
 * line: `[[[…]]]` (a deep JSON array saved under a text tool's name) the Markdown-link undoing, `: : : ` and `= = = `
 * the search for a person's note after a value (a look back to the line's start from every space), `####…` the
 * heading-framed command and the prompt-then-tool patterns, `@@@…` the prompts' `user@host` (any sign could be the one
 * between user and host), `\\n\\n…` (an output inside a log line's escapes) the search for a fence opening glued to a
 * block's first line (each line looked at every line before it). At 200,000 characters a quadratic pattern takes
 * minutes per artifact; read linearly, the whole bundle takes seconds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_TOOL_NAMES as NAMES } from '../../bench/text-tool-names.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const LENGTH = 200_000;
const BOUND_MS = 60_000;


const SHAPES: Record<string, string> = {
  'deep JSON array': '['.repeat(LENGTH / 2) + ']'.repeat(LENGTH / 2),
  'colon and space': ': '.repeat(LENGTH / 2),
  'equals and space': '= '.repeat(LENGTH / 2),
  'hashes': '#'.repeat(LENGTH),
  'at signs': '@'.repeat(LENGTH),
  'escaped newlines': '\\n'.repeat(LENGTH / 2),
};

describe('one long line of a repeated shape under every text tool\'s name', () => {
  for (const [shape, text] of Object.entries(SHAPES)) {
    it(`${shape}: collected and analyzed in linear time, no stack trace`, async () => {
      const dir = tempDir();
      for (const name of NAMES) {
        const path = join(dir, 'tree', 'cmd', name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      const bundle = join(dir, 'b.tar.gz');
      const c = await runCli(['collect', '--root', join(dir, 'tree'), '-o', bundle], { cwd: dir, timeoutMs: 300_000 });
      expect(c.status, c.stderr).toBe(0);
      const a = await runCli(['analyze', bundle, '--db', join(dir, 'a.db'), '--jobs', '1', '--format', 'json'], { cwd: dir, timeoutMs: 300_000 });
      const said = `${shape}: exit ${a.status}, ${a.ms} ms\n${a.stderr.slice(0, 400)}`;
      expect(a.stderr, said).not.toMatch(STACK_TRACE);
      expect([0, 1], said).toContain(a.status);
      expect(a.ms, said).toBeLessThan(BOUND_MS);
    }, 700_000);
  }
});
