import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHostileCorpus, GOOD, type HostileCase } from '../fixtures/hostile/build.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const cli = resolve('dist/cli/main.js');
const corpusDir = mkdtempSync(join(tmpdir(), 'fwsnap-hostile-'));
let cases: HostileCase[] = [];

beforeAll(async () => {
  if (!existsSync(cli)) spawnSync('npm', ['run', 'build']);
  cases = await buildHostileCorpus(corpusDir);
}, 120_000);

describe('hostile bundles', () => {
  it('the corpus covers every case the issue names', () => {
    expect(cases.map((c) => c.what)).toEqual(
      expect.arrayContaining(['path traversal', 'absolute name', 'directory path traversal', 'absolute directory name', 'symbolic link', 'hard link', 'device node', 'gzip bomb', 'tar bomb (entry count)', 'one huge entry',
        'truncated gzip', 'truncated tar', 'bit flip in the compressed stream', 'missing manifest', 'duplicated manifest', 'malformed manifest', 'hash mismatch',
        'deeply nested JSON', 'wrong format version', 'non-UTF-8 name', 'manifest lies about sizes']),
    );
  });

  it('each gives the documented exit code and a clear message, in bounded time, writing nothing outside --db', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const work = join(corpusDir, `work-${c.file}`);
      mkdirSync(work);
      const t0 = Date.now();
      const r = spawnSync(process.execPath, [cli, 'analyze', join(corpusDir, c.file), '--db', 'out.db', '--format', 'text'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
      const elapsed = Date.now() - t0;
      const said = `${r.stdout}\n${r.stderr}`;
      const want = Array.isArray(c.exit) ? c.exit : [c.exit];
      if (r.signal) failures.push(`${c.file}: killed by ${r.signal} after ${elapsed} ms`);
      if (!want.includes(r.status as 2 | 3)) failures.push(`${c.file}: exit ${r.status}, expected ${want.join(' or ')}\n${said.slice(0, 800)}`);
      if (/at .*\.js:\d+|TypeError|RangeError|SyntaxError: Unexpected/.test(r.stderr)) failures.push(`${c.file}: crashed:\n${r.stderr.slice(0, 800)}`);
      if (c.says && !said.includes(c.says)) failures.push(`${c.file}: output does not mention ${JSON.stringify(c.says)}:\n${said.slice(0, 800)}`);
      const left = readdirSync(work).filter((f) => !/^out\.db(-wal|-shm|-journal)?$/.test(f));
      if (left.length) failures.push(`${c.file}: wrote ${left.join(', ')} outside --db`);
      if (c.goodLoads) {
        const db = new Database(join(work, 'out.db'), { readonly: true });
        const n = (db.prepare(`SELECT COUNT(*) AS n FROM artifacts WHERE verified = 1 AND name IN (${GOOD.map(() => '?').join(',')})`).get(...GOOD.map((g) => g.name)) as { n: number }).n;
        db.close();
        if (n !== GOOD.length) failures.push(`${c.file}: ${n} of ${GOOD.length} intact artifacts loaded`);
      }
    }
    expect(existsSync('/tmp/fwsnap-evil')).toBe(false);
    expect(failures).toEqual([]);
  }, 600_000);
});
