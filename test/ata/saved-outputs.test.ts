import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';
import { savedSmartctlArgv } from '../../collector/classes/ata/smartctl-source.js';
import { tempDir } from '../helpers/tmp.js';

describe('names people save smartctl outputs under', () => {
  it.each([
    ['cmd/smartctl/-x_sda.out', ['smartctl', '-x', '/dev/sda']],
    ['cmd/smartctl/-a_nvme0.out', ['smartctl', '-a', '/dev/nvme0']],
    ['cmd/smartctl/-d_sat_--all_sg2.out', ['smartctl', '-d', 'sat', '--all', '/dev/sg2']],
    ['cmd/smartctl/-j_-x_%2fdev%2fsda.out', ['smartctl', '-j', '-x', '/dev/sda']],
    ['cmd/smartctl/-d_megaraid,16_--all_%2fdev%2fbus%2f0.out', ['smartctl', '-d', 'megaraid,16', '--all', '/dev/bus/0']],
    ['cmd/smartctl/-x_sdf_-d_sntasmedia.out', ['smartctl', '-x', '-d', 'sntasmedia', '/dev/sdf']],
    // A port behind an Areca enclosure or a HighPoint channel: smartctl's type holds slashes (areca,N/E, hpt,L/M/N).
    ['cmd/smartctl/--all_-d_areca,1%2f1_sg1.out', ['smartctl', '--all', '-d', 'areca,1/1', '/dev/sg1']],
    ['cmd/smartctl/-a_-d_hpt,1%2f3%2f2_sda.out', ['smartctl', '-a', '-d', 'hpt,1/3/2', '/dev/sda']],
    // Short options run together with a valued one last; a long option abbreviated as getopt_long allows.
    ['cmd/smartctl/-AHil_selftest_da1_-d_scsi.out', ['smartctl', '-AHil', 'selftest', '-d', 'scsi', '/dev/da1']],
    ['cmd/smartctl/--x_sdi.out', ['smartctl', '--x', '/dev/sdi']],
    ['cmd/smartctl/--heal_--inf_sda.out', ['smartctl', '--heal', '--inf', '/dev/sda']],
  ])('%s', (name, argv) => {
    expect(savedSmartctlArgv(name)).toEqual(argv);
  });

  it.each([
    ['cmd/smartctl/smartctl-a-sda.txt', ['smartctl', '-a', '/dev/sda']],
    ['cmd/smartctl/smartctl-x-nvme0.txt', ['smartctl', '-x', '/dev/nvme0']],
    ['cmd/smartctl/smartctl-a-dev-sda.txt', ['smartctl', '-a', '/dev/sda']],
    ['cmd/smartctl/smartctl-x-j-nvme0n1.json', ['smartctl', '-x', '-j', '/dev/nvme0n1']],
    ['cmd/smartctl/smartctl-xj-ada1.log', ['smartctl', '-xj', '/dev/ada1']],
    ['cmd/smartctl/smartctl-a-sg3.txt', ['smartctl', '-a', '/dev/sg3']],
    ['cmd/smartctl/smartctl--x-da0.txt', ['smartctl', '-x', '/dev/da0']],
    ['cmd/smartctl/smartctl-a-disk1.txt', ['smartctl', '-a', '/dev/disk1']],
    ['cmd/smartctl/smartctl.exe -x sdd.txt', ['smartctl', '-x', '/dev/sdd']],
    ['cmd/smartctl/smartctl.exe-x-sdb.txt', ['smartctl', '-x', '/dev/sdb']],
    ['cmd/smartctl/smartctl-x-nvd0.txt', ['smartctl', '-x', '/dev/nvd0']],
    ['cmd/smartctl/smartctl-x.txt', ['smartctl', '-x']],
    ['cmd/smartctl/smartctl-a_sdb.txt', ['smartctl', '-a', '/dev/sdb']],
    ['cmd/smartctl/smartctl_-x_-d_sat_sdb.txt', ['smartctl', '-x', '-d', 'sat', '/dev/sdb']],
  ])('options glued to the tool by dashes: %s', (name, argv) => {
    expect(savedSmartctlArgv(name)).toEqual(argv);
  });

  it('a glued name with other words (a label, a date, an option that writes) takes none of its options, only its one device', () => {
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-x-sda-before-update.txt')).toEqual(['smartctl', '/dev/sda']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-t-long-sda.txt')).toEqual(['smartctl', '/dev/sda']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-X-sda.txt')).toEqual(['smartctl', '/dev/sda']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-a-sda-sdb.txt')).toEqual(['smartctl', '-a']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-d-sat-a-sdb.txt')).toEqual(['smartctl', '-d', 'sat', '-a', '/dev/sdb']);
  });

  it('takes the device of a pasted command line that a web page left zero-width spaces in', () => {
    const text = 'smartctl -i -H -A -d megaraid,3  /d\u200bev/s\u200bdb\nsmartctl 5.43 2016-09-28 r4347\n';
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-ihA-megaraid-3.txt', text)).toEqual(['smartctl', '-d', 'megaraid,3', '/dev/sdb']);
  });

  it('trusts the device the output prints (-j device.name) over the one its name gives', () => {
    const json = '{"json_format_version": [1, 0], "device": {"name": "/dev/sdc", "info_name": "/dev/sdc [SAT]", "type": "sat"}}';
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-a-sda.json', json)).toEqual(['smartctl', '-a', '/dev/sdc']);
    expect(savedSmartctlArgv('cmd/smartctl/-j_-x_sda.out', json)).toEqual(['smartctl', '-j', '-x', '/dev/sdc']);
    // The same JSON as people paste it: inside a log line, HTML-escaped, with typographic quotes and zero-width spaces.
    for (const pasted of [JSON.stringify({ log: json }), json.replace(/"/g, '&quot;'), json.replace(/"(\w)/g, '\u201c$1').replace(/(\w)"/g, '$1\u201d'), json.replace(/dev/g, 'd\u200bev')]) {
      expect(savedSmartctlArgv('cmd/smartctl/-j_-x_sda.out', pasted), pasted).toEqual(['smartctl', '-j', '-x', '/dev/sdc']);
    }
  });

  it('takes the device from the text when the name has none (pasted command line, -j device.name)', () => {
    expect(savedSmartctlArgv('cmd/smartctl/-x.txt', '$ sudo smartctl -x /dev/sdf -d sntasmedia\nsmartctl 7.5\n')).toEqual(['smartctl', '-d', 'sntasmedia', '-x', '/dev/sdf']);
    expect(savedSmartctlArgv('cmd/smartctl/-j -a.out', '{"device": {"name": "/dev/sda", "info_name": "/dev/sda [SAT]"}}')).toEqual(['smartctl', '-j', '-a', '/dev/sda']);
  });

  it('reads an output whose name and text name no device (its drive is found by serial when loaded)', () => {
    expect(savedSmartctlArgv('cmd/smartctl/-x.out', 'smartctl 7.3\n')).toEqual(['smartctl', '-x']);
  });

  it('refuses anything that would change a drive, even in a name', () => {
    for (const n of ['cmd/smartctl/-t_long_sda.out', 'cmd/smartctl/-s_on_sda.out', 'cmd/smartctl/-X_sda.out', 'cmd/smartctl/--test=long_sda.out',
      'cmd/smartctl/--te=long_sda.out', 'cmd/smartctl/--sa_sda.out', 'cmd/smartctl/-at_long_sda.out', 'cmd/smartctl/--i_sda.out']) {
      expect(savedSmartctlArgv(n), n).toBeUndefined();
    }
  });
});

