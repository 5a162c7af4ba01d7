import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isImageQuery, pastedFwManagerArgv, pastedMstArgv } from '../../collector/classes/mlx5/pasted.js';
import { replaySaved } from '../helpers/replay-tree.js';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';

describe('names people save mst tool outputs under', () => {
  it.each([
    ['flint', '-d_3b:00.0_q.out', ['flint', '-d', '3b:00.0', 'q']],
    ['mstflint', '-d 0000:3b:00.0 query.txt', ['mstflint', '-d', '0000:3b:00.0', 'query']],
    ['flint', 'flint_-d_mlx5_0_q.out', ['flint', '-d', 'mlx5_0', 'q']],
    ['flint', '-d_mt4099_pci_cr0_query_full.out', ['flint', '-d', 'mt4099_pci_cr0', 'query', 'full']],
    ['flint', '-d_dev_mst_mt4115_pciconf0_query.out', ['flint', '-d', '/dev/mst/mt4115_pciconf0', 'query']],
    ['mstflint', '-d_%2Fdev%2Fmst%2Fmt4119_pciconf0_q.out', ['mstflint', '-d', '/dev/mst/mt4119_pciconf0', 'q']],
    ['mstconfig', '-e_-d_0000:02:00.1_q.out', ['mstconfig', '-e', '-d', '0000:02:00.1', 'q']],
    ['mlxconfig', '-d_3b:00.0_-e_q.log', ['mlxconfig', '-d', '3b:00.0', '-e', 'q']],
    ['mlxconfig', 'query.out', ['mlxconfig', 'query']],
    ['mstconfig', '-d_sys_bus_pci_devices_0000:3b:00.0_config_q.out', ['mstconfig', '-d', '/sys/bus/pci/devices/0000:3b:00.0/config', 'q']],
    ['mlxconfig', '-d_c2:00.0_set_BOOT_VLAN=0_BOOT_UNDI_NETWORK_WAIT=30.out', ['mlxconfig', '-d', 'c2:00.0', 'set', 'BOOT_VLAN=0', 'BOOT_UNDI_NETWORK_WAIT=30']],
    ['mlxconfig', '-y_-d_05:00.0_set_NUM_OF_VFS=127.txt', ['mlxconfig', '-y', '-d', '05:00.0', 'set', 'NUM_OF_VFS=127']],
    // `s` is mstconfig's short form of set (`mstconfig -d 65:00.0 s LINK_TYPE_P1=IB`).
    ['mstconfig', '-d_65:00.0_s_LINK_TYPE_P1=IB.out', ['mstconfig', '-d', '65:00.0', 'set', 'LINK_TYPE_P1=IB']],
    // A query of some parameters only, as a loop over devices runs it (`mlxconfig -d $device --yes q ATS_ENABLED`).
    ['mlxconfig', '--yes_q_ATS_ENABLED.out', ['mlxconfig', '--yes', 'q', 'ATS_ENABLED']],
    ['mstconfig', '-d 3b:00.0 query SRIOV_EN NUM_OF_VFS.txt', ['mstconfig', '-d', '3b:00.0', 'query', 'SRIOV_EN', 'NUM_OF_VFS']],
    // The address as typed with a colon after it, which mstconfig took (sriov-network-operator issue 835: `-d 0000:ca:00.0: q NUM_OF_VFS SRIOV_EN`).
    ['mstconfig', '-e_-d_0000:ca:00.0:_q_NUM_OF_VFS_SRIOV_EN.out', ['mstconfig', '-e', '-d', '0000:ca:00.0', 'q', 'NUM_OF_VFS_SRIOV_EN']],
    ['flint', '-d 3b:00.0: q.txt', ['flint', '-d', '3b:00.0', 'q']],
  ])('%s %s', (tool, file, argv) => {
    expect(pastedMstArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
  });

  // Names in words a person chose: hyphens between words, the tool's name first, words that are no command.
  it.each([
    ['flint', 'flint-q.txt', ['flint', 'q']],
    ['mstflint', 'mstflint-q.txt', ['mstflint', 'q']],
    ['flint', 'flint-query.txt', ['flint', 'query']],
    ['mstflint', 'mstflint_q_full.txt', ['mstflint', 'q', 'full']],
    ['flint', 'flint-fw-version.txt', ['flint', 'q']],
    ['mlxconfig', 'mlxconfig_query.log', ['mlxconfig', 'query']],
    ['mlxconfig', 'mlxconfig-query.txt', ['mlxconfig', 'query']],
    ['mlxconfig', 'mlxconfig_link_type.txt', ['mlxconfig', 'q']],
    ['mlxconfig', 'mlxconfig-set-link-type-eth.txt', ['mlxconfig', 'set']],
    ['mstconfig', 'mstconfig-e-q.txt', ['mstconfig', '-e', 'q']],
    ['mstconfig', 'mstconfig-i.txt', ['mstconfig', 'i']],
    ['mlxconfig', '-d_3b:00.0_i.out', ['mlxconfig', '-d', '3b:00.0', 'i']],
    ['mlxconfig', 'mlxconfig_show_confs.txt', ['mlxconfig', 'i']],
  ])('%s %s (words a person chose)', (tool, file, argv) => {
    expect(pastedMstArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
  });

  it('words that name another run (a reset, an image file, two devices) are not read as a query', () => {
    expect(pastedMstArgv('flint', 'flint-i-fw.bin-q.txt')).toBeUndefined();
    expect(pastedMstArgv('flint', 'flint_-i_fw-ConnectX5.bin_q.txt')).toBeUndefined();
    // mlxconfig's reset is read as what it is: its question and answer.
    expect(pastedMstArgv('mlxconfig', 'mlxconfig-reset.txt')).toEqual(['mlxconfig', 'reset']);
    expect(pastedMstArgv('mstconfig', 'mstconfig-backup.log')).toBeUndefined();
    expect(pastedMstArgv('flint', 'flint_-d_3b:00.0_-d_3b:00.1_query_now.txt')).toBeUndefined();
  });

  it('an s that is no set (part of a device name, no assignment after it) stays what it is', () => {
    expect(pastedMstArgv('mstconfig', '-d_my_s_card_q.out')).toEqual(['mstconfig', '-d', 'my_s_card', 'q']);
    expect(pastedMstArgv('mstconfig', '-d_3b:00.0_s.out')).toBeUndefined();
  });

  it('names that are not a query or a set preview are not replayed', () => {
    expect(pastedMstArgv('flint', '-d_3b:00.0_q.err')).toBeUndefined();
    expect(pastedMstArgv('flint', '-d_3b:00.0_-i_fw.bin_-i_fw2.bin_burn.out')).toBeUndefined();
    expect(pastedMstArgv('mlxconfig', '-d_3b:00.0_-i_fw.bin_burn.out')).toBeUndefined();
    expect(pastedMstArgv('mlxconfig', '-d_3b:00.0_reset.out')).toEqual(['mlxconfig', '-d', '3b:00.0', 'reset']);
    expect(pastedMstArgv('mlxconfig', '-y_-d_mt4103_pci_cr0_reset.txt')).toEqual(['mlxconfig', '-d', 'mt4103_pci_cr0', 'reset']);
    expect(pastedMstArgv('mlxconfig', '-d_3b:00.0_q_then_reset.out')).toBeUndefined();
    expect(pastedMstArgv('flint', '-d_3b:00.0_reset.out')).toBeUndefined();
    expect(replayAllowed(['mlxconfig', '-d', '3b:00.0', 'q', 'reset'])).toBe(false);
    expect(pastedMstArgv('flint', 'notes.md')).toBeUndefined();
  });

  // A switch or another host's adapter queried in band over InfiniBand, by LID or by the mst node `mst status` lists for
  // it: a saved query is read (a file is text); the collector never queries over the fabric.
  it.each([
    ['flint', 'flint -d lid-0x00047 q.txt', ['flint', '-d', 'lid-0x00047', 'q']],
    ['flint', '-d_lid-5_q.out', ['flint', '-d', 'lid-5', 'q']],
    ['mstflint', '-d_dev_mst_SW_MT52000_SwitchIB_Mellanox_Technologies_lid-0x0005_q.out', ['mstflint', '-d', '/dev/mst/SW_MT52000_SwitchIB_Mellanox_Technologies_lid-0x0005', 'q']],
  ])('%s %s (in band)', (tool, file, argv) => {
    expect(pastedMstArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
    expect(commandAllowed(argv)).toBe(false);
  });

  it('a set is only ever replayed, never run; the MFT names are the same read-only queries', () => {
    expect(commandAllowed(['mlxconfig', '-d', 'c2:00.0', 'set', 'BOOT_VLAN=0'])).toBe(false);
    expect(replayAllowed(['mlxconfig', '-d', 'c2:00.0', 'reset'])).toBe(true);
    expect(commandAllowed(['mlxconfig', '-d', 'c2:00.0', 'reset'])).toBe(false);
    expect(commandAllowed(['flint', '-d', '/dev/mst/mt4119_pciconf0', 'q'])).toBe(true);
    expect(commandAllowed(['flint', '-d', '3b:00.0', 'burn'])).toBe(false);
    expect(commandAllowed(['flint', '-d', '3b:00.0', '-i', 'fw.bin', 'burn'])).toBe(false);
    expect(commandAllowed(['mstflint', '-d', '3b:00.0', '-i', 'fw.bin', 'b'])).toBe(false);
    expect(commandAllowed(['mlxconfig', '-d', 'pci0:59:0:0', '-e', 'q'])).toBe(true);
    // An mstflint issue's `mstflint -d /proc/bus/pci/07/00.0 query`: the function's /proc/bus/pci file.
    expect(commandAllowed(['mstflint', '-d', '/proc/bus/pci/07/00.0', 'query'])).toBe(true);
    expect(commandAllowed(['mstflint', '-d', '/proc/bus/pci/07/00.0/../../../etc/passwd', 'query'])).toBe(false);
  });
});

// A burn's saved output (what flint printed: the flash's version before, the image's, its end) is read from the file;
// the collector never burns (its run allow-list holds queries only).
describe('names people save a flint burn under', () => {
  it.each([
    ['flint', '-d_3b:00.0_-i_fw.bin_burn.out', ['flint', '-d', '3b:00.0', '-i', 'fw.bin', 'burn']],
    ['mstflint', '-d 05:00.0 -i fw-ConnectIB-rel-10_16_1200-MCB194A-FCA_A1.bin burn.txt', ['mstflint', '-d', '05:00.0', '-i', 'fw-ConnectIB-rel-10_16_1200-MCB194A-FCA_A1.bin', 'burn']],
    ['flint', 'flint_-d_dev_mst_mt4117_pciconf0_-i_fw-ConnectX4Lx-rel-14_32_1908.bin_burn.log', ['flint', '-d', '/dev/mst/mt4117_pciconf0', '-i', 'fw-ConnectX4Lx-rel-14_32_1908.bin', 'burn']],
    ['flint', '-i_fw.bin_-d_3b:00.0_-y_b.txt', ['flint', '-i', 'fw.bin', '-d', '3b:00.0', '-y', 'b']],
    ['mstflint', '-d_3b:00.0_-i_fw.bin_--allow_psid_change_burn.out', ['mstflint', '-d', '3b:00.0', '-i', 'fw.bin', '--allow_psid_change', 'burn']],
    ['flint', 'flint-burn.txt', ['flint', 'burn']],
    ['mstflint', 'mstflint_burn_output.log', ['mstflint', 'burn']],
    ['flint', 'flint-burn-fw-ConnectX5.bin.txt', ['flint', 'burn']],
    // No `-i` in the name: the device is still the name's, the image the burn's text names.
    ['mstflint', '-d_01:00.0_burn.txt', ['mstflint', '-d', '01:00.0', 'burn']],
    ['flint', '-d_dev_mst_mt4117_pciconf0_-y_b.log', ['flint', '-d', '/dev/mst/mt4117_pciconf0', '-y', 'b']],
    // Words around the options: the device is read whatever they are.
    ['mstflint', '-d_01:00.0_burn_after_reboot.txt', ['mstflint', '-d', '01:00.0', 'burn']],
    ['flint', 'flint_-d_dev_mst_mt4119_pciconf0_burn_cx5.txt', ['flint', '-d', '/dev/mst/mt4119_pciconf0', 'burn']],
  ])('%s %s', (tool, file, argv) => {
    expect(pastedMstArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
    expect(commandAllowed(argv)).toBe(false);
  });

  it('a query saved with words besides its options keeps the device its -d names', () => {
    expect(pastedMstArgv('mstflint', '-d_01:00.0_q_after_update.txt')).toEqual(['mstflint', '-d', '01:00.0', 'q']);
    expect(pastedMstArgv('flint', 'flint_-d_0000:3b:00.0_q_full_before.txt')).toEqual(['flint', '-d', '0000:3b:00.0', 'q', 'full']);
    expect(pastedMstArgv('mlxconfig', 'mlxconfig_-d_dev_mst_mt4119_pciconf0_-e_q_before.txt')).toEqual(['mlxconfig', '-d', '/dev/mst/mt4119_pciconf0', '-e', 'q']);
    expect(replayAllowed(['mlxconfig', '-d', '/dev/mst/mt4119_pciconf0', '-e', 'q'])).toBe(true);
  });

  it('a burn with two images, an image without its -i, another command with it, or a burn word not last is no burn read', () => {
    expect(pastedMstArgv('flint', 'flint-burn-then-reset.txt')).toBeUndefined();
    expect(replayAllowed(['flint', '-d', '3b:00.0', '-i', '-y', 'burn'])).toBe(false);
    expect(replayAllowed(['flint', '-d', '3b:00.0', '-i', 'a.bin', '-i', 'b.bin', 'burn'])).toBe(false);
    expect(replayAllowed(['flint', '-d', '3b:00.0', '-i', 'a.bin', 'burn', 'q'])).toBe(false);
    expect(replayAllowed(['mlxconfig', '-d', '3b:00.0', '-i', 'a.bin', 'burn'])).toBe(false);
  });
});

describe('names people save firmware manager queries under', () => {
  it.each([
    ['mlxfwmanager', '--query.out', ['mlxfwmanager', '--query']],
    ['mlxup', '--query.txt', ['mlxup', '--query']],
    ['mstfwmanager', '--query.log', ['mstfwmanager', '--query']],
    ['mlxup', '-q.out', ['mlxup', '--query']],
    ['mlxfwmanager', '-d_0000:3b:00.0_--query.out', ['mlxfwmanager', '-d', '0000:3b:00.0', '--query']],
    ['mlxfwmanager', '--query_-d_dev_mst_mt4119_pciconf0.out', ['mlxfwmanager', '--query', '-d', '/dev/mst/mt4119_pciconf0']],
    ['mstfwmanager', '-d_pci0:2:0:0_--query.out', ['mstfwmanager', '-d', 'pci0:2:0:0', '--query']],
    ['mlxup', '--query_--query-format_XML.out', ['mlxup', '--query', '--query-format', 'XML']],
    ['mlxfwmanager', '--query_--query_format_XML.out', ['mlxfwmanager', '--query', '--query-format', 'XML']],
    ['mlxup', '--online_--query.out', ['mlxup', '--online', '--query']],
    ['mlxfwmanager', '--online.out', ['mlxfwmanager', '--online']],
    ['mlxup', 'sudo mlxup --query.out', ['mlxup', '--query']],
    // A bare run prints the same query (and, given images, offers to burn them: the saved output is what it printed).
    ['mlxup', 'mlxup.out', ['mlxup']],
    ['mstfwmanager', 'mstfwmanager.txt', ['mstfwmanager']],
    // The same bare run for one device (`sudo mlxup -d 0000:8e:00.0`), saved under its command line or its arguments.
    ['mlxup', '-d_0000:8e:00.0.out', ['mlxup', '-d', '0000:8e:00.0']],
    ['mlxup', 'sudo mlxup -d 0000:8e:00.0.txt', ['mlxup', '-d', '0000:8e:00.0']],
    ['mlxfwmanager', '-d_3b:00.0.out', ['mlxfwmanager', '-d', '3b:00.0']],
    // The tools take their long options with one dash too, as people type them (`./mlxup -online`).
    ['mlxup', 'mlxup -online.txt', ['mlxup', '--online']],
    ['mlxfwmanager', 'mlxfwmanager_-query.out', ['mlxfwmanager', '--query']],
  ])('%s %s', (tool, file, argv) => {
    expect(pastedFwManagerArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
  });

  it.each([
    ['mlxup', 'mlxup-online.txt', ['mlxup', '--online']],
    ['mlxfwmanager', 'mlxfwmanager-after.txt', ['mlxfwmanager']],
    ['mlxfwmanager', 'mlxfwmanager-update.log', ['mlxfwmanager']],
    ['mlxfwmanager', 'mlxfwmanager-query.txt', ['mlxfwmanager', '--query']],
    ['mlxup', 'mlxup-query-xml.txt', ['mlxup', '--query', '--query-format', 'XML']],
  ])('%s %s (words a person chose)', (tool, file, argv) => {
    expect(pastedFwManagerArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
  });

  // An update run prints the query first, then what the update did (`Done`, or a failure): its saved text is read like a
  // query's. Reading a saved file runs nothing; the collector never runs these tools (next test).
  it.each([
    ['mlxfwmanager', 'mlxfwmanager -u -i fw-ConnectX3-rel-2_42_5000-MCX311A-XCA_Ax-FlexBoot-3.4.752.bin.txt', ['mlxfwmanager', '-u', '-i', 'fw-ConnectX3-rel-2_42_5000-MCX311A-XCA_Ax-FlexBoot-3.4.752.bin']],
    ['mstfwmanager', 'mstfwmanager -u -i fw-ConnectX4.txt', ['mstfwmanager', '-u', '-i', 'fw-ConnectX4']],
    ['mlxfwmanager', '-u_-i_fw.bin.out', ['mlxfwmanager', '-u', '-i', 'fw.bin']],
    ['mlxup', 'mlxup -u.txt', ['mlxup', '-u']],
    ['mlxup', 'mlxup -u -y.txt', ['mlxup', '-u', '--yes']],
    ['mlxup', '--online_-u.out', ['mlxup', '--online', '-u']],
    ['mlxfwmanager', '-d_3b:00.0_-u.out', ['mlxfwmanager', '-d', '3b:00.0', '-u']],
    ['mlxfwmanager', '-u_--image-dir_fw_-y.out', ['mlxfwmanager', '-u', '--image-dir', 'fw', '--yes']],
    ['mlxfwmanager', 'mlxfwmanager_update_-u_-i_fw.bin.log', ['mlxfwmanager', '-u']],
  ])('%s %s (an update run)', (tool, file, argv) => {
    expect(pastedFwManagerArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
    expect(commandAllowed(argv)).toBe(false);
  });

  it('names of anything but a query or an update run are not replayed', () => {
    expect(pastedFwManagerArgv('mlxup', '-d_3b:00.0_-d_3b:00.1.out')).toBeUndefined();
    expect(pastedFwManagerArgv('mlxfwmanager', '--query.err')).toBeUndefined();
    expect(pastedFwManagerArgv('mlxup', 'notes.md')).toBeUndefined();
    expect(pastedFwManagerArgv('mlxfwmanager', 'mlxfwmanager --clear-semaphore.out')).toBeUndefined();
    expect(pastedFwManagerArgv('mlxfwmanager', '-u_-i_a.bin_-i_b.bin.out')).toBeUndefined();
    expect(replayAllowed(['mlxup', '--query', '--query-format', 'JSON'])).toBe(false);
    expect(replayAllowed(['mlxfwmanager', '-u', '--clear-semaphore'])).toBe(false);
    expect(replayAllowed(['mlxfwmanager', '-i', 'fw.bin'])).toBe(false);
  });

  it('a firmware manager is only ever replayed from a saved file, never run (run, it looks for images and offers to burn them)', () => {
    expect(commandAllowed(['mlxfwmanager', '--query'])).toBe(false);
    expect(commandAllowed(['mlxup', '--query'])).toBe(false);
    expect(commandAllowed(['mstfwmanager', '-d', '3b:00.0', '--query'])).toBe(false);
  });
});

describe('a saved flint query of an image file', () => {
  it('is named as such: it describes the image, not a device, and is not read', async () => {
    // The image query of the pve02 note (mstflint -i firmware.bin q before its burn), saved under its command.
    const text = readFileSync(new URL('./fixtures/image-query/cx4lx-pve02-mstflint-i-firmware-bin-q.txt', import.meta.url), 'utf8');
    expect(isImageQuery('mstflint', '-i_firmware.bin_q.txt')).toBe(true);
    expect(isImageQuery('flint', 'flint -i fw-ConnectX4Lx-rel-14_32_1912.bin query full.txt')).toBe(true);
    for (const n of ['-d_01:00.0_-i_firmware.bin_burn.txt', '-d_01:00.0_q.txt', 'q.txt']) expect(isImageQuery('mstflint', n), n).toBe(false);
    expect(isImageQuery('mlxconfig', '-i_q.txt')).toBe(false);
    const { db } = await replaySaved('cmd/mstflint/-i_firmware.bin_q.txt', text);
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN_NAME'`).all()).toEqual([
      { message: 'saved mstflint output: the name is a query of an image file (-i): it describes the image, not a device, and is not read' },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM firmware`).get()).toEqual({ n: 0 });
  }, 60_000);

  it('a query full of an image saved under its command (the homelab ConnectX-3 note) is not read either', async () => {
    const name = 'cmd/flint/-i_fw-ConnectX3-rel-2_42_5000-MCX311A-XCA_Ax-FlexBoot-3.4.752.bin_query_full.txt';
    const { db } = await replaySaved(name, readFileSync(new URL('./fixtures/image-query/cx3-fs2-flint-i-image-query-full-homelab-note.txt', import.meta.url), 'utf8'));
    expect(db.prepare(`SELECT code FROM collection_issues WHERE code = 'UNKNOWN_NAME' AND message LIKE '%query of an image file%'`).all()).toEqual([{ code: 'UNKNOWN_NAME' }]);
    expect(db.prepare(`SELECT count(*) AS n FROM firmware`).get()).toEqual({ n: 0 });
  }, 60_000);
});

describe('a saved name whose command fwsnap does not replay', () => {
  it('is named as such, not as an output another of the same command was read in place of (nothing was)', async () => {
    const { db } = await replaySaved('cmd/mstconfig/-d_3b:00.0_q_--json.out', 'Device #1:\n');
    try {
      const why = db.prepare(`SELECT message FROM collection_issues WHERE code = 'NOT_READ'`).all() as { message: string }[];
      expect(why).toHaveLength(1);
      expect(why[0]!.message).not.toMatch(/another output of the same command was read instead/);
      expect(why[0]!.message).toMatch(/no mstconfig command fwsnap reads has this name/);
    } finally {
      db.close();
    }
  });
});
