import type { CommandPolicies } from '../../source.js';

/** smartctl options that only read; every option that sets, tests or aborts anything is missing on purpose. */
const SMARTCTL_FLAGS = new Set(['--xall', '--all', '--info', '--health', '--attributes', '--capabilities', '--json']);
const SMARTCTL_SHORT = /^-[xaiHAcj]+$/;
const SMARTCTL_VALUED: Record<string, RegExp> = {
  '-d': /^[a-z0-9+,]+$/, '--device': /^[a-z0-9+,]+$/, '-T': /^[a-z]+$/, '--tolerance': /^[a-z]+$/, '-n': /^[a-z]+(?:,\d+)?$/,
  '--nocheck': /^[a-z]+(?:,\d+)?$/, '-l': /^[a-z]+(?:,[\d+-]+)?$/, '--log': /^[a-z]+(?:,[\d+-]+)?$/, '-q': /^[a-z]+$/,
  '--quietmode': /^[a-z]+$/, '--json': /^[cgiosuv]*$/,
};
const SMARTCTL_DEVICE = /^\/dev\/(?!.*\.\.)[A-Za-z0-9_.:+\/-]+$/;

/**
 * `smartctl [read options] [device]`: at most one device path under /dev. Only ever replayed, so a saved
 * output whose name and text name no device is still read (the loader finds its drive by serial).
 */
export function smartctlArgs(a: readonly string[]): boolean {
  let devices = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i]!;
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0 && SMARTCTL_VALUED[w.slice(0, eq)]) {
      if (!SMARTCTL_VALUED[w.slice(0, eq)]!.test(w.slice(eq + 1))) return false;
    } else if (SMARTCTL_VALUED[w] && w !== '--json') {
      if (!SMARTCTL_VALUED[w]!.test(a[++i] ?? '')) return false;
    } else if (SMARTCTL_FLAGS.has(w) || SMARTCTL_SHORT.test(w)) continue;
    else if (SMARTCTL_DEVICE.test(w)) devices++;
    else return false;
  }
  return devices <= 1;
}

/** smartctl is never run on a live host (it may wake sleeping disks); a captured tree's read-only outputs replay. */
export const commands: CommandPolicies = { smartctl: { replay: smartctlArgs } };
