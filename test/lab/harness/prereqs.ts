import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian packages that provide everything the lab needs (the same list as .ci/run installs). */
export const LAB_PACKAGES = 'qemu-system-x86 linux-image-amd64 linux-headers-amd64 linux-source make busybox-static cpio nvme-cli ethtool pciutils hdparm kmod sg3-utils lsscsi swtpm swtpm-tools tpm2-tools ipmitool ndctl ovmf ansible openssh-server';

export function findOnPath(tool: string, path = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'): string | undefined {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface GuestKernel {
  version: string;
  image: string;
  modulesDir: string;
}

/** Orders "6.1.0-9-amd64" before "6.1.0-10-amd64": numeric runs compare as numbers. */
export function compareKernelVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The newest /boot/vmlinuz-<version> that has its modules installed, or FWSNAP_LAB_KERNEL=<version>. */
export function findGuestKernel(boot = '/boot', modules = '/lib/modules', wanted = process.env.FWSNAP_LAB_KERNEL): GuestKernel | undefined {
  let names: string[];
  try {
    names = readdirSync(boot);
  } catch {
    return undefined;
  }
  const versions = names
    .filter((n) => n.startsWith('vmlinuz-'))
    .map((n) => n.slice('vmlinuz-'.length))
    .filter((v) => existsSync(join(modules, v, 'modules.dep')))
    .filter((v) => !wanted || v === wanted)
    .sort(compareKernelVersions);
  const version = versions.at(-1);
  return version === undefined ? undefined : { version, image: join(boot, `vmlinuz-${version}`), modulesDir: join(modules, version) };
}

export interface LabTools {
  qemu: string;
  kernel: GuestKernel;
  busybox: string;
  cpio: string;
  swtpm: string;
  uefi: UefiFirmware;
}

/** OVMF (EDK II for QEMU) as two flash images: the code, read-only, and a template of the variable store. */
export interface UefiFirmware {
  code: string;
  varsTemplate: string;
}

/** Debian's ovmf package: the 4 MiB images (bookworm and later), else the 2 MiB ones of older releases. */
export function findOvmf(dir = '/usr/share/OVMF'): UefiFirmware | undefined {
  for (const suffix of ['_4M', '']) {
    const code = join(dir, `OVMF_CODE${suffix}.fd`);
    const varsTemplate = join(dir, `OVMF_VARS${suffix}.fd`);
    if (existsSync(code) && existsSync(varsTemplate)) return { code, varsTemplate };
  }
  return undefined;
}

export class LabPrerequisiteError extends Error {}

/** QEMU alone decides whether the lab can run at all; the CI variable turns its absence into a failure. */
export function findQemu(): string | undefined {
  return findOnPath('qemu-system-x86_64');
}

/** Everything else the lab needs on the host; any gap fails at once, naming what to install. */
export function findLabTools(qemu: string): LabTools {
  const missing: string[] = [];
  const kernel = findGuestKernel();
  if (!kernel) missing.push(`a kernel image /boot/vmlinuz-<version> with /lib/modules/<version>/modules.dep${process.env.FWSNAP_LAB_KERNEL ? ` (FWSNAP_LAB_KERNEL=${process.env.FWSNAP_LAB_KERNEL})` : ''}`);
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p)) ?? findOnPath('busybox');
  if (!busybox) missing.push('busybox (statically linked: busybox-static)');
  const cpio = findOnPath('cpio');
  if (!cpio) missing.push('cpio');
  const swtpm = findOnPath('swtpm');
  if (!swtpm) missing.push('swtpm (the lab TPM)');
  const uefi = findOvmf();
  if (!uefi) missing.push('OVMF (/usr/share/OVMF/OVMF_CODE_4M.fd and OVMF_VARS_4M.fd: the ovmf package)');
  if (missing.length || !kernel || !busybox || !cpio || !swtpm || !uefi) {
    throw new LabPrerequisiteError(`the QEMU lab cannot start; missing: ${missing.join('; ')}. Install: apt-get install ${LAB_PACKAGES}`);
  }
  return { qemu, kernel, busybox, cpio, swtpm, uefi };
}
