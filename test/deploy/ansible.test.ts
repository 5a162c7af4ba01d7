import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, fwsnap } from '../cli/cli-helpers.js';

/** docs/fleet/ansible/collect.yml run by the real ansible-playbook against this host, as a fleet of local hosts. */
const PLAYBOOK = resolve('docs/fleet/ansible/collect.yml');
const ansible = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' });
const haveAnsible = ansible.status === 0;
if (!haveAnsible && process.env.CI) throw new Error('ansible-playbook is missing (CI installs Debian\'s ansible)');

interface Run {
  status: number | null;
  out: string;
  bundles: string;
}

function play(dir: string, inventory: string, vars: Record<string, unknown>): Run {
  const inv = join(dir, 'inventory');
  writeFileSync(inv, inventory);
  const bundles = join(dir, 'bundles');
  writeFileSync(join(dir, 'vars.json'), JSON.stringify({ fwsnap_bundles: bundles, fwsnap_become: false, ...vars }));
  const r = spawnSync('ansible-playbook', ['-i', inv, PLAYBOOK, '-e', `@${join(dir, 'vars.json')}`], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-local'), ANSIBLE_REMOTE_TEMP: join(dir, 'ansible-remote'), LC_ALL: 'C.UTF-8' },
  });
  return { status: r.status, out: r.stdout + r.stderr, bundles };
}

const node = `${process.execPath} ${CLI}`;
const FLEET = '[fleet]\nhost-a ansible_connection=local\nhost-b ansible_connection=local\n';

describe.skipIf(!haveAnsible)('Ansible playbook (docs/fleet/ansible/collect.yml)', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-ansible-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('collects on every host with the npm install, fetches the bundles and analyses them into one database', () => {
    const work = mkdtempSync(join(dir, 'npm-'));
    const r = play(work, FLEET, { fwsnap_command: node, fwsnap_analyzer: node, fwsnap_collect_args: '--only cpu,platform' });
    expect(r.status, r.out).toBe(0);
    expect(readdirSync(r.bundles).sort()).toEqual(['fleet.db', 'host-a.tar.gz', 'host-b.tar.gz', 'report.md']);
    for (const h of ['host-a', 'host-b']) expect(fwsnap(['verify', join(r.bundles, `${h}.tar.gz`)]).status).toBe(0);
    const q = fwsnap(['query', join(r.bundles, 'fleet.db'), 'SELECT count(*) AS n FROM bundles', '--format', 'json']);
    expect(q.status, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 2 }]);
    expect(readFileSync(join(r.bundles, 'report.md'), 'utf8')).toMatch(/^## fwsnap report/m);
    // the working directories on the hosts are gone
    expect(r.out).toMatch(/Remove the working directory/);
  }, 300_000);

  it('copies the single-file collector to the hosts and runs it there (with redaction: the map stays on the controller)', () => {
    const work = mkdtempSync(join(dir, 'exe-'));
    const exeDir = join(work, 'exe');
    const built = spawnSync('npm', ['run', '--silent', 'build:collector'], { encoding: 'utf8', env: { ...process.env, FWSNAP_EXE_OUT: exeDir }, timeout: 300_000 });
    expect(built.status, built.stderr).toBe(0);
    const exe = join(exeDir, `fwsnap-collector-linux-${process.arch}`);
    expect(existsSync(exe)).toBe(true);
    const r = play(work, '[fleet]\nhost-c ansible_connection=local\n', {
      fwsnap_collector: exe,
      fwsnap_analyzer: node,
      fwsnap_collect_args: '--only cpu --redact',
      fwsnap_report_format: 'json',
    });
    expect(r.status, r.out).toBe(0);
    expect(readdirSync(r.bundles).sort()).toEqual(['fleet.db', 'host-c.redaction-map.json', 'host-c.tar.gz', 'report.json']);
    expect(fwsnap(['verify', join(r.bundles, 'host-c.tar.gz')]).status).toBe(0);
    const report = JSON.parse(readFileSync(join(r.bundles, 'report.json'), 'utf8')) as { bundles?: unknown[] };
    expect(report.bundles).toHaveLength(1);
  }, 300_000);

  it('a host whose collection fails costs that host only: the others are still fetched and analysed', () => {
    const work = mkdtempSync(join(dir, 'fail-'));
    const inventory = `${FLEET}host-broken ansible_connection=local fwsnap_command=/nonexistent/fwsnap\n[fleet:vars]\nfwsnap_command="${node}"\nfwsnap_collect_args="--only cpu"\n`;
    const r = play(work, inventory, { fwsnap_analyzer: node });
    expect(r.status, r.out).not.toBe(0);
    expect(r.out).toMatch(/host-broken.*FAILED|fatal: \[host-broken\]/);
    expect(readdirSync(r.bundles).sort()).toEqual(['fleet.db', 'host-a.tar.gz', 'host-b.tar.gz', 'report.md']);
  }, 300_000);
});
