import { lsblkArgs } from './lsblk-source.js';
import type { CommandPolicies } from '../../source.js';

/** smartctl options that only read; every option that sets, tests or aborts anything is missing on purpose. */
const SMARTCTL_FLAGS = new Set(['--xall', '--all', '--info', '--health', '--attributes', '--capabilities', '--json']);
const SMARTCTL_SHORT = /^-[xaiHAcj]+$/;
const SMARTCTL_VALUED: Record<string, RegExp> = {
  // A type may name a port by slashes (areca,N/E, hpt,L/M/N).
  '-d': /^[a-z0-9+,]+(?:\/\d+)*$/, '--device': /^[a-z0-9+,]+(?:\/\d+)*$/, '-T': /^[a-z]+$/, '--tolerance': /^[a-z]+$/, '-n': /^[a-z]+(?:,\d+)?$/,
  '--nocheck': /^[a-z]+(?:,\d+)?$/, '-l': /^[a-z]+(?:,[\d+-]+)?$/, '--log': /^[a-z]+(?:,[\d+-]+)?$/, '-q': /^[a-z]+$/,
  '--quietmode': /^[a-z]+$/, '--json': /^[cgiosuv]*$/,
  // How a bad checksum of a SMART structure is reported, nothing more.
  '-b': /^(?:warn|exit|ignore)$/, '--badsum': /^(?:warn|exit|ignore)$/,
};
/** smartctl's long options (smartctl.cpp), for the unique abbreviations getopt_long accepts. */
const SMARTCTL_LONG = ['help', 'usage', 'version', 'copyright', 'license', 'info', 'identify', 'all', 'xall', 'scan', 'scan-open', 'quietmode',
  'device', 'tolerance', 'badsum', 'report', 'nocheck', 'smart', 'offlineauto', 'saveauto', 'health', 'capabilities', 'attributes', 'log',
  'vendorattribute', 'presets', 'drivedb', 'firmwarebug', 'test', 'captive', 'abort', 'json', 'set', 'get', 'format'];

/** `--x` → `--xall`, `--heal` → `--health`: a prefix of exactly one long option stands for it (its `=value` kept). */
function unabbreviated(w: string): string {
  const m = /^--([a-z-]+)(=.*)?$/.exec(w);
  if (!m || SMARTCTL_LONG.includes(m[1]!)) return w;
  const full = SMARTCTL_LONG.filter((o) => o.startsWith(m[1]!));
  return full.length === 1 ? `--${full[0]}${m[2] ?? ''}` : w;
}

/** Read-only short options run together with one that takes a value last (`-AHil`, `-ad`). */
const CLUSTER_VALUED = /^-[xaiHAcj]+[dTnlq]$/;
const SMARTCTL_DEVICE = /^\/dev\/(?!.*\.\.)[A-Za-z0-9_.:+\/-]+$/;

/**
 * `smartctl [read options] [device]`: at most one device path under /dev. Only ever replayed, so a saved
 * output whose name and text name no device is still read (the loader finds its drive by serial).
 */
export function smartctlArgs(a: readonly string[]): boolean {
  let devices = 0;
  for (let i = 0; i < a.length; i++) {
    const w = unabbreviated(a[i]!);
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0 && SMARTCTL_VALUED[w.slice(0, eq)]) {
      if (!SMARTCTL_VALUED[w.slice(0, eq)]!.test(w.slice(eq + 1))) return false;
    } else if (SMARTCTL_VALUED[w] && w !== '--json') {
      if (!SMARTCTL_VALUED[w]!.test(a[++i] ?? '')) return false;
    } else if (SMARTCTL_FLAGS.has(w) || SMARTCTL_SHORT.test(w)) continue;
    else if (CLUSTER_VALUED.test(w)) {
      // `-AHil selftest`: -A -H -i, then -l with the next word as its value.
      if (!SMARTCTL_VALUED[`-${w.at(-1)!}`]!.test(a[++i] ?? '')) return false;
    }
    else if (SMARTCTL_DEVICE.test(w)) devices++;
    else return false;
  }
  return devices <= 1;
}

/**
 * `hdparm -I|-i [-C] [disk]`: identify (IDENTIFY DEVICE decoded, or the kernel's copy) and the power-mode check, at most one
 * disk under /dev. Every option that sets anything is missing on purpose.
 */
export function hdparmArgs(a: readonly string[]): boolean {
  const opts = a.filter((w) => w.startsWith('-'));
  const disks = a.filter((w) => !w.startsWith('-'));
  return opts.length >= 1 && opts.every((o) => /^-[IiC]+$/.test(o)) && opts.some((o) => /[Ii]/.test(o))
    && disks.length <= 1 && disks.every((d) => SMARTCTL_DEVICE.test(d));
}

/**
 * smartctl and hdparm are never run on a live host (they may wake sleeping disks); a captured tree's read-only outputs
 * replay. lsblk is not run either (sysfs holds what it lists); a saved listing replays as a drive list.
 */
export const commands: CommandPolicies = { smartctl: { replay: smartctlArgs }, hdparm: { replay: hdparmArgs }, lsblk: { replay: lsblkArgs } };
