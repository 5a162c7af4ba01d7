/**
 * `mlxfwreset -d <dev> status` (mstflint v4.36.0-1, small_utils/mstfwreset.py status_command): the running and pending
 * firmware versions, the NV settings waiting for a reset, and the reset it recommends, as text or with `--json`. Laid
 * out as that release prints it: `Status for device: %s`, `Pending FW version : %s`, `    %-40s %-12s %-12s %-12s`.
 */
import { describe, expect, it } from 'vitest';
import { parseFwResetStatus } from '../../analyzer/classes/mlx5/fwreset-status.js';
import { replaySaved } from '../helpers/replay-tree.js';

const row = (...cells: string[]): string => `    ${cells[0]!.padEnd(40)} ${cells[1]!.padEnd(12)} ${cells[2]!.padEnd(12)} ${cells[3]!.padEnd(12)}`;
const PENDING = [
  'Status for device: 3b:00.0', '',
  'Pending FW version : 22.43.1014', 'Running FW version : 22.41.1000', '',
  'Pending NVCONFIG parameters:', row('Name', 'Default', 'Current', 'Next Boot'), row('NUM_OF_VFS', '8', '8', '16'), row('SRIOV_EN', 'True(1)', 'False(0)', 'True(1)'), '',
  'Description action : Driver restart and PCI reset (Level 3)',
  'Command required : mlxfwreset -d 3b:00.0 reset --level 3 --type 0 --sync 1 --method 0',
  'Reasons : Pending FW update, Pending NVCONFIG parameter change', '',
].join('\n');
const UP_TO_DATE = [
  'Status for device: /dev/mst/mt4125_pciconf0', '', 'Pending FW version : N/A (FW is up to date)', 'Running FW version : 22.41.1000', '',
  'Pending NVCONFIG parameters: N/A (No pending NVCONFIG parameters)', '', 'Description action : No action required', '',
].join('\n');

describe('mlxfwreset status', () => {
  it('the running and pending firmware, the pending settings and the recommended reset', () => {
    const s = parseFwResetStatus(PENDING);
    expect(s).toMatchObject({
      device: '3b:00.0', runningFw: '22.41.1000', pendingFw: '22.43.1014', action: 'Driver restart and PCI reset (Level 3)',
      command: 'mlxfwreset -d 3b:00.0 reset --level 3 --type 0 --sync 1 --method 0', reasons: ['Pending FW update', 'Pending NVCONFIG parameter change'], issues: [],
    });
    expect(s.pending).toEqual([
      { name: 'NUM_OF_VFS', default: '8', current: '8', next_boot: '16' },
      { name: 'SRIOV_EN', default: 'True(1)', current: 'False(0)', next_boot: 'True(1)' },
    ]);
    const ok = parseFwResetStatus(UP_TO_DATE);
    expect(ok).toMatchObject({ device: '/dev/mst/mt4125_pciconf0', runningFw: '22.41.1000', pending: [], issues: [] });
    expect(ok.pendingFw).toBeUndefined();
  });

  it('the --json form reads as the text form', () => {
    const json = JSON.stringify({
      device: '3b:00.0', pending_fw_version: '22.43.1014', running_fw_version: '22.41.1000',
      pending_nvconfig_parameters: [{ name: 'NUM_OF_VFS', default: '8', current: '8', next_boot: '16' }],
      reset_needed: true, description_action: 'Driver restart and PCI reset (Level 3)', command_required: 'mlxfwreset -d 3b:00.0 reset --level 3 --type 0', reasons: ['Pending FW update'],
    }, null, 2);
    expect(parseFwResetStatus(json)).toMatchObject({ device: '3b:00.0', runningFw: '22.41.1000', pendingFw: '22.43.1014', pending: [{ name: 'NUM_OF_VFS', next_boot: '16' }] });
    const none = JSON.stringify({ device: '3b:00.0', pending_fw_version: 'N/A (FW is up to date)', running_fw_version: '22.41.1000', pending_nvconfig_parameters: 'N/A (No pending NVCONFIG parameters)', reset_needed: false, description_action: 'No action required', reasons: [] }, null, 2);
    expect(parseFwResetStatus(none)).toMatchObject({ runningFw: '22.41.1000', pending: [] });
  });

  it('stored: the running firmware, the flash’s (the pending one), and the pending settings by column', async () => {
    const { db } = await replaySaved('cmd/mlxfwreset/-d_3b:00.0_status.out', `# mlxfwreset -d 3b:00.0 status\n${PENDING}`);
    expect(db.prepare(`SELECT device_key, state, version FROM firmware WHERE component = 'firmware' ORDER BY state`).all()).toEqual([
      { device_key: '0000:3b:00.0', state: 'running', version: '22.41.1000' },
      { device_key: '0000:3b:00.0', state: 'stored', version: '22.43.1014' },
    ]);
    expect(db.prepare(`SELECT key, mode, value FROM settings WHERE namespace = 'mlxconfig' ORDER BY key, mode`).all()).toEqual([
      { key: 'NUM_OF_VFS', mode: 'current', value: '8' }, { key: 'NUM_OF_VFS', mode: 'default', value: '8' }, { key: 'NUM_OF_VFS', mode: 'next_boot', value: '16' },
      { key: 'SRIOV_EN', mode: 'current', value: '0' }, { key: 'SRIOV_EN', mode: 'default', value: '1' }, { key: 'SRIOV_EN', mode: 'next_boot', value: '1' },
    ]);
    expect(db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('UNKNOWN-LINE', 'NO-DEVICE', 'PARSE')`).all()).toEqual([]);
    const { db: ok } = await replaySaved('cmd/mlxfwreset/-d_3b:00.0_status.out', `# mlxfwreset -d 3b:00.0 status\n${UP_TO_DATE.replace('/dev/mst/mt4125_pciconf0', '3b:00.0')}`);
    expect(ok.prepare(`SELECT state, version FROM firmware WHERE component = 'firmware' ORDER BY state`).all()).toEqual([
      { state: 'running', version: '22.41.1000' }, { state: 'stored', version: '22.41.1000' },
    ]);
  }, 60000);
});
