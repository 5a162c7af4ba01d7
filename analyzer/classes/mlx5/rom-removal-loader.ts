import type { LoadContext } from '../../load/types.js';
import { isRomRemoval, parseRomRemoval } from './flint-rom-removal.js';
import { argvDevice, deviceKey, lineIssues, pciDevice } from './loader.js';

/**
 * A saved `flint drom`: whether the device's expansion ROM was removed from its flash (`rom_removal`); false when the
 * output is not one (a query, a burn), which the flint query reader then reads.
 */
export function loadRomRemoval(ctx: LoadContext, name: string): boolean {
  const origin = ctx.record(name)?.origin;
  const data = ctx.get(name);
  if (!(origin?.kind === 'cmd' && origin.argv.includes('drom')) && !(data && isRomRemoval(data.toString('utf8')))) return false;
  const r = ctx.parse(name, 'flint-rom-removal', (d) => parseRomRemoval(d.toString('utf8')));
  if (!r) return true;
  lineIssues(ctx, name, r.issues);
  const key = deviceKey(ctx, argvDevice(ctx, name) ?? r.device);
  for (const e of r.errors) ctx.sink.issue('MSTFLINT', `${key ?? name}: ${e}`, name);
  if (!key) {
    ctx.sink.issue('NO-DEVICE', `${name}: the command names no device`, name);
    return true;
  }
  pciDevice(ctx.sink, key);
  ctx.sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'rom_removal', value: r.outcome, mode: 'current', artifact: name });
  return true;
}
