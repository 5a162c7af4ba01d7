import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findOnPath } from './harness/prereqs.js';

/**
 * The lab's Ansible phase (docs/fleet.md): once the guest has done everything else, it starts the host's own sshd
 * (the guest runs the host's root) behind QEMU's forwarded port, and the host runs the real `ansible-playbook` with
 * docs/fleet/ansible/collect.yml against it as a one-host inventory: collect in the guest with the project's
 * collector, fetch the bundle to the controller, analyse it there. Everything the controller keeps lies in
 * `<result share>/ansible/` (see the layout in test/lab/guest/scenario.sh).
 */

/** The guest's name in the inventory: the fetched bundle is `ansible/bundles/lab-guest.tar.gz`. */
export const ANSIBLE_GUEST = 'lab-guest';
const SSHD = '/usr/sbin/sshd';
const GUEST_PYTHON = '/usr/bin/python3';

/** What the phase needs on the host; the guest uses the same files over the shared root. */
export function ansibleMissing(): string[] {
  const missing = ['ansible-playbook', 'ssh', 'ssh-keygen'].filter((t) => !findOnPath(t)).map((t) => (t === 'ansible-playbook' ? 'ansible-playbook (ansible)' : `${t} (openssh-client)`));
  if (!existsSync(SSHD)) missing.push(`${SSHD} (openssh-server)`);
  if (!existsSync(GUEST_PYTHON)) missing.push(`${GUEST_PYTHON} (python3, for Ansible's modules in the guest)`);
  return missing;
}

/** FWSNAP_LAB_ANSIBLE=0 leaves the phase out; without its tools it is left out too (and the scenario says why, failing in CI). */
export const LAB_ANSIBLE_WANTED = process.env.FWSNAP_LAB_ANSIBLE !== '0';
export const LAB_RUNS_ANSIBLE = LAB_ANSIBLE_WANTED && ansibleMissing().length === 0;

export interface AnsiblePhase {
  /** Host port QEMU forwards to the guest's sshd. */
  port: number;
  /** 0700 directory on the host: the controller's key, known_hosts, Ansible's local files. */
  privateDir: string;
}

/** A port the kernel just handed out on 127.0.0.1; QEMU binds it for the forward a moment later. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function keygen(file: string, comment: string): void {
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`ssh-keygen -f ${file} failed: ${r.stderr || r.error?.message}`);
}

/**
 * Keys made for this run only: the guest's host key and the key the guest authorizes go to the result share
 * (`ssh/`, which the guest copies to its tmpfs and the host removes after the phase); the controller's private key
 * and a known_hosts naming the guest's host key stay in a private directory.
 */
