import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { devlinkLoader } from '../../analyzer/classes/nic/devlink-loader.js';
import { netLoader, netRegsLoader } from '../../analyzer/classes/nic/net-loader.js';
import { artifactLoader, cmdArtifact, linkArtifact, rowsOf } from '../helpers/load-artifacts.js';
import { drvinfo } from './ethtool-structs.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const load = artifactLoader({ loaders: [netLoader, devlinkLoader], streaming: [netRegsLoader] });

describe('devlink loader on text outputs of older tools', () => {
  it('reads dev info, param and health text, attaching port reporters to their device', async () => {
    const db = await load([
      cmdArtifact(['devlink', 'dev', 'info'], fixture('devlink/mlx5-dev-info.txt')),
      cmdArtifact(['devlink', 'dev', 'param', 'show'], fixture('devlink/bnxt-param.txt')),
      cmdArtifact(['devlink', 'health', 'show'], fixture('devlink/mlx5-health.txt')),
    ]);
    expect(rowsOf(db, `SELECT device_key, pci_address FROM devices WHERE class = 'devlink' ORDER BY device_key`)).toEqual([
      { device_key: 'devlink:auxiliary/mlx5_core.eth.0', pci_address: null },
      { device_key: 'devlink:pci/0000:08:00.0', pci_address: '0000:08:00.0' },
      { device_key: 'devlink:pci/0000:08:00.1', pci_address: '0000:08:00.1' },
      { device_key: 'devlink:pci/0000:3b:00.0', pci_address: '0000:3b:00.0' },
    ]);
    expect(rowsOf(db, `SELECT component, version, state FROM firmware WHERE device_key = 'devlink:pci/0000:08:00.1' ORDER BY rowid`)).toEqual([
      { component: 'fw.psid', version: 'MT_0000000894', state: 'fixed' },
      { component: 'fw.version', version: '28.41.1000', state: 'running' },
      { component: 'fw', version: '28.41.1000', state: 'running' },
    ]); // its stored group is cut off after "fw." in the posting: a name without a version gives no row
    expect(rowsOf(db, `SELECT key, value, mode FROM settings WHERE namespace = 'devlink.param' ORDER BY rowid`)).toEqual([
      { key: 'allow_fw_live_reset', value: '0', mode: 'runtime' },
      { key: 'allow_fw_live_reset', value: '0', mode: 'permanent' },
    ]);
    expect(rowsOf(db, `SELECT value FROM settings WHERE device_key = 'devlink:pci/0000:08:00.0' AND key = 'port:32768/vnic.state'`)).toEqual([{ value: 'healthy' }]);
  });
});

describe('net loader on a captured ethtool -i', () => {
  it('takes driver, firmware and bus from the text when no ioctl answer exists', async () => {
    const db = await load([cmdArtifact(['ethtool', '-i', 'em1'], fixture('ethtool/bnx2x-ethtool-i.txt'))]);
    expect(rowsOf(db, `SELECT device_key, pci_address, driver FROM devices WHERE class = 'net'`)).toEqual([{ device_key: 'net:em1', pci_address: '0000:01:00.0', driver: 'bnx2x' }]);
    expect(rowsOf(db, `SELECT component, version FROM firmware`)).toEqual([{ component: 'firmware', version: 'FFV7.12.19 bc 7.12.5' }]);
    expect(rowsOf(db, `SELECT value FROM settings WHERE namespace = 'ethtool.drvinfo' AND key = 'supports_register_dump'`)).toEqual([{ value: '1' }]);
  });
});

describe('net loader on the fields an ethtool -i prints', () => {
  it('stores no setting for a field the output does not print (ethtool 3.x has no expansion-rom-version line), and an empty value as printed', async () => {
    const old = await load([cmdArtifact(['ethtool', '-i', 'eth0'], 'driver: igb\nversion: 3.2.10-k\nfirmware-version: 1.5-1\nbus-info: 0000:01:00.0\n')]);
    expect(rowsOf(old, `SELECT key FROM settings WHERE namespace = 'ethtool.drvinfo' ORDER BY key`)).toEqual([
      { key: 'bus_info' }, { key: 'driver' }, { key: 'firmware_version' }, { key: 'version' },
    ]);
    const grep = await load([cmdArtifact(['ethtool', '-i', 'eth0'], 'driver: igb\nfirmware-version: 1.5-1\n')]);
    expect(rowsOf(grep, `SELECT key FROM settings WHERE namespace = 'ethtool.drvinfo' ORDER BY key`)).toEqual([{ key: 'driver' }, { key: 'firmware_version' }]);
    const printed = await load([cmdArtifact(['ethtool', '-i', 'eth0'], 'driver: igb\nversion: 5.4.0-k\nfirmware-version: 1.5-1\nexpansion-rom-version: \nbus-info: 0000:01:00.0\n')]);
    expect(rowsOf(printed, `SELECT value FROM settings WHERE namespace = 'ethtool.drvinfo' AND key = 'erom_version'`)).toEqual([{ value: '' }]);
    expect(rowsOf(printed, `SELECT component FROM firmware`)).toEqual([{ component: 'firmware' }]);
  });
});

