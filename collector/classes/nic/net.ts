import type { Source, SourceContext } from '../../source.js';
import { collectEthtool } from './ethtool.js';

const NET = '/sys/class/net';
const PASTED_ETHTOOL = '/cmd/ethtool';
/** A saved `ethtool -i <if>` in a captured tree: cmd/ethtool/-i_<if>.out (the name the collector's own naming gives). */
const ETHTOOL_I_FILE = /^-i_(.+)\.out$/;

/** Interfaces under /sys/class/net (its plain files, such as bonding_masters, are not interfaces). */
function interfaces(ctx: SourceContext): string[] {
  return (ctx.listDir(NET) ?? []).filter((name) => ctx.isDir(`${NET}/${name}`));
}

/** Interfaces whose `ethtool -i` output a captured tree holds (replay only; a live host answers by ioctl). */
function pastedDriverInfo(ctx: SourceContext): string[] {
  if (!ctx.replay || !ctx.isDir(PASTED_ETHTOOL)) return [];
  return (ctx.listDir(PASTED_ETHTOOL) ?? []).flatMap((f) => {
    const m = ETHTOOL_I_FILE.exec(f);
    return m ? [m[1]!.replace(/%([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))] : [];
  });
}

export const source: Source = {
  name: 'net',
  description: 'network interfaces: sysfs attributes and ethtool ioctl answers (driver, firmware, registers, settings)',
  collect(ctx) {
    const names = ctx.exists(NET) || !ctx.replay ? interfaces(ctx) : [];
    const pasted = pastedDriverInfo(ctx);
    if (names.length === 0 && pasted.length === 0) ctx.skip(`no network interfaces under ${NET}`);
    for (const ifname of pasted) ctx.runCommand(['ethtool', '-i', ifname]);
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
