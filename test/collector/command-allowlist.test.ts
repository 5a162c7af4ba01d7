import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { commandAllowed, commandPolicies, gatherCommands, replayAllowed } from '../../collector/command-allowlist.js';

/** The read-only command allow-list is gathered from what each class declares (collector/classes/<name>/index.ts). */
describe('command allow-list', () => {
  it('holds exactly the commands the classes declare, each declared by one class', () => {
    const declared = CLASSES.flatMap((c) => Object.keys(c.commands ?? {}).map((tool) => `${c.name} ${tool}`)).sort();
    expect(declared).toEqual([
      'ata hdparm', 'ata lsblk', 'ata smartctl', 'cpu lscpu', 'cxl cxl', 'gpu amd-smi', 'gpu nv-fabricmanager', 'gpu nvidia-smi', 'gpu rocm-smi', 'kernel-log dmesg', 'mlx5 flint', 'mlx5 mlxconfig', 'mlx5 mlxfwmanager', 'mlx5 mlxfwreset', 'mlx5 mlxlink', 'mlx5 mlxup', 'mlx5 mst', 'mlx5 mstconfig', 'mlx5 mstflint', 'mlx5 mstfwmanager', 'mlx5 mstfwreset', 'mlx5 mstlink', 'mlx5 mstreg',
      'nic devlink', 'nic ethtool', 'nvme nvme', 'pci lspci', 'pci udevadm', 'platform cat', 'platform dmidecode', 'platform efibootmgr', 'platform fwupdmgr', 'platform fwupdtool', 'platform grep', 'platform head', 'platform tpm2_getcap', 'platform uname', 'rdma ibstat', 'rdma ibv_devinfo', 'scsi lsscsi', 'scsi sdparm', 'scsi sg_inq', 'scsi sg_vpd',
    ]);
    expect([...commandPolicies().keys()].sort()).toEqual(declared.map((d) => d.split(' ')[1]).sort());
  });

  it('refuses a tool two classes declare', () => {
    const policy = { run: () => true };
    expect(() => gatherCommands([{ name: 'a', sources: [], commands: { tool: policy } }, { name: 'b', sources: [], commands: { tool: policy } }])).toThrow(/command tool is declared by both a and b/);
  });

  it('runs what a class allows to run, replays what it allows only from a tree, and nothing undeclared', () => {
    expect(commandAllowed(['devlink', 'dev', 'info'])).toBe(true);
    expect(commandAllowed(['devlink', 'dev', 'reload', 'pci/0000:3b:00.0'])).toBe(false);
    expect(commandAllowed(['/usr/bin/mstconfig', '-d', '0000:3b:00.0', 'q'])).toBe(true);
    expect(commandAllowed(['mstconfig', '-d', '0000:3b:00.0', 'set', 'NUM_OF_VFS=8'])).toBe(false);
    expect(replayAllowed(['mstconfig', '-d', '0000:3b:00.0', 'set', 'NUM_OF_VFS=8'])).toBe(true);
    expect(replayAllowed(['mstconfig', 'query'])).toBe(true);
    expect(commandAllowed(['mstconfig', 'query'])).toBe(false);
    for (const replayOnly of [['cxl', 'list', '-M'], ['nvme', 'id-ctrl', '/dev/nvme0'], ['smartctl', '-x', '/dev/sda'], ['hdparm', '-I', '/dev/sda'], ['lsblk', '-o', 'NAME,MODEL,REV,SERIAL'], ['lsblk', '-S'], ['sg_inq', '-p', '0x80', '/dev/sg2'], ['dmidecode'], ['dmidecode', '-t', 'bios'], ['lsscsi', '-g'], ['sdparm', '--inquiry', '/dev/sda'], ['sg_vpd', '-a', '/dev/sdc'], ['mlxlink', '-d', '3b:00.0', '-p', '1', '-m'], ['lscpu'], ['cat', '/proc/cpuinfo'], ['grep', '.', '/sys/class/dmi/id/*'], ['head', '/sys/class/dmi/id/*'], ['fwupdmgr', 'get-devices'], ['fwupdmgr', 'get-devices', '--json'], ['efibootmgr'], ['efibootmgr', '-v'], ['cat', '/proc/driver/nvidia/version'], ['rocm-smi', '-a'], ['rocm-smi', '-a', '--json'], ['amd-smi', 'static', '--json']]) {
      expect(commandAllowed(replayOnly), replayOnly.join(' ')).toBe(false);
      expect(replayAllowed(replayOnly), replayOnly.join(' ')).toBe(true);
    }
    expect(commandAllowed(['cat', '/proc/version'])).toBe(false);
    expect(replayAllowed(['cat', '/proc/version'])).toBe(true);
    expect(replayAllowed(['cat', '/etc/shadow'])).toBe(false);
    // rocm-smi and amd-smi set clocks, power and partitions with other options: only the read forms are replayed, none run.
    for (const set of [['rocm-smi', '--setsclk', '3'], ['rocm-smi', '-r'], ['rocm-smi', '--resetclocks'], ['amd-smi', 'set', '-C', 'CPX'], ['amd-smi', 'reset', '-G'], ['amd-smi', 'metric']]) expect(replayAllowed(set), set.join(' ')).toBe(false);
    expect(replayAllowed(['grep', '-r', 'password', '/etc'])).toBe(false);
    expect(replayAllowed(['head', '/etc/shadow'])).toBe(false);
    expect(replayAllowed(['fwupdmgr', 'update']), 'fwupdmgr installing firmware').toBe(false);
    expect(replayAllowed(['efibootmgr', '-o', '0001,0000']), 'efibootmgr setting the boot order').toBe(false);
    expect(replayAllowed(['fwupdmgr', 'get-devices', '--force'])).toBe(false);
    expect(commandAllowed(['dmesg', '--raw'])).toBe(true);
    expect(commandAllowed(['dmesg', '-C'])).toBe(false);
    expect(commandAllowed(['sh', '-c', 'true'])).toBe(false);
    expect(replayAllowed(['rm', '-rf', '/'])).toBe(false);
    expect(replayAllowed(['sg_inq', '-p', '0xb0', '/dev/sda']), 'a VPD page fwsnap does not read').toBe(false);
    expect(replayAllowed(['sg_vpd', '-H', '-p', '0x89', '/dev/sda']), 'a hex dump sg_vpd prints').toBe(false);
    expect(replayAllowed(['mlxlink', '-d', '3b:00.0', '--port_state', 'dn']), 'mlxlink setting a port').toBe(false);
  });
});
