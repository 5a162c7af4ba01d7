import type { FactSink } from '../../db/rows.js';
import type { LoadContext } from '../../load/types.js';
import { kernelLogArtifact, storedKernelLog } from '../core/kernel-messages.js';
import type { KernelLogLine } from '../core/kmsg.js';
import { intelUcComponent, parseIntelUcLine } from './intel-uc.js';

/**
 * Both drivers print the GuC version before they upload it; these lines say the upload (or GuC start) failed after it
 * (i915 `GT0: GUC: load failed`, `GuC initialization failed`; xe `GT0: load failed`, `Failed to initialize uC`).
 */
const GUC_FAILED = /(?:GT\d+: (?:GUC: )?load failed\b|GuC initialization failed|Failed to initialize uC\b)/;

/**
 * Firmware rows of Intel GPUs from the kernel-log lines i915 and xe print, on the PCI function each line names
 * (`devices` limits them to functions the bundle has; undefined: every one). The last line of a component wins: a
 * driver reload or a GT reset prints them again, and the latest is what runs. A GuC whose upload failed afterwards
 * is stored (the file found), not running.
 */
export function intelUcFacts(records: Iterable<KernelLogLine>, sink: FactSink, artifact: string, devices?: ReadonlySet<string>): void {
  const rows = new Map<string, { deviceKey: string; component: string; version: string; state: 'running' | 'stored' }>();
  for (const r of records) {
    if (!r.device || (devices && !devices.has(r.device)) || !/^(?:i915|xe) /.test(r.text)) continue;
    if (GUC_FAILED.test(r.text)) {
      for (const k of [...rows.keys()]) if (k.startsWith(`${r.device} intel.guc`) && k.endsWith(' running')) rows.delete(k);
      continue;
    }
    const hit = parseIntelUcLine(r.text);
    if (!hit) continue;
    const component = intelUcComponent(hit.uc);
    for (const state of hit.uc.states) rows.set(`${r.device} ${component} ${state}`, { deviceKey: r.device, component, version: hit.uc.version, state });
  }
  for (const row of rows.values()) sink.firmware({ ...row, scheme: 'dotted', artifact });
}

/** The drivers' lines as the kernel-log class stored them (read back, not parsed again). */
export function loadIntelUc(ctx: LoadContext): void {
  const log = kernelLogArtifact(ctx);
  if (!log) return;
  const pci = new Set(ctx.devices().filter((d) => d.class === 'pci').map((d) => d.key));
  if (pci.size === 0) return;
  intelUcFacts(storedKernelLog(ctx, ['i915 ', 'xe ']), ctx.sink, log.name, pci);
}
