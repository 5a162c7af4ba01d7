import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../faults/fault-helpers.js';
import { writeBundle } from '../helpers/bundle.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

/** A system call failing on an input or an output is one line in words, status 2, never "internal error". */
describe('inputs that cannot be read and outputs that cannot be created', () => {
  beforeAll(ensureBuilt);

  it('import of a file whose read fails (EIO: /proc/self/mem at offset 0) names it and the error', async () => {
    const out = join(tempDir(), 'x.tar.gz');
    const r = await runCli(['import', '/proc/self/mem', '-o', out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toBe('fwsnap import: /proc/self/mem: cannot be read (i/o error, EIO)\n');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('an output in a directory that is there but takes no new file (/proc answers ENOENT) is not called a missing directory', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tree/proc/sys/kernel'), { recursive: true });
    writeFileSync(join(dir, 'tree/proc/sys/kernel/osrelease'), '6.1.0\n');
    const out = `/proc/fwsnap-test-${process.pid}.tar.gz`;
    const r = await runCli(['collect', '--root', join(dir, 'tree'), '-o', out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain(`cannot write ${out}: no file can be created in /proc (ENOENT)`);
    const missing = join(dir, 'no-such-dir', 'b.tar.gz');
    const m = await runCli(['collect', '--root', join(dir, 'tree'), '-o', missing]);
    expect(m.status, m.stderr).toBe(2);
    expect(m.stderr).toContain(`cannot write ${missing}: the directory ${join(dir, 'no-such-dir')} does not exist`);
  }, 60_000);

  it('a redaction map in a missing directory is named, not the temporary file it is first written as', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.tar.gz');
    await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    const map = join(dir, 'no-such-dir', 'map.json');
    const r = await runCli(['redact', good, join(dir, 'out.tar.gz'), '--map', map]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`fwsnap redact: cannot write redaction map ${map}: the directory ${join(dir, 'no-such-dir')} does not exist; no bundle was written\n`);
    expect(readdirSync(dir)).toEqual(['good.tar.gz']);
  }, 60_000);
});
