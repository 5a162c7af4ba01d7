import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';
import { tempDir } from '../helpers/tmp.js';

describe('names people save nvme-cli outputs under', () => {
  it.each([
    ['cmd/nvme/id-ctrl_nvme0.out', ['nvme', 'id-ctrl', '/dev/nvme0'], 'nvme0'],
    ['cmd/nvme/id-ctrl_%2fdev%2fnvme0.out', ['nvme', 'id-ctrl', '/dev/nvme0'], 'nvme0'],
    ['cmd/nvme/id-ctrl_nvme1n1_-H.out', ['nvme', 'id-ctrl', '/dev/nvme1n1', '-H'], 'nvme1'],
    ['cmd/nvme/id-ctrl_-o_json_nvme0.out', ['nvme', 'id-ctrl', '/dev/nvme0', '-o', 'json'], 'nvme0'],
    ['cmd/nvme/fw-log_dev_nvme2c2n1.out', ['nvme', 'fw-log', '/dev/nvme2c2n1'], 'nvme2'],
    ['cmd/nvme/fw-log_nvme3_--output-format=json.out', ['nvme', 'fw-log', '/dev/nvme3', '--output-format=json'], 'nvme3'],
    // nvme-cli 3 spells the subcommand as two words (`nvme id ctrl /dev/nvme0 -v`).
    ['cmd/nvme/id_ctrl_nvme0_-v.out', ['nvme', 'id-ctrl', '/dev/nvme0', '-v'], 'nvme0'],
    ['cmd/nvme/fw log nvme1.txt', ['nvme', 'fw-log', '/dev/nvme1'], 'nvme1'],
    // The kernel names a multipath path nvme<subsystem>c<controller>n<namespace>: nvme0c1n1 is reached through nvme1.
    ['cmd/nvme/smart-log_nvme0c1n1.out', ['nvme', 'smart-log', '/dev/nvme0c1n1'], 'nvme1'],
    // nvme-cli 2's generic character node and a partition's node reach their controller too (nvme-cli issues 3339, 1700).
    ['cmd/nvme/smart-log_ng1n1.out', ['nvme', 'smart-log', '/dev/ng1n1'], 'nvme1'],
    ['cmd/nvme/smart-log_nvme0n1p3.out', ['nvme', 'smart-log', '/dev/nvme0n1p3'], 'nvme0'],
    // A vendor plugin's id-ctrl typed as one word, as an Arch forum post ran it (`#nvme intel-id-ctrl /dev/nvme0 -H`).
    ['cmd/nvme/nvme intel-id-ctrl -H nvme0.txt', ['nvme', 'id-ctrl', '/dev/nvme0', '-H'], 'nvme0'],
  ])('%s', (name, argv, controller) => {
    expect(savedNvmeCommand(name)).toEqual({ treeName: name, argv, controller });
  });

  it('reads .txt/.log names with spaces, and takes the node from the text when the name has none', () => {
    expect(savedNvmeCommand('cmd/nvme/id-ctrl nvme0 -H.txt')?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme0', '-H']);
    expect(savedNvmeCommand('cmd/nvme/fw-log.log', 'Firmware Log for device:nvme1\nafi  : 0x1\n')).toMatchObject({ argv: ['nvme', 'fw-log', '/dev/nvme1'], controller: 'nvme1' });
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.out', '# nvme id-ctrl /dev/nvme2n1\nvid : 0x144d\n')?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme2n1']);
    // No node in the name or the text: nvme id-ctrl on no node, its drive known by its serial (id-ctrl-no-node.test.ts).
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.out', 'vid : 0x144d\n')?.argv).toEqual(['nvme', 'id-ctrl']);
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.out', '$ nvme id-ctrl /dev/nvme0\n$ nvme id-ctrl /dev/nvme1\n')).toBeUndefined();
    // SPDK's CUSE node (a Korean SPDK post's `nvme id-ctrl /dev/spdk/nvme0 -H`), however the paste was escaped.
    for (const typed of ['[root@localhost spdk]# nvme id-ctrl /dev/spdk/nvme0 -H', '[root@localhost spdk]# nvme id-ctrl &#x2F;dev&#x2F;spdk&#x2F;nvme0 -H', '# nvme id-ctrl /\u200bdev/\u200bspdk/\u200bnvme0 -H']) {
      expect(savedNvmeCommand('cmd/nvme/nvme id-ctrl -H.txt', `${typed}\nNVME Identify Controller:\nvid       : 0x8086\n`), typed).toMatchObject({ argv: ['nvme', 'id-ctrl', '/dev/nvme0', '-H'], controller: 'nvme0' });
    }
  });

  it.each([
    ['cmd/nvme/nvme-id-ctrl-nvme0n1.txt', ['nvme', 'id-ctrl', '/dev/nvme0n1']],
    ['cmd/nvme/nvme-fw-log-dev-nvme1.txt', ['nvme', 'fw-log', '/dev/nvme1']],
    ['cmd/nvme/nvme-smart-log-nvme0-H.txt', ['nvme', 'smart-log', '/dev/nvme0', '-H']],
    ['cmd/nvme/nvme-id-ctrl-nvme2-o-json.json', ['nvme', 'id-ctrl', '/dev/nvme2', '-o', 'json']],
    ['cmd/nvme/nvme-smart-log-nvme0-before-update.txt', ['nvme', 'smart-log', '/dev/nvme0']],
  ])('the subcommand, node and flags glued to the tool by dashes: %s', (name, argv) => {
    expect(savedNvmeCommand(name)?.argv).toEqual(argv);
  });

  it('takes the node from a pasted command line a web page HTML-escaped (`&#x2F;dev&#x2F;nvme1`, `2&gt;&amp;1`)', () => {
    const escaped = '# nvme id-ctrl &#x2F;dev&#x2F;nvme1 2&gt;&amp;1 | tee id.txt\nNVME Identify Controller:\nvid       : 0x144d\n';
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.txt', escaped)?.controller).toBe('nvme1');
  });

  it('trusts the node the output prints over the one its name gives, when their controllers differ', () => {
    expect(savedNvmeCommand('cmd/nvme/fw-log_nvme0.txt', 'Firmware Log for device:nvme1\nafi  : 0x1\n')).toMatchObject({ argv: ['nvme', 'fw-log', '/dev/nvme1'], controller: 'nvme1' });
    expect(savedNvmeCommand('cmd/nvme/smart-log_nvme2_-H.txt', 'Smart Log for NVME device:nvme3n1 namespace-id:ffffffff\n')).toMatchObject({ argv: ['nvme', 'smart-log', '/dev/nvme3n1', '-H'], controller: 'nvme3' });
    expect(savedNvmeCommand('cmd/nvme/smart-log_nvme0n1.txt', 'Smart Log for NVME device:nvme0 namespace-id:ffffffff\n')?.argv).toEqual(['nvme', 'smart-log', '/dev/nvme0n1']);
  });

  it("leaves a person's label in the name out (`id-ctrl hiksemi.txt`); of the nodes a text names, takes its subcommand's command line's", () => {
    const two = 'sugi@tempest:~% sudo nvme id-ctrl /dev/nvme0\nNVME Identify Controller:\nsn        : 30096022612\n<snip...>\nsugi@tempest:~% sudo nvme id-ns /dev/nvme0n1\nNVME Identify Namespace 1:\n';
    expect(savedNvmeCommand('cmd/nvme/id-ctrl hiksemi.txt', two)).toMatchObject({ argv: ['nvme', 'id-ctrl', '/dev/nvme0'], controller: 'nvme0' });
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nvme1_pc401.txt')).toMatchObject({ argv: ['nvme', 'id-ctrl', '/dev/nvme1'], controller: 'nvme1' });
    expect(savedNvmeCommand('cmd/nvme/nvme-id-ctrl-pc401_-H.txt', 'nvme id-ctrl /dev/nvme2\n')?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme2', '-H']);
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_2023-01-05_nvme0_-o_json.txt')?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme0', '-o', 'json']);
  });

  it('refuses names that do not say which read-only subcommand and node', () => {
    for (const n of ['cmd/nvme/nvme0.out', 'cmd/nvme/id-ctrl.out', 'cmd/nvme/format_nvme0.out', 'cmd/nvme/id-ctrl_nvme0_-b.out', 'cmd/nvme/fw-log_nvme0_nvme1.out']) {
      expect(savedNvmeCommand(n), n).toBeUndefined();
    }
  });
});

