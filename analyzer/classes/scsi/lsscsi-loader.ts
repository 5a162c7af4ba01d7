import { recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { parseLsscsi } from '../core/lsscsi.js';
import { inquiryFirmware } from '../core/inquiry-model.js';

/** lsscsi listings with the device columns in the same places, most columns first (sos's `lsscsi` file is `lsscsi -i`); read before any other. */
const LISTINGS = ['cmd/lsscsi/-i.out', 'cmd/lsscsi/_.out', 'cmd/lsscsi/-g.out', 'cmd/lsscsi/-s.out', 'cmd/lsscsi/-d.out'];
const HOSTS = 'cmd/lsscsi/-H.out';

/**
 * SCSI hosts and devices from a report's lsscsi outputs (`fwsnap import`), where the report has no sysfs of them
 * (sos copies /sys/bus/scsi and /sys/class/scsi_* only as links to directories, which it does not follow): the
 * same `scsi:<H:C:T:L>` rows with INQUIRY vendor, product and revision as sysfs gives, hosts from `lsscsi -H`.
 */
export const lsscsiLoader: ClassLoader = {
  name: 'lsscsi',
  load(ctx: LoadContext) {
    if (ctx.names(/^sys\/bus\/scsi\/devices\//).length || ctx.names(/^sys\/class\/scsi_host\//).length) return;
    const known = new Set(ctx.devices().map((d) => d.key));
    const hosts = ctx.get(HOSTS) ? ctx.parse(HOSTS, 'lsscsi', (d) => parseLsscsi(d.toString('utf8'))) : undefined;
    if (hosts) recordLineIssues(ctx, HOSTS, 'lsscsi', hosts.issues);
    for (const h of hosts?.hosts ?? []) {
      const key = `scsi_host:host${h.host}`;
      if (known.has(key)) continue;
      known.add(key);
      ctx.sink.device({ key, class: 'scsi_host', driver: h.driver });
      ctx.sink.setting({ deviceKey: key, namespace: 'scsi_host', key: 'proc_name', value: h.driver, mode: 'current', artifact: HOSTS });
    }
    // Any other listing a tree saved (-gs, -id) reads alike, after them; -t's transport listings last, each device's transport.
    const transport = (n: string): number => (/^cmd\/lsscsi\/-[a-zA-Z]*t[a-zA-Z]*\.out$/.test(n) ? 1 : 0);
    const rank = (n: string): number => (LISTINGS.includes(n) ? LISTINGS.indexOf(n) : LISTINGS.length);
    const names = ctx.names(/^cmd\/lsscsi\/[^/]+\.out$/).filter((n) => n !== HOSTS).sort((a, b) => transport(a) - transport(b) || rank(a) - rank(b));
    for (const name of names) {
      const listing = ctx.parse(name, 'lsscsi', (d) => parseLsscsi(d.toString('utf8')));
      if (!listing) continue;
      recordLineIssues(ctx, name, 'lsscsi', listing.issues);
      for (const d of listing.devices) {
        const key = `scsi:${d.hctl}`;
        if (!known.has(key)) {
          known.add(key);
          const host = `scsi_host:host${d.hctl.split(':')[0]}`;
          ctx.sink.device({ key, class: 'scsi', parentKey: known.has(host) ? host : null, model: d.model || null });
          if (d.rev) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: inquiryFirmware(d.vendor, d.rev), state: 'running', scheme: 'plain', artifact: name });
          if (d.vendor) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: 'vendor', value: d.vendor, mode: 'current', artifact: name });
          if (d.typeNumber !== null) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: 'type', value: d.typeNumber, mode: 'current', artifact: name });
        }
        if (d.transport) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: 'transport', value: d.transport, mode: 'current', artifact: name });
      }
    }
  },
};
