import { devlinkReads, ethtoolReads } from './commands.js';
import { devlinkQueryInText } from './devlink-text-query.js';
import { interfaceInText, isDriverInfoText } from './net.js';

/** `ethtool -i` by its lines: `driver:` with another of its fields; the interface a pasted command line names, if any. */
export function ethtoolShape(lines: readonly string[]): string[] | undefined {
  const text = lines.join('\n');
  if (!isDriverInfoText(text)) return undefined;
  const ifname = interfaceInText(text);
  return ['ethtool', '-i', ...(ifname !== undefined && ethtoolReads(['-i', ifname]) ? [ifname] : [])];
}

/** A devlink query by the shape only it prints (dev info's `versions:`, health show's `reporter`, param show's `type generic`, a JSON's top key). */
export function devlinkShape(lines: readonly string[]): string[] | undefined {
  const query = devlinkQueryInText(lines.join('\n'), devlinkReads);
  return query && devlinkReads(query) ? ['devlink', ...query] : undefined;
}
