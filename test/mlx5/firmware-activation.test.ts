/**
 * What a report says to do about a flashed ConnectX image that is not running yet: a ConnectX-3 (mlx4) has no devlink
 * fw_activate and no mlxfwreset, so it is told to reboot; a later adapter keeps the firmware-reset advice. Real
 * public flint queries of the corpus, each showing FW Version and a different FW Version(Running).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

async function pending(saveAs: string, text: string): Promise<{ device: string | null; remediation: string }[]> {
  const { report } = await replaySaved(saveAs, text);
  return report.findings.filter((f) => f.rule === 'core.devlink-firmware-stored-differs').map((f) => ({ device: f.device, remediation: f.remediation }));
}

describe('a flashed firmware image that is not running yet', () => {
  it('on a ConnectX-3 Pro queried with mstflint: reboot, no devlink fw_activate', async () => {
    const got = await pending('cmd/mstflint/-d 01:00.0 q.out', real('mstflint/cx3pro-crossflash-pending.txt'));
    expect(got.map((f) => f.device)).toEqual(['0000:01:00.0']);
    expect(got[0]!.remediation).not.toMatch(/action fw_activate` where/);
    expect(got[0]!.remediation).toMatch(/ConnectX-3.*no live firmware activation.*Reboot the host/);
    expect(got[0]!.remediation).toContain('mstflint -d 0000:01:00.0 q');
  });

  it('on a ConnectX-3 known by its mst node alone (flint query full): the same advice', async () => {
    const got = await pending('cmd/flint/-d_mt4099_pci_cr0_query_full.out', real('mstflint/cx3-fs2-query-full-pending.txt'));
    expect(got).toHaveLength(1);
    expect(got[0]!.remediation).toMatch(/Reboot the host/);
  });

  it('on a BlueField-2 known by its mst node alone (mlxfwmanager query): the reset advice names the node, no <BDF> left', async () => {
    const got = await pending('cmd/mlxfwmanager/--query_-d_dev_mst_mt41686_pciconf0.out', real('fwmanager/bf2-fw-running-row-no-status-dpu-guide.txt'));
    expect(got.map((f) => f.device)).toEqual(['mst:mt41686_pciconf0']);
    expect(got[0]!.remediation).toContain('`mlxfwreset -d mt41686_pciconf0 reset`');
    expect(got[0]!.remediation).toContain('`mstflint -d mt41686_pciconf0 q`');
    expect(got[0]!.remediation).not.toContain('<BDF>');
  });

  it('on a ConnectX-3 known by its mst node alone: the query it is told to run again names the node', async () => {
    const got = await pending('cmd/flint/-d_mt4099_pci_cr0_query_full.out', real('mstflint/cx3-fs2-query-full-pending.txt'));
    expect(got[0]!.remediation).toContain('`mstflint -d mt4099_pci_cr0 q`');
    expect(got[0]!.remediation).not.toContain('<BDF>');
  });

  it('on a ConnectX-6 the firmware-reset advice stays', async () => {
    const got = await pending('cmd/mstflint/-d_0000:03:00.0_-qq_query.out', real('mstflint/cx6-fs4-pending-ironic.txt'));
    expect(got).toHaveLength(1);
    expect(got[0]!.remediation).toMatch(/devlink dev reload \.\.\. action fw_activate/);
  });
});
