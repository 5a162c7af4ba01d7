/**
 * `-` as an output that cannot go to stdout (redact OUT, import -o, --map) is a usage error: it used to write a file
 * named "-" in the current directory (and its redaction map beside it, "-.redaction-map.json").
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../helpers/bundle.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';

describe('- as an output that is written to a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-output-dash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const good = join(dir, 'good.tar.gz');
  const report = join(dir, 'sosreport-host');
  const work = join(dir, 'cwd');
  beforeAll(async () => {
    await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    mkdirSync(join(report, 'sos_commands', 'host'), { recursive: true });
    writeFileSync(join(report, 'sos_commands', 'host', 'hostname'), 'host7\n');
    mkdirSync(work);
  });

  it.each([
    [['redact', good, '-'], 'OUT'],
    [['redact', good, join(dir, 'r.tar.gz'), '--map', '-'], '--map'],
    [['import', report, '-o', '-'], '-o'],
    [['import', report, '-o', join(dir, 'i.tar.gz'), '--redact', '--map', '-'], '--map'],
  ])('%j: status 2, one line, no file written', async (args, option) => {
    const r = await runCli(args, { cwd: work });
    expect(r.stderr).toMatch(new RegExp(`^fwsnap (redact|import): ${option.replace('-', '\\-')} -: this output is written to a file, not to standard output; give a file name\n$`));
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(2);
    expect(readdirSync(work)).toEqual([]);
    expect(existsSync(join(dir, 'r.tar.gz')) || existsSync(join(dir, 'i.tar.gz'))).toBe(false);
  }, 60_000);

  it('collect -o - still writes the bundle to stdout', async () => {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'proc', 'sys', 'kernel'), { recursive: true });
    writeFileSync(join(root, 'proc', 'sys', 'kernel', 'osrelease'), '6.1.0\n');
    const r = await runCli(['collect', '--root', root, '-o', '-'], { cwd: work });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(readdirSync(work)).toEqual([]);
  }, 60_000);
});
