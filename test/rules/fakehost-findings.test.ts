import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../analyzer/report/model.js';
import { CLI, ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { tempDir } from '../helpers/tmp.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

/**
 * The shared fake host with one problem device of each category, end to end (collect → analyze):
 *  - ATA: Crucial_CT512MX100SSD1 firmware MU01 (libata quirk: queued TRIM broken) — as the fake host has it;
 *  - NVMe: a firmware revision committed to the next-reset slot — as the fake host has it;
 *  - NIC (mlx5): a pending NV configuration breaking the vendor's constraints — as the fake host has it;
 *  - NIC (i40e): devlink reporting an NVM admin-queue API 1.2, older than the driver expects — patched in;
 *  - CPU: Skylake-SP 06-55-04 on withdrawn Spectre v2 microcode 0x2000035 — patched in;
 * and nothing else may fire.
 */
async function quirkHost(): Promise<string> {
  const root = await fakehostCopy();
  const cpus = join(root, 'sys/devices/system/cpu');
  for (const cpu of readdirSync(cpus).filter((c) => /^cpu\d+$/.test(c))) writeFileSync(join(cpus, cpu, 'microcode/version'), '0x2000035\n');
  const cpuinfo = join(root, 'proc/cpuinfo');
  writeFileSync(cpuinfo, readFileSync(cpuinfo, 'utf8').replace(/^microcode\t: .*$/gm, 'microcode\t: 0x2000035'));
  const devlink = join(root, 'cmd/devlink');
  const show = JSON.parse(readFileSync(join(devlink, '-j_dev_show.out'), 'utf8')) as { dev: Record<string, object> };
  show.dev['pci/0000:5e:00.0'] = {};
  writeFileSync(join(devlink, '-j_dev_show.out'), JSON.stringify(show) + '\n');
  const info = JSON.parse(readFileSync(join(devlink, '-j_dev_info.out'), 'utf8')) as { info: Record<string, object> };
  info.info['pci/0000:5e:00.0'] = {
    driver: 'i40e',
    serial_number: '00-11-22-ff-ff-33-44-55',
    versions: { fixed: { 'fw.mgmt': '2.0', 'board.id': 'K97758-000' }, running: { 'fw.mgmt': '2.0', 'fw.mgmt.api': '1.2', 'fw.mgmt.build': '32345', 'fw.undi': '1.1937.0', 'fw.psid.api': '3.2', 'fw.bundle_id': '0x8000054a' } },
  };
  writeFileSync(join(devlink, '-j_dev_info.out'), JSON.stringify(info) + '\n');
  return root;
}

const EXPECTED = [
  'cpu.intel-spectre-v2-bad-microcode.skylake-x cpu:0',
  // The kernel's entry sets noncqtrim, zeroaftertrim and nolpm: the host runs LPM on it (nolpm fires) and
  // does not use queued TRIM (noncqtrim stays quiet); zeroaftertrim is reported as information.
  'ata.libata-quirk.crucial-ct512mx100-mu01.nolpm ata:dev1.0',
  'ata.libata-quirk.crucial-ct512mx100-mu01.zeroaftertrim ata:dev1.0',
  'nvme.firmware-pending-activation nvme:nvme0',
  'mlx5.nvconfig-constraints 0000:3b:00.0',
  'mlx5.nvconfig-pending 0000:3b:00.0',
  'nic.i40e.nvm-api-older-than-expected devlink:pci/0000:5e:00.0',
  // The same old NVM carries management firmware 2.0, below the 4.33 DCB threshold.
  'nic.i40e.xl710-fw-no-dcb devlink:pci/0000:5e:00.0',
  'pci.aer-correctable 0000:3b:00.0',
  'mlx5.nvconfig-changed-from-default 0000:3b:00.0',
  'mlx5.nvconfig-changed-from-default 0000:3b:00.1',
].sort();

describe('a fake host with one problem device of each category', () => {
  beforeAll(ensureBuilt);

  it('makes fwsnap analyze report exactly the expected findings, and no rule errors', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'quirks.tar.gz');
    const c = fwsnap(['collect', '--root', await quirkHost(), '-o', bundle]);
    expect(c.status, c.stderr).toBe(0);
    const r = fwsnap(['analyze', bundle, '--format', 'json', '--min-severity', 'info']);
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect([...new Set(report.findings.map((f) => `${f.rule} ${f.device}`))].sort()).toEqual(EXPECTED);
    const cpu = report.findings.find((f) => f.rule.startsWith('cpu.'))!;
    expect(cpu.message).toContain('0x2000035');
    expect(cpu.severity).toBe('high');
    void CLI;
  });
});
