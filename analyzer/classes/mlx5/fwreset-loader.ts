import type { LoadContext } from '../../load/types.js';
import { parseFwResetQuery } from './fwreset-query.js';
import { isFwResetRun, parseFwResetRun, resetResult } from './fwreset-run.js';
import { argvDevice, deviceKey, lineIssues, pastedCommandDevice, pciDevice } from './loader.js';

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

/** Saved `mlxfwreset -d <device> query` outputs (each listed option Supported or Not Supported, and the defaults) and reset runs. */
export function loadFwReset(ctx: LoadContext): void {
  for (const name of ctx.names(FWRESET_OUTPUTS)) {
    if (isFwResetRun(ctx.get(name)?.toString('utf8') ?? '')) {
      loadRun(ctx, name);
      continue;
    }
    const q = ctx.parse(name, 'mlxfwreset-query', (d) => parseFwResetQuery(d.toString('utf8')));
    if (!q) continue;
    lineIssues(ctx, name, q.issues);
    const key = deviceKey(ctx, argvDevice(ctx, name) ?? pastedCommandDevice(ctx.get(name), FWRESET_COMMAND));
    for (const e of q.errors) ctx.sink.issue('MLXFWRESET', `${key ?? name}: ${e}`, name);
    if (!key) {
      ctx.sink.issue('NO-DEVICE', `${name}: the command names no device`, name);
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
