import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CTableError } from './c-table.js';

/** "7.2.13" from a kernel tree's top Makefile. */
export function kernelVersion(makefile: string): string {
  const v = (k: string): string => new RegExp(`^${k}\\s*=[ \\t]*(\\S*)`, 'm').exec(makefile)?.[1] ?? '';
  const version = `${v('VERSION')}.${v('PATCHLEVEL')}.${v('SUBLEVEL')}${v('EXTRAVERSION')}`;
  if (!/^\d+\.\d+\.\d+/.test(version)) throw new CTableError('the kernel Makefile names no version');
  return version;
}

/** A kernel source tree (only the files the rule sources cite need be there). */
export interface KernelTree {
  dir: string;
  version: string;
  read(file: string): string;
}

export function kernelTreeAt(dir: string): KernelTree {
  if (!existsSync(join(dir, 'Makefile'))) throw new CTableError(`${dir} holds no kernel Makefile`);
  return { dir, version: kernelVersion(readFileSync(join(dir, 'Makefile'), 'utf8')), read: (f) => readFileSync(join(dir, f), 'utf8') };
}

/** The tree named by FWSNAP_KERNEL_SRC, or undefined when it is not set. */
export function kernelTreeFromEnv(env: NodeJS.ProcessEnv = process.env): KernelTree | undefined {
  return env.FWSNAP_KERNEL_SRC ? kernelTreeAt(env.FWSNAP_KERNEL_SRC) : undefined;
}
