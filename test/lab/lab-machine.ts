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
import type { LabDevice } from './harness/qemu-args.js';
import { readLabResults, type LabRun } from './lab-results.js';

export type { LabRun } from './lab-results.js';

/**
 * libata quirk entry `ST31500341AS` / `SD1[5-9]` → NONCQ + FIRMWARE_WARN (analyzer-facts §3a, row 11).
 * Both effects are logged: "WARNING: device requires firmware update…" and "NCQ (not used)".
 */
export const ATA_QUIRKED = { model: 'ST31500341AS', firmware: 'SD15', serial: 'FWSNAPLABQUIRK01' } as const;
/** Same model, firmware outside SD1[5-9]: the kernel applies nothing. */
export const ATA_NEAR_MISS = { model: 'ST31500341AS', firmware: 'SD1A', serial: 'FWSNAPLABNEAR01' } as const;
/**
 * HPE SAS SSD EK0800JVYPN: firmware before HPD7 fails at 40,000 power-on hours (rule scsi.hpe-sas-ssd.40000-hours).
 * HPD6 on the MegaRAID controller fires; HPD7, the fix, on the SAS1068 stays quiet.
 */
export const SCSI_FIRING = { vendor: 'HP', product: 'EK0800JVYPN', revision: 'HPD6', serial: 'FWSNAPLABSAS01', wwn: '0x5000c50030aa0001' } as const;
export const SCSI_QUIET = { vendor: 'HP', product: 'EK0800JVYPN', revision: 'HPD7', serial: 'FWSNAPLABSAS02', wwn: '0x5000c50030aa0002' } as const;
/**
 * Two simulated Dell BMCs (IANA 0x0002A2, product 0x0100, device id 0x20: the Get Device ID answer of every iDRAC).
 * QEMU's ipmi-bmc-sim keeps only the low 4 bits of device_rev, and its realize sets the IPMI version to 2.0 and the
 * device id to 0x20 whatever the properties say, so neither can be the IPMI 1.5 PowerEdge 8G BMC that
 * platform.bmc-dell-oem-data-quirk looks for: both are its near misses (its firing cases are its raw-byte tests).
 * platform.dell-idrac-ipmi15-session-id (CVE-2014-8272) tells the iDRAC generation by the device revision: the
 * iDRAC6 at 1.40 (revision 0, below 1.98) fires, the iDRAC7 at 1.57 (revision 1, 1.57.57 is its fix) stays quiet.
 */
export const BMC_FIRING = { ioport: 0xca2, deviceId: 0x20, deviceRev: 0, fwrev1: 1, fwrev2: 0x40, ipmiVersion: 0x51, mfgId: 0x0002a2, productId: 0x0100, guid: '6f0c2a51-3e1d-4c77-9a0b-5d2f1e3c4b01' } as const;
export const BMC_QUIET = { ioport: 0xca8, deviceId: 0x20, deviceRev: 1, fwrev1: 1, fwrev2: 0x57, ipmiVersion: 0x02, mfgId: 0x0002a2, productId: 0x0100, guid: '6f0c2a51-3e1d-4c77-9a0b-5d2f1e3c4b02' } as const;
/**
 * Two CXL memory devices on one host bridge: one with a Device Serial Number (cxl.serial-missing stays quiet), one
 * without (QEMU adds no DSN capability and the kernel reads serial 0: the rule fires).
 */
export const CXL_WITH_SERIAL = { id: 'cxl-mem-sn', serial: '0x5a5a00c0ffee0001' } as const;
export const CXL_NO_SERIAL = { id: 'cxl-mem-nosn' } as const;
/** QEMU 7.2's Identify Memory Device answer (hw/cxl/cxl-mailbox-utils.c: "BWFW VERSION %02d" of 0). */
export const CXL_QEMU_FW_REVISION = 'BWFW VERSION 00';
export const NVME_SERIAL = 'FWSNAPLABNVME01';
export const NIC_MAC = '52:54:00:f5:1a:b0';

