import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** The first network interface of this machine backed by a device (eth0 on a VM), if any. */
export function liveNic(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  return readdirSync('/sys/class/net')
    .sort()
    .find((n) => existsSync(`/sys/class/net/${n}/device`));
}

/** `ethtool -i IF` as a field map ("driver", "version", "firmware-version", "bus-info", …). */
export function ethtoolInfo(ifname: string): Record<string, string> {
  const out = execFileSync('ethtool', ['-i', ifname], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  const fields: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([a-z-]+): ?(.*)$/.exec(line);
    if (m) fields[m[1]!] = m[2]!.trimEnd();
  }
  if (!fields.driver) throw new Error(`ethtool -i ${ifname} printed no driver line:\n${out}`);
  return fields;
}
