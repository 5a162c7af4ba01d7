import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootGuest } from './harness/boot.js';
import { labCacheDir } from './harness/cache.js';
import { stageGuestSteps, type LabGuestStep } from './harness/guest-step.js';
import { buildInitramfs } from './harness/initramfs.js';
import { findLabTools, LabPrerequisiteError } from './harness/prereqs.js';
import { driveAnsible, LAB_RUNS_ANSIBLE, prepareAnsiblePhase } from './lab-ansible.js';
import { startSwtpm } from './harness/swtpm.js';
import { composeMachine, type LabMachine, type LabMachinePart } from './harness/machine-part.js';
import { stageReferenceTools } from './harness/reference-tools.js';
import { readLabResults, type LabRun } from './lab-results.js';

export type { LabRun } from './lab-results.js';

/**
 * Debian's `sos report` in the guest, for the import differential (test/lab/scenarios/sos-import.ts);
 * FWSNAP_LAB_SOS=0 leaves it out. Only the plugins whose data fwsnap reads (kernel for `uname -a`, scsi for lsscsi);
 * under TCG sos runs last, alone (156 s under TCG on a 2-core machine under a load of 20), and the guest's deadline grows by SOS_EXTRA_S.
 */
export const LAB_RUNS_SOS = process.env.FWSNAP_LAB_SOS !== '0' && ['/usr/bin/sos', '/usr/sbin/sos'].some((p) => existsSync(p));
export const LAB_SOS_PLUGINS = 'pci,networking,nvme,kernel,host,processor,scsi';
const SOS_EXTRA_S = 150;
/** The Ansible phase (test/lab/lab-ansible.ts): a second collection in the guest plus a Python start per task. */
const ANSIBLE_EXTRA_S = 240;

/**
 * Whole-run deadline: the lab must stay under 3 minutes (5½ with sos report, 4 more with the Ansible phase), so a
 * guest that runs longer is killed. FWSNAP_LAB_TIMEOUT (seconds) raises it on a machine that is busy with other work.
 */
export const GUEST_TIMEOUT_MS = (Number(process.env.FWSNAP_LAB_TIMEOUT) || 180 + (LAB_RUNS_SOS ? SOS_EXTRA_S : 0) + (LAB_RUNS_ANSIBLE ? ANSIBLE_EXTRA_S : 0)) * 1000;
/** Per-source deadline for the collector in the guest: TCG runs node 10–30× slower than hardware. */
const COLLECT_TIMEOUT_S = 60;
/**
 * `fwsnap collect` and `fwsnap check` in the guest are each killed after this many seconds, so a hung collector fails
 * its own checks before the guest's deadline. Under TCG a collection took 38–44 s with the host idle and 104–114 s at a
 * load of 13–18 (docs/lab.md), past a fixed 120 s above that: a third of the guest's deadline (190 s with sos and the
 * Ansible phase; FWSNAP_LAB_TIMEOUT, for a busy machine, raises both), 120 s at least.
 */
export const TOOL_KILL_S = Math.max(120, Math.floor(GUEST_TIMEOUT_MS / 3000));

/**
 * sos is killed a minute before the guest's deadline (less the Ansible phase's time, which comes after it), at 240 s
 * at least: FWSNAP_LAB_TIMEOUT gives it more time too.
 */
const sosTimeoutS = (): number => Math.max(240, Math.floor(GUEST_TIMEOUT_MS / 1000) - 60 - (LAB_RUNS_ANSIBLE ? ANSIBLE_EXTRA_S : 0));

/** `fwsnap check` in the guest is a second full collection (~25 s under TCG); FWSNAP_LAB_CHECK=0 leaves it out. */
export const LAB_RUNS_CHECK = process.env.FWSNAP_LAB_CHECK !== '0';

export const PROJECT_DIR = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));
const SCENARIO_SCRIPT = join(PROJECT_DIR, 'test/lab/guest/scenario.sh');
/** Directories the guest covers with tmpfs: anything the guest must read from the host cannot live there. */
const GUEST_TMPFS = ['/tmp', '/run', '/var/tmp'];

function hiddenInGuest(path: string): string | undefined {
  return GUEST_TMPFS.find((d) => path === d || path.startsWith(`${d}/`));
}

function runFile(node: string, machine: LabMachine, sshMac: string | undefined): string {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    `export LAB_OUT=/run/lab LAB_PROJECT=${q(PROJECT_DIR)} LAB_NODE=${q(node)}`,
    `export LAB_BUSES=${q(machine.buses.join(' '))} LAB_WAIT=${q(machine.wait.join(' '))} LAB_MODULES=${q(machine.modules.join(' '))} LAB_SSH_MAC=${q(sshMac ?? '')}`,
    `export LAB_COLLECT_TIMEOUT=${COLLECT_TIMEOUT_S} LAB_KILL_AFTER=${TOOL_KILL_S} LAB_CHECK=${LAB_RUNS_CHECK ? 1 : 0} LAB_SOS=${LAB_RUNS_SOS ? 1 : 0} LAB_SOS_PLUGINS=${LAB_SOS_PLUGINS} LAB_SOS_TIMEOUT=${sosTimeoutS()} LAB_ANSIBLE=${LAB_RUNS_ANSIBLE ? 1 : 0}`,
    `exec /bin/bash ${q(SCENARIO_SCRIPT)}`,
    '',
  ].join('\n');
}