describe('allow-list for smartctl', () => {
  it('never runs it on a live host', () => {
    expect(commandAllowed(['smartctl', '-x', '/dev/sda'])).toBe(false);
  });

  it('replays only reads', () => {
    expect(replayAllowed(['smartctl', '-x', '/dev/sda'])).toBe(true);
    expect(replayAllowed(['smartctl', '--json=c', '-a', '/dev/nvme0'])).toBe(true);
    for (const argv of [
      ['smartctl', '-t', 'long', '/dev/sda'], ['smartctl', '-s', 'off', '/dev/sda'],
      ['smartctl', '--smart=off', '/dev/sda'], ['smartctl', '-x', '/dev/../etc/passwd'], ['smartctl', '-x', '/dev/sda', '/dev/sdb'],
    ]) expect(replayAllowed(argv), argv.join(' ')).toBe(false);
  });
});

describe('collect --root replays pasted smartctl outputs under their own names', () => {
  it('stores them under the argv the name stands for and says where they came from; naming smartctl runs the ata source it is part of', async () => {
    const tree = tempDir();
    mkdirSync(join(tree, 'cmd/smartctl'), { recursive: true });
    writeFileSync(join(tree, 'cmd/smartctl/-x_sda.out'), 'smartctl 7.3\n');
    const r = await collect({ output: join(tree, 'b.tar.gz'), root: tree, only: ['smartctl'], isolation: 'inline' });
    const art = Object.fromEntries(r.manifest.artifacts.map((a) => [a.name, a]));
    expect(art['cmd/smartctl/-x_%2fdev%2fsda.out']).toMatchObject({ origin: { kind: 'cmd', argv: ['smartctl', '-x', '/dev/sda'] }, replayedFrom: 'cmd/smartctl/-x_sda.out' });
    expect(r.manifest.sources.map((s) => [s.name, s.status])).toContainEqual(['ata', 'ok']);
  });
});
