import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * An `ip a` / `ip link` listing pasted beside an `ethtool -i` output with no command line of its own (a ticket that
 * pasted only what the commands printed): ip's lines are another tool's, noted once per listing, and the ethtool
 * fields above and below them are read. Real outputs: coreos/bugs issue 450 (bnx2x, `ip -4 addr show`) and an
 * OpenShift debug session (i40e, `ip a | grep ens`), with the typed command lines taken out.
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/ethtool-i/${f}.txt`, import.meta.url), 'utf8');
const BNX2X = real('bnx2x-coreos-os-release-before-ip-after');
const I40E = real('i40e-oc-debug-command-echoed');

const ethtoolOf = (text: string): string => text.slice(text.indexOf('driver:'), text.indexOf('supports-priv-flags: yes') + 'supports-priv-flags: yes\n'.length);
const ipOf = (text: string, from: string, to: string): string => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from)));

async function read(text: string): Promise<{ firmware: unknown[]; unread: string[] }> {
  const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', text);
  try {
    return {
      firmware: db.prepare('SELECT device_key, version FROM firmware').all(),
      unread: (db.prepare(`SELECT code || ' ' || message AS message FROM collection_issues WHERE code IN ('PARSE-LINE', 'PASTE-AROUND') ORDER BY message`).all() as { message: string }[]).map((r) => r.message),
    };
  } finally {
    db.close();
  }
}

describe('an ip listing pasted beside ethtool -i without its command line', () => {
  const ethtool = ethtoolOf(BNX2X);
  const ipAddr = ipOf(BNX2X, '4: enp2s0f0:', '```');
  const ipLink = ipOf(I40E, '2: ens1f0:', '\nsh-4.4# ethtool') + '\n';

  it('below the output (ip -4 addr show): noted once, the fields read', async () => {
    const r = await read(`${ethtool}\n${ipAddr}`);
    expect(r.firmware).toEqual([{ device_key: 'net:pci/0000:02:00.0', version: 'bc 5.2.7 phy baa0.105' }]);
    expect(r.unread).toHaveLength(1);
    expect(r.unread[0]).toMatch(/3 line\(s\) of the output of "ip address \/ ip link/);
  });

  it('above the output (ip a | grep, eight interfaces): noted once', async () => {
    const r = await read(`${ipLink}\n${ethtoolOf(I40E)}`);
    expect(r.firmware).toEqual([{ device_key: 'net:pci/0000:86:00.0', version: '9.20 0x8000d960 22.0.9' }]);
    expect(r.unread).toHaveLength(1);
    expect(r.unread[0]).toMatch(/8 line\(s\) of the output of "ip address/);
  });

  it('in the middle of the fields, its indentation lost: the fields around it read', async () => {
    const [head, tail] = [ethtool.split('\n').slice(0, 3).join('\n'), ethtool.split('\n').slice(3).join('\n')];
    const r = await read(`${head}\n${ipAddr.replace(/^ +/gm, '')}${tail}`);
    expect(r.firmware).toEqual([{ device_key: 'net:pci/0000:02:00.0', version: 'bc 5.2.7 phy baa0.105' }]);
    expect(r.unread).toHaveLength(1);
  });

  // `ip -s link` of two ports as a web page shows it, every line at the margin: a counter line is under its RX or TX head.
  it('ip -s link of two ports, their indentation lost (a web page): one note for the listing, none per port or counter line', async () => {
    const stats = ['RX:  bytes packets errors dropped  missed   mcast', '123456789   12345      0       0       0       0', 'TX:  bytes packets errors dropped carrier collsns', '987654321   54321      0       0       0       0'];
    const port = (n: number, name: string): string[] => [`${n}: ${name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000`, `link/ether 3c:fd:fe:aa:bb:c${n} brd ff:ff:ff:ff:ff:ff`, ...stats, `altname enp134s0f${n - 2}`];
    const r = await read(`${ethtoolOf(I40E)}${[...port(2, 'ens7f0'), ...port(3, 'ens7f1')].join('\n')}\n`);
    expect(r.firmware).toEqual([{ device_key: 'net:pci/0000:86:00.0', version: '9.20 0x8000d960 22.0.9' }]);
    expect(r.unread).toHaveLength(1);
    expect(r.unread[0]).toMatch(/line 11 .*: 14 line\(s\) of the output of "ip address \/ ip link/);
  });

  it('under the ethtool -i command line: the output is the interface\'s, the listing noted once', async () => {
    const r = await read(`$ ethtool -i enp2s0f0\n${ethtool}${ipAddr}`);
    expect(r.firmware).toEqual([{ device_key: 'net:enp2s0f0', version: 'bc 5.2.7 phy baa0.105' }]);
    expect(r.unread).toHaveLength(1);
  });
});

describe('an ip listing pasted beside devlink dev info without its command line', () => {
  // Real outputs: qed's two functions (a netdev review) and the bnx2x interface's `ip -4 addr show` of coreos/bugs issue 450.
  const QED = readFileSync(new URL('./fixtures/real/devlink-dev-info/qed-two-pf.txt', import.meta.url), 'utf8');
  const ipAddr = ipOf(BNX2X, '4: enp2s0f0:', '```');

  it.each([
    ['below the output', `${QED}\n${ipAddr}`],
    ['between the two functions', QED.replace('pci/0000:01:00.1:', `${ipAddr}pci/0000:01:00.1:`)],
  ])('%s: noted once, both functions read', async (_, text) => {
    const { db } = await replaySaved('cmd/devlink/devlink dev info.txt', text);
    try {
      expect(db.prepare(`SELECT device_key, state, component, version FROM firmware ORDER BY device_key, state`).all()).toEqual([
        { device_key: 'devlink:pci/0000:01:00.0', state: 'running', component: 'fw', version: '8.42.2.0' },
        { device_key: 'devlink:pci/0000:01:00.0', state: 'stored', component: 'fw.mgmt', version: '8.52.10.0' },
        { device_key: 'devlink:pci/0000:01:00.1', state: 'running', component: 'fw', version: '8.42.2.0' },
        { device_key: 'devlink:pci/0000:01:00.1', state: 'stored', component: 'fw.mgmt', version: '8.52.10.0' },
      ]);
      const unread = (db.prepare(`SELECT message FROM collection_issues WHERE code IN ('PARSE-LINE', 'PASTE-AROUND')`).all() as { message: string }[]).map((r) => r.message);
      expect(unread).toHaveLength(1);
      expect(unread[0]).toMatch(/3 line\(s\) of the output of "ip address \/ ip link/);
    } finally {
      db.close();
    }
  });
});
