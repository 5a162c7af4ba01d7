import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../analyzer/report/model.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { collectTree, suiteDir } from './fake-bundle.js';

// The fake host: a ConnectX-6 Dx whose NUM_OF_VFS 8 → 200 waits for a reset and breaks three vendor
// constraints at next boot, an X710 (NVM 9.20), a Samsung NVMe with staged firmware, a Crucial SATA drive
// (/dev/sda) with a libata quirk, BIOS 2.19.1.
describe('report inventory', () => {
  let bundle = '';
  let report: Report;
  beforeAll(() => {
    ensureBuilt();
    bundle = collectTree(suiteDir(), 'fake.tar.gz');
    report = JSON.parse(fwsnap(['analyze', bundle, '--format', 'json']).stdout) as Report;
  });
  const device = (key: string) => {
    const d = report.inventory.find((x) => x.key === key);
    expect(d, key).toBeDefined();
    return d!;
  };

  it('lists each device with what it says it is, its location, driver and firmware per component and state', () => {
    const cx = device('0000:3b:00.0');
    expect(cx.name).toBe('MCX623106AN-CDA_Ax, PSID MT_0000000359 — Mellanox Technologies MT2892 Family [ConnectX-6 Dx]');
    expect([cx.vendorId, cx.deviceId, cx.driver]).toEqual(['15b3', '101d', 'mlx5_core']);
    expect(cx.location.interfaces).toEqual(['ens1f0np0']);
    expect(cx.keys).toEqual(expect.arrayContaining(['net:ens1f0np0', 'devlink:pci/0000:3b:00.0', 'rdma:mlx5_0']));
    expect(cx.firmware.map((f) => `${f.component} ${f.version} ${f.state}`)).toEqual(
      expect.arrayContaining(['firmware 22.39.1002 running', 'firmware 22.39.1002 stored', 'rom.uefi 14.32.17 stored']),
    );
    // ethtool's "22.39.1002 (MT_0000000359)", devlink's and RDMA's copies of the same version are not repeated.
    expect(cx.firmware.filter((f) => f.state === 'running')).toHaveLength(1);
    expect(device('0000:5e:00.0').firmware).toEqual([expect.objectContaining({ version: '9.20 0x8000d8c5 1.3429.0', state: 'running' })]);
    expect(device('platform').firmware).toEqual([expect.objectContaining({ component: 'bios', version: '2.19.1' })]);
    const nvme = device('0000:af:00.0');
    expect(nvme.name).toBe('SAMSUNG MZQL23T8HCLS-00A07 — Samsung Electronics Co Ltd NVMe SSD Controller PM9A1/PM9A3/980PRO');
    expect(nvme.firmware.map((f) => `${f.version} ${f.state}`)).toEqual(expect.arrayContaining(['GDC5602Q running', 'GDC5A02Q pending']));
    const drive = device('ata:dev1.0');
    expect(drive.location).toMatchObject({ pci: '0000:00:17.0', dev: ['/dev/sda'] });
    expect(drive.driver).toBe('ahci');
    // Every device row is in exactly one entry.
    const keys = report.inventory.flatMap((d) => d.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(report.bundles[0]!.devices);
  });

  it('folds one cause under one headline: the pending NV change and the constraints it breaks at next boot', () => {
    const groups = device('0000:3b:00.0').findings;
    expect(groups[0]!.headline.rule).toBe('mlx5.nvconfig-pending');
    expect(groups[0]!.severity).toBe('high');
    expect(groups[0]!.details.map((d) => d.rule)).toEqual(['mlx5.nvconfig-constraints', 'mlx5.nvconfig-constraints', 'mlx5.nvconfig-constraints']);
    expect(groups.every((g, i) => i === 0 || ['critical', 'high', 'medium', 'low', 'info'].indexOf(g.severity) >= ['critical', 'high', 'medium', 'low', 'info'].indexOf(groups[i - 1]!.severity))).toBe(true);
    // Every finding is in the inventory once.
    const inGroups = report.inventory.flatMap((d) => d.findings.flatMap((g) => [g.headline, ...g.details]));
    expect(inGroups).toHaveLength(report.findings.length);
  });

  it('explains the vendor constraints in words with the numbers filled in; JSON keeps the raw expression', () => {
    const rule = report.findings.find((f) => f.rule === 'mlx5.nvconfig-constraints' && f.message.includes('NUM_OF_VFS:'))!;
    expect(rule.message).toContain('NUM_OF_PF 2 × (NUM_PF_MSIX 63 + NUM_OF_VFS 200 × NUM_VF_MSIX 11) = 4,526, more than the 4,096 the firmware allows');
    expect(rule.evidence!.expression).toMatch(/^\(\(\$nv_global_pci_cap\.max_total_msix_valid==0\)/);
    for (const format of ['text', 'markdown', 'html']) {
      const out = fwsnap(['analyze', bundle, '--format', format]).stdout;
      expect(out, format).toContain('= 4,526, more than the 4,096 the firmware allows');
      // HTML shows the evidence (with the expression) folded away under each finding.
      if (format !== 'html') expect(out, format).not.toContain('$nv_global_pci_cap');
    }
  });

  it('fills the device address into remediation commands', () => {
    const mlx = report.findings.filter((f) => f.rule.startsWith('mlx5.'));
    expect(mlx.length).toBeGreaterThan(0);
    for (const f of mlx) {
      expect(f.remediation).not.toContain('<BDF>');
      expect(f.remediation).toContain('-d 0000:3b:00.0');
    }
  });

  it('opens every format with the summary and shows firmware in text and Markdown', () => {
    const text = fwsnap(['analyze', bundle]).stdout;
    expect(text.split('\n')[0]).toMatch(/^fakehost: 4 problem\(s\) on 3 of 13 inventory entries \(28 devices\), 7 finding\(s\)/);
    for (const out of [text, fwsnap(['analyze', bundle, '--format', 'markdown']).stdout]) {
      for (const s of ['22.39.1002', '9.20 0x8000d8c5', 'bios 2.19.1', 'MU01', '/dev/sda', 'GDC5A02Q (slot-2, pending)', '-d 0000:3b:00.0']) expect(out).toContain(s);
    }
    expect(text).toMatch(/HIGH \[mlx5\.nvconfig-pending\][^]*which causes \(3\):/);
  });
});
