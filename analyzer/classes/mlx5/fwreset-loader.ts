import type { LoadContext } from '../../load/types.js';
import { parseFwResetQuery } from './fwreset-query.js';
import { argvDevice, deviceKey, lineIssues, pastedCommandDevice, pciDevice } from './loader.js';

/** mlxfwreset (NVIDIA MFT) and mstfwreset (mstflint) are one tool under two names. */
const FWRESET_OUTPUTS = /^cmd\/(?:mlxfwreset|mstfwreset)\/.*\.out$/;
/** The `-d` of an mlxfwreset command line pasted above its output. */
const FWRESET_COMMAND = /(?:^|[\s/\\])(?:mlxfwreset|mstfwreset)(?:\.exe)?\s(?:.*\s)?(?:-d|--dev|--device)\s+(\S+)/;

/** Saved `mlxfwreset -d <device> query` outputs: each listed option Supported or Not Supported, and the defaults. */
export function loadFwReset(ctx: LoadContext): void {
  for (const name of ctx.names(FWRESET_OUTPUTS)) {
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
