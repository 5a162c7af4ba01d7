import { describe, expect, it } from 'vitest';
import { hostAttributes, NEVER_READ, SCSI_HOST_DRIVER_ATTRIBUTES, SCSI_DEVICE_ATTRIBUTES } from '../../collector/classes/scsi/attributes.js';
import { artifact, runSource } from '../collector/fake-kernel/run-source.js';
import { tempDir } from '../helpers/tmp.js';
import { scsiHost, writeScsiTree } from './tree.js';

const stored = (names: Iterable<string>, re: RegExp): string[] => [...names].filter((n) => re.test(n)).sort();

describe('scsi source', () => {
  it('stores each host\'s common and driver attributes, and never opens a denied name (each exists as a FIFO)', async () => {
    const root = tempDir();
    writeScsiTree(root, scsiHost(true));
    const run = await runSource('scsi', { root });
    expect(run.status).toBe('ok');
    expect(run.issues).toEqual([]);
    const names = [...run.artifacts.keys()];
    for (const denied of NEVER_READ) expect(names.filter((n) => n.endsWith(`/${denied}`) || n.includes(`/${denied}/`)), denied).toEqual([]);
    expect(stored(names, /^sys\/class\/scsi_host\/host1\//)).toEqual([
      'sys/class/scsi_host/host1/.link', 'sys/class/scsi_host/host1/board_assembly', 'sys/class/scsi_host/host1/board_name',
      'sys/class/scsi_host/host1/board_tracer', 'sys/class/scsi_host/host1/host_sas_address', 'sys/class/scsi_host/host1/ioc_reset_count',
      'sys/class/scsi_host/host1/logging_level', 'sys/class/scsi_host/host1/proc_name', 'sys/class/scsi_host/host1/version_bios',
      'sys/class/scsi_host/host1/version_fw', 'sys/class/scsi_host/host1/version_mpi', 'sys/class/scsi_host/host1/version_nvdata_persistent',
      'sys/class/scsi_host/host1/version_product',
    ]);
    expect(artifact(run, 'sys/class/scsi_host/host5/fwrev').toString()).toBe('2.02X12 (U3H2.02X12), sli-3\n');
    expect(artifact(run, 'sys/class/scsi_host/host3/lockup_detected').toString()).toBe('ld=0\n');
    expect(artifact(run, 'sys/class/scsi_host/host1/.link').toString()).toBe('../../devices/pci0000:00/0000:00:03.0/0000:02:00.0/host1/scsi_host/host1');
    // host0 is the ahci port of a SATA drive: the ata class counts that drive, the host is not counted again.
    expect(run.devices.filter((d) => d.startsWith('scsi_host:'))).toHaveLength(8);
    expect(run.devices).not.toContain('scsi_host:host0');
  });

  it('stores every SCSI device with its INQUIRY identity, VPD pages, queue and power settings; SAS and FC transport objects', async () => {
    const root = tempDir();
    writeScsiTree(root, scsiHost(true));
    const run = await runSource('scsi', { root });
    expect(run.devices.filter((d) => !d.startsWith('scsi_host:')).sort()).toEqual(['fc_host:host2', 'sas_expander:expander-1:0', 'scsi:0:0:0:0', 'scsi:1:0:0:0']);
    expect(artifact(run, 'sys/bus/scsi/devices/1:0:0:0/rev').toString()).toBe('HPD6\n');
    expect(artifact(run, 'sys/bus/scsi/devices/1:0:0:0/vpd_pg83').subarray(0, 4)).toEqual(Buffer.from([0, 0x83, 0, 0x48]));
    expect(artifact(run, 'sys/bus/scsi/devices/1:0:0:0/power/control').toString()).toBe('on\n');
    expect(artifact(run, 'sys/class/sas_expander/expander-1:0/product_rev').toString()).toBe('0601\n');
    expect(artifact(run, 'sys/class/fc_host/host2/port_name').toString()).toBe('0x21000024ff4b1a2c\n');
    expect(artifact(run, 'sys/class/sas_phy/phy-1:0/negotiated_linkrate').toString()).toBe('12.0 Gbit\n');
    // Error counters (get_linkerrors), FC statistics (get_fc_host_stats) and device actions are never opened.
    expect(stored(run.artifacts.keys(), /invalid_dword_count|running_disparity|statistics|\/rescan$|\/delete$/)).toEqual([]);
  });

  it('a host without SCSI hosts, devices or transports is skipped at once, reading nothing', async () => {
    const root = tempDir();
    writeScsiTree(root, { 'proc/sys/kernel/hostname': 'h\n', 'sys/class/scsi_host': { dir: true } });
    const run = await runSource('scsi', { root });
    expect(run.status).toBe('skipped');
    expect(run.reason).toBe('no SCSI hosts or devices in the tree');
    expect(run.artifacts.size).toBe(0);
  });

  it('the allow-lists never name a denied attribute, and each driver list exists for the drivers the class names', () => {
    const denied = new Set<string>(NEVER_READ);
    for (const driver of ['mpt3sas', 'mpt2sas', 'mptsas', 'megaraid_sas', 'smartpqi', 'hpsa', 'aacraid', 'qla2xxx', 'lpfc', 'bfa', undefined]) {
      expect(hostAttributes(driver).filter((a) => denied.has(a)), String(driver)).toEqual([]);
    }
    expect(Object.keys(SCSI_HOST_DRIVER_ATTRIBUTES)).toEqual(expect.arrayContaining(['mpt3sas', 'megaraid_sas', 'smartpqi', 'hpsa', 'aacraid', 'qla2xxx', 'lpfc', 'bfa']));
    expect(SCSI_DEVICE_ATTRIBUTES.filter((a) => denied.has(a))).toEqual([]);
    // The reads the issue names as reaching the adapter.
    expect(NEVER_READ).toEqual(expect.arrayContaining(['fw_state', 'thermal_temp', 'mpi_fw_state', 'host_trace_buffer', 'fw_crash_buffer', 'max_xri', 'link_state', 'reset_host']));
  });
});
