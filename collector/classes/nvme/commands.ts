import type { CommandPolicies } from '../../source.js';
import { DEV_NODE as NVME_NODE } from './nodes.js';

/** nvme-cli subcommands that only read (identify, logs — the error log is a log page read like the others —, listing). */
const NVME_READS = new Set(['id-ctrl', 'id-ns', 'fw-log', 'smart-log', 'error-log', 'list', 'list-subsys']);
const NVME_FLAGS = new Set(['-H', '--human-readable', '-v', '--verbose', '-V', '--vendor-specific']);
const NVME_FORMATS = new Set(['normal', 'json']);
/** `id-ns` on a controller node names its namespace: `-n 1`, `--namespace-id 1`, `--namespace-id=1`. */
const NSID = /^\d{1,10}$/;
/** `error-log` reads as many entries as given: `-e 16`, `--log-entries 16`, `--log-entries=16`. */
const ENTRIES = /^\d{1,5}$/;

/**
 * `nvme <read subcommand> [device] [flags]`: one device node at most, output as text or JSON, never binary; id-ns may
 * name its namespace; list and list-subsys (the subsystems, or the one of a node) need none. An id-ctrl saved with no node in its name or text (quoted in a mail) names none: its drive is
 * known by the serial it prints.
 */
export function nvmeArgs(a: readonly string[]): boolean {
  if (!NVME_READS.has(a[0] ?? '')) return false;
  let devices = 0;
  for (let i = 1; i < a.length; i++) {
    const w = a[i]!;
    if (NVME_NODE.test(w)) devices++;
    else if (NVME_FLAGS.has(w)) continue;
    else if (a[0] === 'id-ns' && (w === '-n' || w === '--namespace-id')) {
      if (!NSID.test(a[++i] ?? '')) return false;
    } else if (a[0] === 'id-ns' && w.startsWith('--namespace-id=')) {
      if (!NSID.test(w.slice('--namespace-id='.length))) return false;
    } else if (a[0] === 'error-log' && (w === '-e' || w === '--log-entries')) {
      if (!ENTRIES.test(a[++i] ?? '')) return false;
    } else if (a[0] === 'error-log' && w.startsWith('--log-entries=')) {
      if (!ENTRIES.test(w.slice('--log-entries='.length))) return false;
    } else if (w === '-o' || w === '--output-format') {
      if (!NVME_FORMATS.has(a[++i] ?? '')) return false;
    } else if (w.startsWith('--output-format=')) {
      if (!NVME_FORMATS.has(w.slice('--output-format='.length))) return false;
    } else return false;
  }
  return devices <= 1 && (devices === 1 || a[0] === 'list' || a[0] === 'list-subsys' || a[0] === 'id-ctrl');
}

/** nvme-cli is never run on a live host (the NVMe ioctls give what it prints); a captured tree's outputs replay. */
export const commands: CommandPolicies = { nvme: { replay: nvmeArgs } };
