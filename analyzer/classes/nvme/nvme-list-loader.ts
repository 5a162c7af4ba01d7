import { recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { parseNvmeList, type NvmeListEntry } from './nvme-list.js';

/** `nvme list` with any of its allowed flags (`-v`, `-o json`, `--output-format=json`). */
const LISTS = /^cmd\/nvme\/list(?:_[^/]*)?\.out$/;

const read = new WeakMap<LoadContext, { name: string; entries: NvmeListEntry[] }[]>();

/** The bundle's `nvme list` outputs, each parsed once (the nvme loader reads them for the serials of their controllers). */
export function nvmeLists(ctx: LoadContext): { name: string; entries: NvmeListEntry[] }[] {
  const had = read.get(ctx);
  if (had) return had;
  const lists: { name: string; entries: NvmeListEntry[] }[] = [];
  for (const name of ctx.names(LISTS)) {
    const list = ctx.parse(name, 'nvme-list', (d) => parseNvmeList(d.toString('utf8')));
    if (!list) continue;
    recordLineIssues(ctx, name, 'nvme-list', list.issues);
    lists.push({ name, entries: list.entries });
  }
  read.set(ctx, lists);
  return lists;
}

/**
 * One entry per controller of a saved list, in the order the controllers first appear: the last row naming it with a
 * firmware, as a session saved with `nvme list` typed again after a firmware update (a vendor tool run between) shows
 * the controller as it is now; the namespaces of one listing give the same controller row.
 */
function latestPerController(entries: NvmeListEntry[]): NvmeListEntry[] {
  const last = new Map<string, NvmeListEntry>();
  for (const e of entries) {
    if (!e.controller) continue;
    const had = last.get(e.controller);
    // A later row without a firmware (one a thread's copy cut short) keeps what the earlier one read.
    last.set(e.controller, had && !e.firmware ? had : e);
  }
  return [...last.values()];
}

/**
 * `nvme list` as a report holds it (`fwsnap import`) or a person saved it (`collect --root`): the controllers no other artifact described (a report whose
 * sos ran without per-device nvme commands, a supportconfig): model, serial and running firmware per controller,
 * from the last listing of it in the output. Controllers already loaded from sysfs or id-ctrl keep their rows.
 */
export const nvmeListLoader: ClassLoader = {
  name: 'nvme-list',
  load(ctx: LoadContext) {
    const known = new Set(ctx.devices().map((d) => d.key));
    for (const { name, entries } of nvmeLists(ctx)) {
      for (const e of latestPerController(entries)) {
        if (!e.controller) continue;
        const key = `nvme:${e.controller}`;
        if (known.has(key)) continue;
        known.add(key);
        ctx.sink.device({ key, class: 'nvme', model: e.model ?? null, serial: e.serial ?? null });
        if (e.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: e.firmware, state: 'running', artifact: name });
      }
    }
  },
};