/** One guest carries every scenario's devices: one boot costs ~5 s, each extra boot as much again. */
export const LAB_DEVICES: readonly LabDevice[] = [
  { kind: 'pcie-root-port', id: 'rp-nvme', chassis: 1, slot: 1, speed: '8', width: 4 },
  { kind: 'pcie-root-port', id: 'rp-nic', chassis: 2, slot: 2, speed: '2_5', width: 1 },
  { kind: 'nvme', id: 'nvme-lab', serial: NVME_SERIAL, bus: 'rp-nvme' },
  { kind: 'e1000e', id: 'nic-lab', mac: NIC_MAC, bus: 'rp-nic' },
  { kind: 'ata-disk', id: 'ata-quirked', port: 0, ...ATA_QUIRKED },
  { kind: 'ata-disk', id: 'ata-near-miss', port: 1, ...ATA_NEAR_MISS },
  { kind: 'scsi-hba', id: 'hba-megasas', model: 'megasas' },
  { kind: 'scsi-disk', id: 'sas-firing', hba: 'hba-megasas', ...SCSI_FIRING },
  { kind: 'scsi-hba', id: 'hba-mptsas', model: 'mptsas1068' },
  { kind: 'scsi-disk', id: 'sas-quiet', hba: 'hba-mptsas', ...SCSI_QUIET },
  // The harness starts a swtpm for it and fills in the socket.
  { kind: 'tpm-crb', id: 'tpm-lab', socket: '' },
  { kind: 'ipmi-bmc', id: 'bmc-firing', ...BMC_FIRING },
  { kind: 'ipmi-bmc', id: 'bmc-quiet', ...BMC_QUIET },
  { kind: 'cxl-host-bridge', id: 'cxl-hb', busNr: 0x30, windowGiB: 4 },
  { kind: 'cxl-type3', bridge: 'cxl-hb', port: 0, chassis: 3, slot: 0, ...CXL_WITH_SERIAL },
  { kind: 'cxl-type3', bridge: 'cxl-hb', port: 1, chassis: 3, slot: 1, ...CXL_NO_SERIAL },
];

/** Paths the guest waits for before it runs any tool. */
const GUEST_WAIT = ['/sys/class/nvme/nvme0', '/sys/block/nvme0n1', '/sys/block/sda', '/sys/block/sdb', '/sys/block/sdc', '/sys/block/sdd', '/sys/class/tpm/tpm0', '/sys/devices/platform/ipmi_bmc.0', '/sys/devices/platform/ipmi_bmc.1', '/sys/bus/cxl/devices/mem0', '/sys/bus/cxl/devices/mem1'];

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

function runFile(node: string): string {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    `export LAB_OUT=/run/lab LAB_PROJECT=${q(PROJECT_DIR)} LAB_NODE=${q(node)}`,
    `export LAB_WAIT=${q(GUEST_WAIT.join(' '))} LAB_COLLECT_TIMEOUT=${COLLECT_TIMEOUT_S} LAB_CHECK=${LAB_RUNS_CHECK ? 1 : 0} LAB_SOS=${LAB_RUNS_SOS ? 1 : 0} LAB_SOS_PLUGINS=${LAB_SOS_PLUGINS} LAB_SOS_TIMEOUT=${sosTimeoutS()} LAB_ANSIBLE=${LAB_RUNS_ANSIBLE ? 1 : 0}`,
    `exec /bin/bash ${q(SCENARIO_SCRIPT)}`,
    '',
  ].join('\n');
}

/** Boots the lab guest once with every scenario's devices and guest steps, and gathers what it left behind. */
export async function runLab(qemu: string, steps: readonly LabGuestStep[] = []): Promise<LabRun> {
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
  writeFileSync(join(outDir, 'run'), runFile(node));
  await stageGuestSteps(steps, { kernelVersion: tools.kernel.version, cacheDir: labCacheDir() }, outDir);
  // OVMF writes its variable store (boot entries, the memory-type statistics): each run gets a fresh copy.
  const uefi = { code: tools.uefi.code, vars: join(outDir, 'ovmf-vars.fd') };
  copyFileSync(tools.uefi.varsTemplate, uefi.vars);
  const expose = [PROJECT_DIR, dirname(node)].filter((p) => hiddenInGuest(p));
  const ansible = LAB_RUNS_ANSIBLE ? await prepareAnsiblePhase(outDir, labCacheDir()) : undefined;
  const swtpm = await startSwtpm(tools.swtpm, labCacheDir());
  const devices = LAB_DEVICES.map((d) => {
    if (d.kind === 'tpm-crb') return { ...d, socket: swtpm.socket };
    if (d.kind === 'e1000e' && ansible) return { ...d, sshPort: ansible.port };
    return d;
  });
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
export function sharedLab(qemu: string, steps: readonly LabGuestStep[] = []): Promise<LabRun> {
  const kept = process.env.FWSNAP_LAB_RESULTS;
  shared ??= kept ? readLabResults(kept) : runLab(qemu, steps);
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
