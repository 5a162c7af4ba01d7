import type { Source, SourceContext } from '../../source.js';
import { collectEthtool } from './ethtool.js';

const NET = '/sys/class/net';

/** Interfaces under /sys/class/net (its plain files, such as bonding_masters, are not interfaces). */
function interfaces(ctx: SourceContext): string[] {
  return (ctx.listDir(NET) ?? []).filter((name) => ctx.isDir(`${NET}/${name}`));
}

export const source: Source = {
  name: 'net',
  description: 'network interfaces: sysfs attributes and ethtool ioctl answers (driver, firmware, registers, settings)',
  collect(ctx) {
    const names = interfaces(ctx);
    if (names.length === 0) ctx.skip(`no network interfaces under ${NET}`);
    for (const ifname of names) {
      ctx.device('net', ifname);
      const dir = `${NET}/${ifname}`;
      ctx.collectAttributes(dir);
      // Virtual interfaces have no device link; a missing one is not recorded as a problem.
      ctx.collectLink(`${dir}/device`);
      collectEthtool(ctx, ifname);
    }
  },
};
