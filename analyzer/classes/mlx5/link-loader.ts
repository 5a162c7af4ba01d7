import type { LoadContext } from '../../load/types.js';
import { argvDevice, deviceKey, lineIssues, pciDevice } from './loader.js';
import { parseMlxlink, type LinkRun } from './mlxlink.js';

/** mlxlink (NVIDIA MFT) and mstlink (mstflint) are one tool under two names. */
const LINK_OUTPUTS = /^cmd\/(?:mlxlink|mstlink)\/.*\.out$/;

/** The sections whose fields say what the port and its module are: each field is kept, keyed by its name. */
const KEPT: Record<string, string> = { 'Operational Info': '', 'Troubleshooting Info': '', 'Module Info': 'module.' };

/** A module firmware version as mlxlink prints it: three numbers (46.120.522). */
const MODULE_FW = /^\d+\.\d+\.\d+$/;

/** A field's name as a settings key: `Physical state` → `physical_state`, `Wavelength [nm]` → `wavelength_nm`. */
const slug = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** The `-p <port>` of the saved command, else 1 (mlxlink's own default). */
function argvPort(ctx: LoadContext, name: string): number | undefined {
  const origin = ctx.record(name)?.origin;
  if (origin?.kind !== 'cmd') return undefined;
  const i = origin.argv.indexOf('-p');
  return i < 0 ? undefined : Number(origin.argv[i + 1]);
}

function storeRun(ctx: LoadContext, name: string, key: string, port: number, run: LinkRun): void {
  pciDevice(ctx.sink, key);
  const set = (k: string, value: string): void => ctx.sink.setting({ deviceKey: key, namespace: 'mlx.link', key: `port${port}.${k}`, value, mode: 'current', artifact: name });
  for (const [section, prefix] of Object.entries(KEPT)) {
    for (const [k, v] of Object.entries(run.sections[section] ?? {})) if (v !== '' && slug(k) !== '') set(`${prefix}${slug(k)}`, v);
  }
  // The firmware the device runs, as the tool read it (`Tool Information`): the port's report names it.
  const fw = run.sections['Tool Information']?.['Firmware Version'];
  if (fw !== undefined && fw !== '' && fw !== 'N/A') set('firmware_version', fw);
  // The firmware of the port's module (an active cable or a transceiver), as mlxlink -m prints it: chip.qtr.free from
  // the PDDI register's fw_version, N/A for a passive cable or a module that reports none.
  const module = run.sections['Module Info']?.['FW Version'];
  if (module !== undefined && MODULE_FW.test(module)) {
    ctx.sink.firmware({ deviceKey: key, component: `module.port${port}`, version: module, state: 'running', scheme: 'dotted', artifact: name });
  }
}

/** Saved `mlxlink -d <device> [-p <port>] [-m]` reports: each run's port state, link, troubleshooting advice and module. */
export function loadMlxlink(ctx: LoadContext): void {
  for (const name of ctx.names(LINK_OUTPUTS)) {
    const out = ctx.parse(name, 'mlxlink', (d) => parseMlxlink(d.toString('utf8')));
    if (!out) continue;
    lineIssues(ctx, name, out.issues);
    const given = argvDevice(ctx, name);
    for (const run of out.runs) {
      // One run: the saved name's device, else its text's; several: each its own (a loop over devices).
      const key = deviceKey(ctx, out.runs.length === 1 ? given ?? run.device : run.device);
      for (const e of run.errors) ctx.sink.issue('MLXLINK', `${key ?? name}: ${e}`, name);
      if (!key) {
        ctx.sink.issue('NO-DEVICE', `${name}: the command names no device`, name);
        continue;
      }
      if (Object.keys(run.sections).length) storeRun(ctx, name, key, run.port ?? argvPort(ctx, name) ?? 1, run);
    }
  }
}
