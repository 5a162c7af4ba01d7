import type { LoadContext } from '../../load/types.js';
import { parseFwResetQuery } from './fwreset-query.js';
import { isFwResetRun, parseFwResetRun, resetResult } from './fwreset-run.js';
import { isFwResetStatus, parseFwResetStatus } from './fwreset-status.js';
import { argvDevice, deviceKey, lineIssues, pastedCommandDevice, pciDevice } from './loader.js';
import { onlyCard, type KnownDevice } from './fwmanager-loader.js';
import { MLXCONFIG_LABEL_NAMESPACE, MLXCONFIG_NAMESPACE } from './names.js';
import { parseMlxValue, settingValue } from './value.js';

/** mlxfwreset (NVIDIA MFT) and mstfwreset (mstflint) are one tool under two names. */
const FWRESET_OUTPUTS = /^cmd\/(?:mlxfwreset|mstfwreset)\/.*\.out$/;
/** The `-d` of an mlxfwreset command line pasted above its output. */
const FWRESET_COMMAND = /(?:^|[\s/\\])(?:mlxfwreset|mstfwreset)(?:\.exe)?\s(?:.*\s)?(?:-d|--dev|--device)\s+(\S+)/;

/** A saved reset run: the level it took and what it came to (`run.level`, `run.result`). */
function loadRun(ctx: LoadContext, name: string): void {
  const run = ctx.parse(name, 'mlxfwreset-reset', (d) => parseFwResetRun(d.toString('utf8')));
  if (!run) return;
  lineIssues(ctx, name, run.issues);
  const key = deviceKey(ctx, argvDevice(ctx, name) ?? run.device);
  for (const e of run.errors) ctx.sink.issue('MLXFWRESET', `${key ?? name}: ${e}`, name);
  if (!key) {
    ctx.sink.issue('NO-DEVICE', `${name}: the command names no device`, name);
    return;
  }
  pciDevice(ctx.sink, key);
  const set = (k: string, value: string | number): void => ctx.sink.setting({ deviceKey: key, namespace: 'mlx.reset', key: k, value, mode: 'current', artifact: name });
  if (run.level !== undefined) set('run.level', run.level);
  set('run.result', resetResult(run));
}

/**
 * A saved `mlxfwreset status`: the running firmware and the flash's (the pending image, else the running one), and each NV
 * setting waiting for a reset with its default, current and next boot values.
 */
function loadStatus(ctx: LoadContext, name: string): void {
  const st = ctx.parse(name, 'mlxfwreset-status', (d) => parseFwResetStatus(d.toString('utf8')));
  if (!st) return;
  lineIssues(ctx, name, st.issues);
  const key = deviceKey(ctx, argvDevice(ctx, name) ?? pastedCommandDevice(ctx.get(name), FWRESET_COMMAND), st.device);
  for (const e of st.errors) ctx.sink.issue('MLXFWRESET', `${key ?? name}: ${e}`, name);
  if (!key) {
    ctx.sink.issue('NO-DEVICE', `${name}: the command names no device`, name);
    return;
  }
  if (st.runningFw === undefined && st.pending.length === 0) return;
  pciDevice(ctx.sink, key);
  const stored = st.pendingFw ?? st.runningFw;
  if (st.runningFw) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: st.runningFw, state: 'running', scheme: 'mlx5', artifact: name });
  if (stored) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: stored, state: 'stored', scheme: 'mlx5', artifact: name });
  for (const p of st.pending) {
    for (const mode of ['default', 'current', 'next_boot'] as const) {
      const v = parseMlxValue(p[mode]);
      if (v.raw === '' || v.raw === 'N/A' || v.array) continue;
      ctx.sink.setting({ deviceKey: key, namespace: MLXCONFIG_NAMESPACE, key: p.name, value: settingValue(v), mode, artifact: name });
      if (v.label !== undefined && v.number !== undefined) ctx.sink.setting({ deviceKey: key, namespace: MLXCONFIG_LABEL_NAMESPACE, key: p.name, value: v.label, mode, artifact: name });
    }
  }
}

/** Saved `mlxfwreset -d <device> query` outputs (each listed option Supported or Not Supported, and the defaults) and reset runs. */
export function loadFwReset(ctx: LoadContext, known: readonly KnownDevice[]): void {
  for (const name of ctx.names(FWRESET_OUTPUTS)) {
    const text = ctx.get(name)?.toString('utf8') ?? '';
    if (isFwResetStatus(text)) {
      loadStatus(ctx, name);
      continue;
    }
    if (isFwResetRun(text)) {
      loadRun(ctx, name);
      continue;
    }
    const q = ctx.parse(name, 'mlxfwreset-query', (d) => parseFwResetQuery(d.toString('utf8')));
    if (!q) continue;
    lineIssues(ctx, name, q.issues);
    // A query prints nothing of its card (its reset levels and types only): with no device in its command, it is the
    // bundle's only ConnectX card, when the bundle shows one.
    const named = deviceKey(ctx, argvDevice(ctx, name) ?? pastedCommandDevice(ctx.get(name), FWRESET_COMMAND));
    const only = named === undefined && q.options.length > 0 ? onlyCard(ctx, known) : undefined;
    const key = named ?? (only && 'key' in only ? only.key : undefined);
    for (const e of q.errors) ctx.sink.issue('MLXFWRESET', `${key ?? name}: ${e}`, name);
    if (!key) {
      ctx.sink.issue('NO-DEVICE', `${name}: the command names no device, and the query prints nothing of its card${only && 'why' in only ? `; ${only.why}` : ''}`, name);
      continue;
    }
    if (q.options.length === 0) continue;
    pciDevice(ctx.sink, key);
    for (const o of q.options) {
      ctx.sink.setting({ deviceKey: key, namespace: 'mlx.reset', key: `${o.list}.${o.number}`, value: o.supported ? 'Supported' : 'Not Supported', mode: 'current', artifact: name });
      if (o.isDefault) ctx.sink.setting({ deviceKey: key, namespace: 'mlx.reset', key: `default_${o.list}`, value: o.number, mode: 'current', artifact: name });
    }
  }
}