describe('net loader on a bond', () => {
  // bonding prints its ABI version (BOND_ABI_VERSION) as firmware-version: real pastes in test/nic/fixtures/real/ethtool-i/bonding-*.
  it('stores no firmware for bonding, whose firmware-version is its ABI version, and keeps the field as printed', async () => {
    const db = await load([cmdArtifact(['ethtool', '-i', 'bond0'], 'driver: bonding\nversion: 3.7.0\nfirmware-version: 2\nbus-info:\n')]);
    expect(rowsOf(db, `SELECT device_key, driver FROM devices WHERE class = 'net'`)).toEqual([{ device_key: 'net:bond0', driver: 'bonding' }]);
    expect(rowsOf(db, `SELECT component, version FROM firmware`)).toEqual([]);
    expect(rowsOf(db, `SELECT value FROM settings WHERE namespace = 'ethtool.drvinfo' AND key = 'firmware_version'`)).toEqual([{ value: '2' }]);
    // Another driver's firmware-version is firmware.
    const other = await load([cmdArtifact(['ethtool', '-i', 'eth0'], 'driver: be2net\nversion: 4.1.307r\nfirmware-version: 2\nbus-info: 0000:02:00.0\n')]);
    expect(rowsOf(other, `SELECT component, version FROM firmware`)).toEqual([{ component: 'firmware', version: '2' }]);
  });
});

describe('net loader on a paste of several interfaces', () => {
  // The shape of test/nic/fixtures/real/ethtool-i/iwlwifi-four-interfaces-one-block: one saved file, four interfaces' runs.
  it('stores each interface run of a paste as its own device; a file saved for an interface wins over another paste', async () => {
    const paste = '$ sudo ethtool -i enp0s31f6\ndriver: e1000e\nfirmware-version: 0.8-4\nbus-info: 0000:00:1f.6\n'
      + '# ethtool -i docker0\ndriver: bridge\nversion: 2.3\nfirmware-version: N/A\nbus-info: N/A\n'
      + '# ethtool -i wlp5s0\ndriver: iwlwifi\nfirmware-version: 29.4063824552.0 7265D-29.ucode\nbus-info: 0000:05:00.0\n';
    const db = await load([
      cmdArtifact(['ethtool', '-i', 'wlp5s0'], paste),
      cmdArtifact(['ethtool', '-i', 'enp0s31f6'], 'driver: e1000e\nfirmware-version: 0.9-9\nbus-info: 0000:00:1f.6\n'),
    ]);
    expect(rowsOf(db, `SELECT device_key, driver, pci_address FROM devices WHERE class = 'net' ORDER BY device_key`)).toEqual([
      { device_key: 'net:docker0', driver: 'bridge', pci_address: null },
      { device_key: 'net:enp0s31f6', driver: 'e1000e', pci_address: '0000:00:1f.6' },
      { device_key: 'net:wlp5s0', driver: 'iwlwifi', pci_address: '0000:05:00.0' },
    ]);
    expect(rowsOf(db, `SELECT device_key, version FROM firmware ORDER BY device_key`)).toEqual([
      { device_key: 'net:enp0s31f6', version: '0.9-9' },
      { device_key: 'net:wlp5s0', version: '29.4063824552.0 7265D-29.ucode' },
    ]);
    expect(rowsOf(db, `SELECT count(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([{ n: 0 }]);
  });

  it('stores no firmware for a device on no bus that prints N/A (a bridge), and keeps N/A on a device with a bus (a VF)', async () => {
    const db = await load([
      cmdArtifact(['ethtool', '-i', 'docker0'], 'driver: bridge\nversion: 2.3\nfirmware-version: N/A\nexpansion-rom-version:\nbus-info: N/A\n'),
      cmdArtifact(['ethtool', '-i', 'enp2s0'], 'driver: iavf\nversion: 4.18.0\nfirmware-version: N/A\nbus-info: 0000:02:00.0\n'),
    ]);
    expect(rowsOf(db, `SELECT device_key, version FROM firmware`)).toEqual([{ device_key: 'net:enp2s0', version: 'N/A' }]);
    expect(rowsOf(db, `SELECT value FROM settings WHERE device_key = 'net:docker0' AND key = 'firmware_version'`)).toEqual([{ value: 'N/A' }]);
  });
});

describe('bad artifacts', () => {
  it('records a parse error against the artifact and still loads the rest of the interface', async () => {
    const db = await load([
      { name: 'ioctl/net/eth0/drvinfo.bin', data: Buffer.alloc(20) },
      { name: 'sys/class/net/eth0/mtu', data: '9000\n' },
      linkArtifact('sys/class/net/eth0/device', '../../../0000:01:00.0'),
    ]);
    expect(rowsOf(db, `SELECT device_key, pci_address, driver FROM devices WHERE class = 'net'`)).toEqual([{ device_key: 'net:eth0', pci_address: '0000:01:00.0', driver: null }]);
    expect(rowsOf(db, `SELECT parse_error FROM artifacts WHERE name = 'ioctl/net/eth0/drvinfo.bin'`)).toEqual([{ parse_error: 'ethtool-drvinfo: input is 20 bytes, expected at least 196 (at 20)' }]);
    expect(rowsOf(db, `SELECT value FROM settings WHERE key = 'mtu'`)).toEqual([{ value: '9000' }]);
  });

  it('reports a register dump whose header lies, without rows', async () => {
    const regs = Buffer.alloc(16);
    regs.writeUInt32LE(4, 0);
    regs.writeUInt32LE(7, 4);
    regs.writeUInt32LE(400, 8);
    const db = await load([{ name: 'ioctl/net/eth0/regs.bin', data: regs }, { name: 'ioctl/net/eth0/drvinfo.bin', data: drvinfo({ driver: 'e1000e', bus: '0000:00:1f.6' }) }]);
    expect(rowsOf(db, 'SELECT count(*) n FROM registers')).toEqual([{ n: 0 }]);
    expect(rowsOf(db, `SELECT code, target FROM collection_issues WHERE stage = 'analyze'`)).toEqual([{ code: 'PARSE', target: 'ioctl/net/eth0/regs.bin' }]);
  });
});
