import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandArtifactName } from '../../bundle/format.js';
import { commandAllowed } from '../../collector/command-allowlist.js';
import { mstCommands } from '../../collector/classes/mlx5/mst.js';
import { artifact, runSource } from '../collector/fake-kernel/run-source.js';
import { fakehostCopy, fakehostRoot } from '../helpers/fake-host/fakehost.js';

const ROOT = await fakehostRoot();

describe('mlx source', () => {
  it('replays mstconfig and mstflint for both ConnectX functions of the fake host', async () => {
    const run = await runSource('mlx', { root: ROOT });
    expect(run.status).toBe('ok');
    expect(run.devices).toEqual(['pci:0000:3b:00.0', 'pci:0000:3b:00.1']);
    const names = [...run.artifacts.keys()].sort();
    expect(names).toEqual([
      'cmd/mstconfig/-d_0000:3b:00.0_-e_query.err', 'cmd/mstconfig/-d_0000:3b:00.0_-e_query.out',
      'cmd/mstconfig/-d_0000:3b:00.1_-e_query.err', 'cmd/mstconfig/-d_0000:3b:00.1_-e_query.out',
      'cmd/mstflint/-d_0000:3b:00.0_query.err', 'cmd/mstflint/-d_0000:3b:00.0_query.out',
      'cmd/mstflint/-d_0000:3b:00.1_query.err', 'cmd/mstflint/-d_0000:3b:00.1_query.out',
    ]);
    expect(artifact(run, 'cmd/mstconfig/-d_0000:3b:00.1_-e_query.out').toString()).toContain('Device:             0000:3b:00.1');
    expect(run.issues).toEqual([]);
  });

  it('names its artifacts as the bundle format does', () => {
    expect(mstCommands('0000:3b:00.0').map((c) => commandArtifactName(c.argv, 'stdout'))).toEqual([
      'cmd/mstconfig/-d_0000:3b:00.0_-e_query.out',
      'cmd/mstflint/-d_0000:3b:00.0_query.out',
      'cmd/mstreg/-d_0000:3b:00.0_--get_--reg_name_MGIR.out',
    ]);
  });

  it('skips a captured tree with ConnectX functions but no mst tool output, saying the tree holds none', async () => {
    const tree = await fakehostCopy();
    for (const tool of ['mstconfig', 'mstflint', 'mstreg']) rmSync(join(tree, 'cmd', tool), { recursive: true, force: true });
    const run = await runSource('mlx', { root: tree });
    // "not installed" spoke of the machine replaying the tree, not of the host it was captured on.
    expect([run.status, run.reason]).toEqual(['skipped', 'the captured tree holds no output of the mstflint tools (cmd/mstconfig/, cmd/mstflint/, cmd/mstreg/ or their MFT names)']);
  });

  it('skips hosts without a 15b3 function', async () => {
    const run = await runSource('mlx', { root: fileURLToPath(new URL('./fixtures', import.meta.url)) });
    expect(run.status).toBe('skipped');
  });
});

describe('command allow-list for the mst tools', () => {
  it('allows exactly the queries the source runs', () => {
    for (const c of mstCommands('0000:3b:00.0')) expect(commandAllowed(c.argv), c.argv.join(' ')).toBe(true);
    expect(commandAllowed(['mstconfig', '-d', '3b:00.0', 'q'])).toBe(true);
    expect(commandAllowed(['mstflint', '-d', 'mlx5_0', 'q', 'full'])).toBe(true);
    expect(commandAllowed(['/usr/bin/mstflint', '-d', '/dev/mst/mt4125_pciconf0', '-qq', 'query'])).toBe(true);
  });

  it('refuses every argv that writes, resets, or reads a file', () => {
    const refused = [
      ['mstconfig', '-d', '0000:3b:00.0', 'set', 'SRIOV_EN=1'],
      ['mstconfig', '-d', '0000:3b:00.0', 'set', 'SRIOV_EN=1', 'query'],
      ['mstconfig', '-d', '0000:3b:00.0', '-y', 'reset'],
      ['mstconfig', '-d', '0000:3b:00.0', 'query', 'reset'],
      ['mstconfig', '-d', '0000:3b:00.0', '-f', 'conf', 'set_raw'],
      ['mstconfig', '-d', '0000:3b:00.0', '-j', '/tmp/out.json', 'query'], // -j writes a file
      ['mstconfig', '-d', '0000:3b:00.0', '-d', '0000:3b:00.1', 'query'],
      ['mstconfig', '-d', '-e', 'query'],
      ['mstconfig', 'query'],
      ['mstconfig', '-d', '0000:3b:00.0', 'backup', 'query'],
      ['mstflint', '-d', '0000:3b:00.0', '-i', 'fw.bin', 'burn'],
      ['mstflint', '-d', '0000:3b:00.0', '-y', 'q'],
      ['mstflint', '-d', '0000:3b:00.0', 'query', 'erase'],
      ['mstflint', '-d', '0000:3b:00.0', 'sg', 'q'],
      ['mstflint', '-d', '0000:3b:00.0; reboot', 'q'],
      ['mstreg', '-d', '0000:3b:00.0', '--set', 'e=0', '--reg_name', 'PAOS'],
      ['mstreg', '-d', '0000:3b:00.0', '--get', '--reg_name', 'PPCNT'],
      ['mstreg', '-d', '0000:3b:00.0', '--get', '--reg_name', 'MGIR', '--yes'],
      ['mstreg', '-d', '0000:3b:00.0', '--reg_name', 'MGIR'],
      ['mstfwreset', '-d', '0000:3b:00.0', 'query'],
    ];
    for (const argv of refused) expect(commandAllowed(argv), argv.join(' ')).toBe(false);
  });
});