describe('allow-list for nvme-cli', () => {
  it('never runs it on a live host', () => {
    expect(commandAllowed(['nvme', 'id-ctrl', '/dev/nvme0'])).toBe(false);
  });

  it('replays only reads', () => {
    expect(replayAllowed(['nvme', 'id-ctrl', '/dev/nvme0', '-o', 'json'])).toBe(true);
    expect(replayAllowed(['nvme', 'fw-log', '/dev/nvme0n1'])).toBe(true);
    for (const argv of [
      ['nvme', 'fw-commit', '/dev/nvme0', '-a', '1'], ['nvme', 'format', '/dev/nvme0n1'], ['nvme', 'id-ctrl', '/dev/nvme0', '-o', 'binary'],
      ['nvme', 'id-ctrl', '/dev/sda'],
    ]) expect(replayAllowed(argv), argv.join(' ')).toBe(false);
  });
});

describe('collect --root replays pasted nvme-cli outputs under their own names', () => {
  it('stores them under the argv the name stands for, says where they came from, and reports a name it cannot read', async () => {
    const tree = tempDir();
    mkdirSync(join(tree, 'cmd/nvme'), { recursive: true });
    writeFileSync(join(tree, 'cmd/nvme/id-ctrl_nvme0n1_-H.out'), 'NVME Identify Controller:\nvid : 0x144d\n');
    writeFileSync(join(tree, 'cmd/nvme/notes.out'), 'what I ran\n');
    const r = await collect({ output: join(tree, 'b.tar.gz'), root: tree, only: ['nvme'], isolation: 'inline' });
    const art = Object.fromEntries(r.manifest.artifacts.map((a) => [a.name, a]));
    expect(art['cmd/nvme/id-ctrl_%2fdev%2fnvme0n1_-H.out']).toMatchObject({ origin: { kind: 'cmd', argv: ['nvme', 'id-ctrl', '/dev/nvme0n1', '-H'] }, replayedFrom: 'cmd/nvme/id-ctrl_nvme0n1_-H.out' });
    expect(r.manifest.issues).toContainEqual(expect.objectContaining({ source: 'nvme', target: 'cmd/nvme/notes.out', code: 'UNKNOWN_NAME' }));
    expect(r.manifest.sources.map((s) => [s.name, s.status])).toContainEqual(['nvme', 'partial']);
  });
});
