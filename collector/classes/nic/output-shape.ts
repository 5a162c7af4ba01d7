import { ethtoolReads } from './commands.js';
import { interfaceInText, isDriverInfoText } from './net.js';

/** `ethtool -i` by its lines: `driver:` with another of its fields; the interface a pasted command line names, if any. */
export function ethtoolShape(lines: readonly string[]): string[] | undefined {
  const text = lines.join('\n');
  if (!isDriverInfoText(text)) return undefined;
  const ifname = interfaceInText(text);
  return ['ethtool', '-i', ...(ifname !== undefined && ethtoolReads(['-i', ifname]) ? [ifname] : [])];
}
