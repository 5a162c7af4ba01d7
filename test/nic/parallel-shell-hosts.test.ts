/**
 * A parallel shell's output of several hosts pasted into a ticket (pdsh and clush's `<host>: ` prefixes, dshbak and
 * `clush -b` headers with node sets, pssh -i's `[1] … [SUCCESS] <host>`, an Ansible ad-hoc command's `<host> | CHANGED
 * | rc=0 >>`): `analyze` and `fleet` read each host as its own bundle, with its own firmware; `collect --root` and
 * `diff` refuse it, naming the hosts. Before, the hosts' outputs were read as one host's: under dshbak the second
 * host's firmware was read as the first one's "later output", under pdsh the other hosts' lines were unread.
 * The output is a real one: ethtool -i of a BlueField-2 port (test/nic/fixtures/real/ethtool-i/
 * mlx5-bluefield2-aarch64-zh-notes-cut-register-dump-settings-command-after, its provenance file says where it was
 * published), laid out as the parallel shells' manuals give their output; the second host's firmware changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSetHosts, parallelShellCommand, parallelShellHosts } from '../../collector/parallel-shell-hosts.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/ethtool-i/mlx5-bluefield2-aarch64-zh-notes-cut-register-dump-settings-command-after.txt', import.meta.url), 'utf8');
const BODY = SAMPLE.split('\n').slice(3, 13);
const OTHER = BODY.map((l) => l.replace('24.41.1000', '24.39.2048'));
const prefixed = (host: string, lines: string[]): string[] => lines.map((l) => `${host}: ${l}`.trimEnd());
const header = (set: string): string[] => ['----------------', set, '----------------'];

const FORMS: Record<string, string[]> = {
  'pdsh, lines interleaved': ['[root@head ~]# pdsh -w node[01-02] ethtool -i enp1s0f0np0', ...prefixed('node01', BODY).flatMap((l, i) => [l, prefixed('node02', OTHER)[i]!])],
  'pdsh, no command typed': [...prefixed('node01', BODY), ...prefixed('node02', OTHER)],
  'clush with a quoted command': ["# clush -w 'node[01-02]' -t 10 'ethtool -i enp1s0f0np0'", ...prefixed('node02', OTHER), ...prefixed('node01', BODY)],
  'pdsh | dshbak': ['$ pdsh -w node[01-02] ethtool -i enp1s0f0np0 | dshbak', ...header('node01'), ...BODY, ...header('node02'), ...OTHER],
  'clush -b, a node set of identical outputs': ['$ clush -b -w node[01-03] ethtool -i enp1s0f0np0', ...header('node[01,03] (2)'), ...BODY, ...header('node02'), ...OTHER],
  'pssh -i': ['$ pssh -h hosts.txt -i ethtool -i enp1s0f0np0', '[1] 10:12:01 [SUCCESS] node01', ...BODY, '[2] 10:12:01 [SUCCESS] node02', ...OTHER],
  'ansible ad-hoc': ["$ ansible compute -b -m shell -a 'ethtool -i enp1s0f0np0'", 'node01 | CHANGED | rc=0 >>', ...BODY, 'node02 | CHANGED | rc=0 >>', ...OTHER],
};

describe("a parallel shell's output of several hosts", () => {
  it('its command and node sets are read as the shells write them', () => {
    expect(parallelShellCommand("# clush -w 'node[01-02]' -t 10 'ethtool -i ib0' | sort")).toEqual({ shell: 'clush', command: 'ethtool -i ib0' });
    expect(parallelShellCommand("$ ansible all -i inv -m shell -a 'nvme list'")).toEqual({ shell: 'ansible', command: 'nvme list' });
    expect(nodeSetHosts('node[01-03,07],login1')).toEqual(['node01', 'node02', 'node03', 'node07', 'login1']);
  });

  it.each(Object.keys(FORMS))('%s: each host its own lines, under the command typed', (form) => {
    const hosts = parallelShellHosts(`${FORMS[form]!.join('\n')}\n`)!;
    expect(hosts.map((h) => h.host).sort()).toEqual(form.startsWith('clush -b') ? ['node01', 'node02', 'node03'] : ['node01', 'node02']);
    const node02 = hosts.find((h) => h.host === 'node02')!.text;
    expect(node02).toContain('firmware-version: 24.39.2048 (MT_0000000375)');
    expect(node02).not.toContain('24.41.1000');
    if (form !== 'pdsh, no command typed') expect(node02.split('\n')[0]).toBe('$ ethtool -i enp1s0f0np0');
  });

  it("one tool's own output (field: value lines, lspci's repeated fields), a kernel log's `ata1:` lines: no hosts", () => {
    expect(parallelShellHosts(SAMPLE)).toBeUndefined();
    expect(parallelShellHosts(['$ pdsh -w n1 ethtool -i ib0', ...BODY].join('\n'))).toBeUndefined();
    const lspci = ['3b:00.0 Ethernet controller: Mellanox Technologies MT28800 Family [ConnectX-5 Ex]', '\tSubsystem: Mellanox Technologies Device 0008', '\tControl: I/O- Mem+ BusMaster+', '\tStatus: Cap+ 66MHz-', '\tCapabilities: [60] Express (v2) Endpoint, MSI 00', '\tCapabilities: [48] Vital Product Data'];
    expect(parallelShellHosts(['# pdsh -w n[1-2] lspci -vvv', ...lspci, ...lspci.map((l) => l.replace('3b:00.0', '3b:00.1'))].join('\n'))).toBeUndefined();
    expect(parallelShellHosts(['ata1: SATA link up 6.0 Gbps (SStatus 133 SControl 300)', 'ata1: configured for UDMA/133', 'ata2: SATA link down', 'ata2: hard resetting link'].join('\n'))).toBeUndefined();
  });

  it('analyze and fleet read each host as its own bundle; collect --root and diff refuse it, naming the hosts', async () => {
    const dir = tempDir();
    const file = join(dir, 'ticket.txt');
    writeFileSync(file, `${FORMS['pdsh | dshbak']!.join('\n')}\n`);
    const analyzed = await runCli(['analyze', file, '--db', join(dir, 'a.db'), '--format', 'json']);
    expect([analyzed.status, analyzed.stderr]).toEqual([0, expect.stringContaining('2 hosts (node01, node02)')]);
    const report = JSON.parse(analyzed.stdout) as { bundles: { hostname: string }[]; inventory: { hostname?: string; host?: string; firmware?: { version: string }[] }[] };
    expect(report.bundles.map((b) => b.hostname)).toEqual(['node01', 'node02']);
    const versions = await runCli(['query', join(dir, 'a.db'), 'SELECT b.hostname, f.version FROM firmware f JOIN bundles b ON b.id = f.bundle_id ORDER BY b.hostname', '--format', 'csv']);
    expect(versions.stdout.trim().split('\n').slice(1)).toEqual(['node01,24.41.1000 (MT_0000000375)', 'node02,24.39.2048 (MT_0000000375)']);
    const fleet = await runCli(['fleet', file, '--format', 'text']);
    expect(fleet.stdout).toMatch(/fleet of 2 host/);
    expect(fleet.stdout).toMatch(/24\.39\.2048/);
    for (const args of [['collect', '--root', file, '-o', join(dir, 'b.tar.gz')], ['diff', file, file]]) {
      const refused = await runCli(args);
      expect([args[0], refused.status, refused.stderr]).toEqual([args[0], 2, expect.stringContaining("parallel shell's output of 2 hosts (node01, node02)")]);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a node set or an output too large to be one ticket of hosts', () => {
  it("a node set naming more than 10,000 hosts is kept as written; a hundred thousand lines are split (copied line by line into a new list each time, as first written, they would not end in the test's time)", () => {
    expect(nodeSetHosts('n[1-5000]-c[1-5000]')).toEqual(['n[1-5000]-c[1-5000]']);
    expect(nodeSetHosts('n[1-3]-c[1-2]')).toEqual(['n1-c1', 'n1-c2', 'n2-c1', 'n2-c2', 'n3-c1', 'n3-c2']);
    const many = Array.from({ length: 100_000 }, (_, i) => `node0${i % 2}: field${i % 7}: value ${i}`);
    const hosts = parallelShellHosts(['$ pdsh -w node0[0-1] cat /proc/x', ...many].join('\n'))!;
    expect(hosts.map((h) => h.text.split('\n').length)).toEqual([50_002, 50_002]);
  });
});