/** Boots the lab guest once with every scenario's devices (its machine parts) and guest steps, and gathers what it left behind. */
export async function runLab(qemu: string, steps: readonly LabGuestStep[] = [], parts: readonly LabMachinePart[] = []): Promise<LabRun> {
  const machine = composeMachine(parts);
  const tools = findLabTools(qemu);
  const node = realpathSync(process.execPath);
  for (const [what, p] of [['the project', PROJECT_DIR], ['node', node]] as const) {
    if (/\s/.test(p) && hiddenInGuest(p)) throw new LabPrerequisiteError(`${what} (${p}) lies under a directory the guest covers with tmpfs and has a space in its path`);
  }
  if (!existsSync(join(PROJECT_DIR, 'dist/cli/main.js'))) throw new LabPrerequisiteError('dist/cli/main.js is missing: run `npm run build` before the lab');

  mkdirSync(labCacheDir(), { recursive: true });
  const initramfs = buildInitramfs(tools);
  // The guest boots through UEFI (OVMF), so it starts the bzImage through its EFI stub: QEMU's PVH entry is a
  // SeaBIOS-only path (and under it the RSDT reads as garbage once a TPM is attached, which disables ACPI). OVMF
  // costs about 4 s of a TCG boot more than SeaBIOS; decompressing the bzImage about 3 s.
  const kernel = tools.kernel.image;
  const outDir = mkdtempSync(join(labCacheDir(), 'run-'));
  stageReferenceTools(machine.tools, outDir);
  await stageGuestSteps(steps, { kernelVersion: tools.kernel.version, cacheDir: labCacheDir() }, outDir);
  // OVMF writes its variable store (boot entries, the memory-type statistics): each run gets a fresh copy.
  const uefi = { code: tools.uefi.code, vars: join(outDir, 'ovmf-vars.fd') };
  copyFileSync(tools.uefi.varsTemplate, uefi.vars);
  const expose = [PROJECT_DIR, dirname(node)].filter((p) => hiddenInGuest(p));
  const ansible = LAB_RUNS_ANSIBLE ? await prepareAnsiblePhase(outDir, labCacheDir()) : undefined;
  const swtpm = await startSwtpm(tools.swtpm, labCacheDir());
  // The guest's sshd listens on the NIC QEMU forwards the host's port to; the guest finds it by its MAC address.
  let sshMac: string | undefined;
  const devices = machine.devices.map((d) => {
    if (d.kind === 'tpm-crb') return { ...d, socket: swtpm.socket };
    if (d.kind === 'e1000e' && ansible && sshMac === undefined) {
      sshMac = d.mac;
      return { ...d, sshPort: ansible.port };
    }
    return d;
  });
  writeFileSync(join(outDir, 'run'), runFile(node, machine, sshMac));
  const deadlineAt = Date.now() + GUEST_TIMEOUT_MS;
  const booting = bootGuest(tools.qemu, { kernel, initramfs, outDir, devices, expose, uefi }, GUEST_TIMEOUT_MS).finally(() => swtpm.stop());
  const playing = ansible && driveAnsible(ansible, { outDir, projectDir: PROJECT_DIR, node, guest: booting, deadlineAt });
  const boot = await booting;
  await playing;

  if (boot.timedOut) throw new Error(`the lab guest did not power off within ${GUEST_TIMEOUT_MS / 1000} s and was killed; results kept in ${outDir}\n${boot.consoleTail}`);
  if (!existsSync(join(outDir, 'done'))) throw new Error(`the lab guest stopped before its scenario script finished (QEMU exit ${boot.exitCode}); results kept in ${outDir}\n${boot.consoleTail}`);
  return readLabResults(outDir, boot);
}

let shared: Promise<LabRun> | undefined;

/**
 * The one lab run of this test process (every scenario shares it). FWSNAP_LAB_RESULTS=<dir> checks the
 * results an earlier run kept (FWSNAP_LAB_KEEP=1) instead of booting.
 */
export function sharedLab(qemu: string, steps: readonly LabGuestStep[] = [], parts: readonly LabMachinePart[] = []): Promise<LabRun> {
  const kept = process.env.FWSNAP_LAB_RESULTS;
  shared ??= kept ? readLabResults(kept) : runLab(qemu, steps, parts);
  return shared;
}

/** Removes the run's result share unless FWSNAP_LAB_KEEP is set (then its path is printed). */
export function cleanupLab(run: LabRun | undefined): void {
  if (!run || process.env.FWSNAP_LAB_RESULTS) return;
  if (process.env.FWSNAP_LAB_KEEP) {
    process.stderr.write(`fwsnap lab: results kept in ${run.outDir}\n`);
    return;
  }
  rmSync(run.outDir, { recursive: true, force: true });
}
