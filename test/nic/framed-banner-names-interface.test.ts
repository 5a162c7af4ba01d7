/**
 * A probe script's banners around each ethtool run (the real DGX Spark probe notes: `== network links (no IPs) ==`, then
 * `-- ethtool enP7s7 --` over its driver lines, `-- ethtool wlP9s9 --` over the next): the banner naming a command and
 * an interface names the output below it, as `== eth0 ==` does; a banner of words is the script's heading. Before,
 * both outputs were keyed by bus-info only, and two banners were unread lines.
 */
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const PROBE = '== network links (no IPs) ==\n-- ethtool enP7s7 --\ndriver: r8127\nversion: 11.014.00-NAPI\nbus-info: 0007:01:00.0\n-- ethtool wlP9s9 --\ndriver: mt7925e\nversion: 6.17.0-1014-nvidia\nfirmware-version: ____000000-20251210093025\nbus-info: 0009:01:00.0\n';

async function read(text: string): Promise<{ devices: string[]; unread: string[] }> {
  const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', text);
  try {
    const devices = (db.prepare(`SELECT device_key || ' ' || driver AS d FROM devices WHERE class = 'net' ORDER BY device_key`).all() as { d: string }[]).map((r) => r.d);
    const unread = (db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[]).map((r) => r.message);
    return { devices, unread };
  } finally {
    db.close();
  }
}

describe('a script banner naming the ethtool run of an interface', () => {
  it('names each output, and the heading of words is no unread line', async () => {
    expect(await read(PROBE)).toEqual({ devices: ['net:enP7s7 r8127', 'net:wlP9s9 mt7925e'], unread: [] });
  });

  it.each(['=== ethtool -i eth1 ===', '--- sudo ethtool --driver eth1 ---', '## ethtool -i eth1 ##'])('%s names eth1', async (banner) => {
    expect(await read(`${banner}\ndriver: igb\nversion: 5.6.0-k\nbus-info: 0000:02:00.0\n`)).toEqual({ devices: ['net:eth1 igb'], unread: [] });
  });
  // The same probe in another run: `ip -br link` above (no command line), and `ethtool <if>`'s own lines under each banner
  // before the driver's. Each other output is noted once, not line by line.
  it('with ip -br link above and each interface\'s Settings output under its banner: one note per other output', async () => {
    const ipBrief = 'lo               UNKNOWN        <redacted-mac> <LOOPBACK,UP,LOWER_UP> \nenP7s7           UP             <redacted-mac> <BROADCAST,MULTICAST,UP,LOWER_UP> \nwlP9s9           UP             <redacted-mac> <BROADCAST,MULTICAST,UP,LOWER_UP> \n';
    const probe = `== network links (no IPs) ==\n${ipBrief}-- ethtool enP7s7 --\nSettings for enP7s7:\n\tSpeed: 10000Mb/s\n\tLink detected: yes\ndriver: r8127\nversion: 11.014.00-NAPI\nfirmware-version: \nbus-info: 0007:01:00.0\n-- ethtool wlP9s9 --\nSettings for wlP9s9:\n\tLink detected: yes\ndriver: mt7925e\nversion: 6.17.0-1014-nvidia\nbus-info: 0009:01:00.0\n`;
    const r = await read(probe);
    expect(r.devices).toEqual(['net:enP7s7 r8127', 'net:wlP9s9 mt7925e']);
    expect(r.unread).toHaveLength(3);
  });
});
