import { recordLineIssues, recordSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { parseHdparm } from './hdparm.js';

const HDPARM = /^cmd\/hdparm\/[^/]+\.out$/;

/**
 * `hdparm -I /dev/sdX` (and `hdparm -i`) as a report holds them (`fwsnap import`): an ATA device per disk when no
 * device with the same serial was loaded from sysfs (whose IDENTIFY words are the better source). Keyed
 * `ata:<disk>`, as the smartctl loader keys a drive it finds no other row for, so both land on one device.
 */
function loadOutput(ctx: LoadContext, name: string): void {
  const origin = ctx.record(name)?.origin;
  const argv = origin?.kind === 'cmd' ? origin.argv : undefined;
  const dev = argv?.at(-1);
  if (!argv || !dev || !/^\/dev\/[\w.:+-]+$/.test(dev)) return;
  const id = ctx.parse(name, 'hdparm', (d) => parseHdparm(d.toString('utf8')));
  if (!id) return;
  recordLineIssues(ctx, name, 'hdparm', id.issues);
  if (!id.model && !id.serial) return;
  if (id.serial && ctx.devices().some((d) => d.serial === id.serial && (d.class === 'ata' || d.class === 'block'))) return;
  const key = `ata:${dev.slice('/dev/'.length)}`;
  ctx.sink.device({ key, class: 'ata', model: id.model ?? null, serial: id.serial ?? null });
  if (id.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: id.firmware, state: 'running', artifact: name });
  recordSettings(ctx, key, 'ata', id.settings, name);
}

export const hdparmLoader: ClassLoader = {
  name: 'hdparm',
  load(ctx) {
    // -I before -i: the full IDENTIFY decode wins when a report holds both for one disk.
    const names = ctx.names(HDPARM).sort((a, b) => Number(b.includes('/-I_')) - Number(a.includes('/-I_')));
    for (const name of names) loadOutput(ctx, name);
  },
};
