import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * The shell's own messages after a command (a crash's `Segmentation fault (core dumped)`, `Killed`, a tool it could not
 * find) are no lines of the tool's output: named once as the shell's (PASTE-SHELL), never an unread line of the parser.
 */

const SEGFAULT = readFileSync(new URL('fixtures/real/devlink-param/mlx5-flow-steering-mode-no-value-segfault.txt', import.meta.url), 'utf8');

async function issuesOf(text: string, savedAs: string): Promise<{ unread: string[]; shell: string[] }> {
  const dir = tempDir();
  const saved = join(dir, 'tree', savedAs);
  mkdirSync(dirname(saved), { recursive: true });
  writeFileSync(saved, text);
  const bundle = join(dir, 'b.tar.gz');
  await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
  const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
  try {
    const of = (code: string): string[] => (db.prepare('SELECT message FROM collection_issues WHERE code = ?').all(code) as { message: string }[]).map((r) => r.message);
    return { unread: of('PARSE-LINE'), shell: of('PASTE-SHELL') };
  } finally {
    db.close();
  }
}

describe("the shell's messages in a saved output", () => {
  // Real form: a pull request's devlink param session, `devlink dev param set` crashing under the show.
  it('a crash after devlink dev param set is the shell\'s, named once, not an unread param line', async () => {
    const r = await issuesOf(SEGFAULT, 'cmd/devlink/devlink dev param show.txt');
    expect(r.unread).toEqual([]);
    expect(r.shell).toEqual([
      'line 15: "Segmentation fault (core dumped)" is the shell\'s message after "devlink dev param set pci/0000:08:00.0 name flow_steering_mode value smfs  cmode runtime", not the tool\'s output',
    ]);
  });

  it.each(['Killed', 'Aborted (core dumped)', 'bash: devlink: command not found', 'sudo: devlink: command not found', 'zsh: command not found: devlink'])(
    'so is %s in its place',
    async (message) => {
      const r = await issuesOf(SEGFAULT.replace('Segmentation fault (core dumped)', message), 'cmd/devlink/devlink dev param show.txt');
      expect(r.unread).toEqual([]);
      expect(r.shell).toHaveLength(1);
      expect(r.shell[0]).toContain(JSON.stringify(message));
    },
  );

  it('a line of a tool that only looks like one stays the parser\'s', async () => {
    const r = await issuesOf(SEGFAULT.replace('Segmentation fault (core dumped)', 'Segmentation faults seen: 3'), 'cmd/devlink/devlink dev param show.txt');
    expect(r.shell).toEqual([]);
    expect(r.unread).toHaveLength(1);
  });
});