export async function prepareAnsiblePhase(outDir: string, cacheDir: string): Promise<AnsiblePhase> {
  const privateDir = mkdtempSync(join(cacheDir, 'ssh-'));
  const hostKey = join(privateDir, 'host_ed25519_key');
  const clientKey = join(privateDir, 'client_ed25519_key');
  keygen(hostKey, 'fwsnap-lab-guest');
  keygen(clientKey, 'fwsnap-lab-controller');
  const port = await freeLocalPort();
  const share = join(outDir, 'ssh');
  mkdirSync(share, { mode: 0o700 });
  copyFileSync(hostKey, join(share, 'host_ed25519_key'));
  copyFileSync(`${clientKey}.pub`, join(share, 'authorized_keys'));
  writeFileSync(join(privateDir, 'known_hosts'), `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8').trim()}\n`);
  return { port, privateDir };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Ends ansible-playbook and the ssh processes it started (its own process group). */
function killGroup(pid: number | undefined): void {
  try {
    if (pid) process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export interface AnsibleRunSpec {
  outDir: string;
  projectDir: string;
  /** The node binary the guest runs (the host's, over the shared root). */
  node: string;
  /** Settles when the guest is gone. */
  guest: Promise<unknown>;
  /** Wall-clock ms at which the host kills the guest: the play is killed 30 s before, so the guest can still finish. */
  deadlineAt: number;
}

/** The play's command line and environment (Ansible reads its settings from the environment here, no ansible.cfg). */
function playCommand(phase: AnsiblePhase, spec: AnsibleRunSpec, dir: string): { argv: string[]; env: NodeJS.ProcessEnv } {
  const cli = join(spec.projectDir, 'dist/cli/main.js');
  for (const p of [spec.node, cli, process.execPath]) if (/\s/.test(p)) throw new Error(`the Ansible phase splits its commands on spaces: ${p} has one`);
  const key = join(phase.privateDir, 'client_ed25519_key');
  writeFileSync(
    join(dir, 'inventory'),
    `[lab]\n${ANSIBLE_GUEST} ansible_host=127.0.0.1 ansible_port=${phase.port} ansible_user=root ansible_python_interpreter=${GUEST_PYTHON} ansible_ssh_private_key_file=${key}\n`,
  );
  writeFileSync(
    join(dir, 'vars.json'),
    JSON.stringify({
      fwsnap_bundles: join(dir, 'bundles'),
      // the guest's session is root already, and the host root has no sudo to rely on
      fwsnap_become: false,
      fwsnap_command: `${spec.node} ${cli}`,
      fwsnap_analyzer: `${process.execPath} ${cli}`,
      // the same per-source deadline as the lab's own collect: node under TCG is 10–30× slower than on hardware
      fwsnap_timeout: 60,
      fwsnap_report_format: 'json',
    }),
  );
  const ssh = [
    '-o ControlMaster=auto -o ControlPersist=10s',
    `-o UserKnownHostsFile=${join(phase.privateDir, 'known_hosts')} -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes`,
    '-o IdentitiesOnly=yes -o ServerAliveInterval=15',
  ].join(' ');
  return {
    argv: ['-i', join(dir, 'inventory'), join(spec.projectDir, 'docs/fleet/ansible/collect.yml'), '-e', `@${join(dir, 'vars.json')}`],
    env: {
      ...process.env,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_HOME: join(phase.privateDir, 'home'),
      ANSIBLE_LOCAL_TEMP: join(phase.privateDir, 'local'),
      // the guest's /root is the host's, read-only; /tmp is the guest's own tmpfs
      ANSIBLE_REMOTE_TEMP: '/tmp/ansible-remote',
      ANSIBLE_SSH_CONTROL_PATH_DIR: join(phase.privateDir, 'cp'),
      ANSIBLE_SSH_ARGS: ssh,
      // one Python start per task instead of three: each costs seconds under TCG
      ANSIBLE_PIPELINING: '1',
      ANSIBLE_TIMEOUT: '60',
      ANSIBLE_SSH_RETRIES: '3',
      LC_ALL: 'C.UTF-8',
    },
  };
}

/**
 * Waits until the guest writes `ssh-ready` (or is gone), runs the play, and always lets the guest go on by writing
 * `ansible-done`. Never rejects: what happened is left in `ansible/` (play.out, play.status, play.ms or error).
 */
export async function driveAnsible(phase: AnsiblePhase, spec: AnsibleRunSpec): Promise<void> {
  let guestGone = false;
  spec.guest.then(
    () => (guestGone = true),
    () => (guestGone = true),
  );
  const dir = join(spec.outDir, 'ansible');
  try {
    mkdirSync(dir, { recursive: true });
    while (!guestGone && !existsSync(join(spec.outDir, 'ssh-ready'))) await sleep(500);
    if (guestGone) {
      writeFileSync(join(dir, 'error'), 'the guest was gone before it wrote ssh-ready\n');
      return;
    }
    const { argv, env } = playCommand(phase, spec, dir);
    const out = openSync(join(dir, 'play.out'), 'w');
    const started = Date.now();
    let killed = false;
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn('ansible-playbook', argv, { env, cwd: dir, detached: true, stdio: ['ignore', out, out] });
      const timer = setTimeout(() => {
        killed = true;
        killGroup(child.pid);
      }, Math.max(0, spec.deadlineAt - 30_000 - Date.now()));
      const killOnExit = (): void => killGroup(child.pid);
      process.once('exit', killOnExit);
      child.once('error', (e) => {
        clearTimeout(timer);
        process.removeListener('exit', killOnExit);
        writeFileSync(join(dir, 'error'), `cannot start ansible-playbook: ${e.message}\n`);
        resolve(null);
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        process.removeListener('exit', killOnExit);
        resolve(code);
      });
    });
    closeSync(out);
    writeFileSync(join(dir, 'play.status'), `${killed ? 'killed at the deadline' : status}\n`);
    writeFileSync(join(dir, 'play.ms'), `${Date.now() - started}\n`);
  } catch (e) {
    writeFileSync(join(dir, 'error'), `${e instanceof Error ? e.message : String(e)}\n`);
  } finally {
    writeFileSync(join(spec.outDir, 'ansible-done'), 'ok\n');
    rmSync(join(spec.outDir, 'ssh'), { recursive: true, force: true });
    rmSync(phase.privateDir, { recursive: true, force: true });
  }
}
