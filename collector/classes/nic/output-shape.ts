import { devlinkReads, ETHTOOL_FLAGS_SOURCE, ethtoolReads } from './commands.js';
import { devlinkQueryInText } from './devlink-text-query.js';
import { interfaceInText, isDriverInfoText } from './net.js';

/**
 * ethtool -i's own first lines, wherever they stand: `driver:` over the field ethtool prints next (`version:`, or
 * `firmware-version:`/`bus-info:` where a grep kept only some), as a report script or VyOS's `show interfaces ethernet
 * eth0 physical` print it under plain ethtool's `Settings for eth0:`; or its `driver:` line right under an `ethtool -i`
 * command line no prompt shape takes (`<machine_obfuscated>:~# ethtool -i <interface_obfuscated>`).
 */
const DRIVER_BLOCK = /^[> \t]*driver:[ \t]*\S.*\n[> \t]*(?:version|firmware-version|bus-info):/m;
const UNDER_COMMAND = new RegExp(String.raw`(?:^|\s)(?:\S*\/)?ethtool[ \t]+${ETHTOOL_FLAGS_SOURCE}(?:-i|--driver)\b.*\n[> \t]*driver:[ \t]*\S`, 'm');

/** `ethtool -i` by its lines: `driver:` with another of its fields, or under its command; the interface a pasted command line names, if any. */
export function ethtoolShape(lines: readonly string[]): string[] | undefined {
  const text = lines.join('\n');
  if (!isDriverInfoText(text) && !DRIVER_BLOCK.test(text) && !UNDER_COMMAND.test(text)) return undefined;
  const ifname = interfaceInText(text);
  return ['ethtool', '-i', ...(ifname !== undefined && ethtoolReads(['-i', ifname]) ? [ifname] : [])];
}

/** A devlink query by the shape only it prints (dev info's `versions:`, health show's `reporter`, param show's `type generic`, a JSON's top key). */
export function devlinkShape(lines: readonly string[]): string[] | undefined {
  const query = devlinkQueryInText(lines.join('\n'), devlinkReads);
  return query && devlinkReads(query) ? ['devlink', ...query] : undefined;
}
