import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../analyzer/report/model.js';
import { analyzeLabBundle } from '../lab-analyze.js';
import { ANSIBLE_GUEST, ansibleMissing, LAB_ANSIBLE_WANTED } from '../lab-ansible.js';
import { loadLabBundle, type LabBundle } from '../lab-bundle.js';
import { PROJECT_DIR, type LabRun } from '../lab-machine.js';

/**
 * docs/fleet/ansible/collect.yml run by the real `ansible-playbook` on the host against the lab guest over SSH
 * (test/lab/lab-ansible.ts): it collects in the guest with the project's collector, fetches the bundle to the
 * controller and analyses it there. The fetched bundle must verify and hold the devices the lab's own collect saw.
 */

/** What identifies a device and its firmware in the inventory; names and findings come from the same rows. */
const identity = (r: Report): string[] =>
  r.inventory
    .map((d) =>
      [d.class, d.key, `${d.vendorId}:${d.deviceId}`, d.driver, d.serial, d.model, d.firmware.map((f) => `${f.component}=${f.version}(${f.state})`).sort().join(' ')].join(' | '),
    )
    .sort();

export function ansibleScenario(lab: () => LabRun): void {
  const missing = ansibleMissing();
  if (!LAB_ANSIBLE_WANTED) return;
  if (missing.length) {
    describe('Ansible playbook against the lab guest over SSH', () => {
      it.runIf(Boolean(process.env.CI))('needs its tools in CI', () => {
        throw new Error(`CI is set but the lab's Ansible phase lacks: ${missing.join(', ')} (.ci/run installs them)`);
      });
      it.skipIf(Boolean(process.env.CI))(`skipped: missing ${missing.join(', ')}`, () => undefined);
    });
    return;
  }

  describe('Ansible playbook against the lab guest over SSH', () => {
    const dir = (): string => join(lab().outDir, 'ansible');
    const text = (name: string): string => {
      const path = join(dir(), name);
      return existsSync(path) ? readFileSync(path, 'utf8') : '';
    };
    const fetchedPath = (): string => join(dir(), 'bundles', `${ANSIBLE_GUEST}.tar.gz`);
    let fetched: Promise<LabBundle> | undefined;
    const fetchedBundle = (): Promise<LabBundle> => (fetched ??= loadLabBundle(fetchedPath()));

    it('the guest served SSH and the real ansible-playbook ran the playbook to the end', () => {
      expect(lab().text('ssh-ready'), `the guest never started sshd; console: ${lab().boot.consoleTail}`).toBeDefined();
      expect(text('error'), 'the host could not run the play').toBe('');
      const out = text('play.out');
      const status = text('play.status').trim();
      expect(status, `ansible-playbook ended with ${status || 'no status'} (the lab's deadline grows by 240 s for it: FWSNAP_LAB_TIMEOUT); its output ends:\n${out.slice(-4000)}`).toBe('0');
      // the guest's sshd let the controller in with this run's key, through QEMU's forward (slirp's host is 10.0.2.2)
      expect(lab().text('sshd.log')).toMatch(/Accepted publickey for root from 10\.0\.2\.2 /);
      expect(out).toMatch(new RegExp(`^${ANSIBLE_GUEST}\\s+: ok=\\d+\\s+changed=\\d+\\s+unreachable=0\\s+failed=0`, 'm'));
      // the collector ran in the guest, and the playbook's cleanup ran there too
      expect(out).toMatch(new RegExp(`TASK \\[Collect\\][^\\n]*\\n(?:[^\\n]*\\n)*?changed: \\[${ANSIBLE_GUEST}\\]`));
      expect(out).toMatch(new RegExp(`TASK \\[Remove the working directory\\][^\\n]*\\n(?:[^\\n]*\\n)*?changed: \\[${ANSIBLE_GUEST}\\]`));
    });

    it('the bundle fetched to the controller verifies, and it is a new collection of the guest as root', async () => {
      const verify = spawnSync(process.execPath, [join(PROJECT_DIR, 'dist/cli/main.js'), 'verify', fetchedPath()], { encoding: 'utf8', timeout: 60_000 });
      expect({ status: verify.status, stderr: verify.stderr }).toEqual({ status: 0, stderr: '' });
      const bundle = await fetchedBundle();
      expect(bundle.problems).toEqual([]);
      const own = lab().bundle().manifest!.host;
      const host = bundle.manifest!.host;
      expect({ hostname: host.hostname, kernel: host.kernelRelease, root: host.root, from: host.collectedFrom }).toEqual({ hostname: own.hostname, kernel: own.kernelRelease, root: true, from: 'host' });
      expect(Date.parse(host.time)).toBeGreaterThan(Date.parse(own.time));
      expect(bundle.manifest!.issues).toEqual([]);
    });

    it('it holds the guest\'s devices: the same inventory, ids, drivers and firmware as the lab\'s own collect', () => {
      const report = JSON.parse(text('bundles/report.json') || '{}') as Report;
      expect(report.bundles?.map((b) => b.complete)).toEqual([true]);
      const own = identity(analyzeLabBundle(lab()));
      expect(own.length).toBeGreaterThanOrEqual(10);
      expect(identity(report)).toEqual(own);
      // the lab's devices are among them
      expect(own.join('\n')).toMatch(/FWSNAPLABNVME01/);
      expect(own.join('\n')).toMatch(/EK0800JVYPN/);
    });
  });
}
