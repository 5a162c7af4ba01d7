/**
 * A firmware manager's update run (mlxfwmanager -u -i <image>, mstfwmanager -u, mlxup -u) saved under its command: the
 * query it prints first gives the running version (Current) and the image's (Available); when the run ends with the
 * update done, the flash holds the image and the old firmware runs until a reset, so the pending-firmware rule says
 * what to do; when it fails, is cut short or is declined, nothing changed. Real public runs of the corpus
 * (fixtures/real/fwmanager, each with its provenance); the failed and declined forms are those runs with their last
 * lines as the tool prints a failure or a refusal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFwManagerQuery } from '../../analyzer/classes/mlx5/fwmanager-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/fwmanager/${p}`, import.meta.url), 'utf8');
const ESXI = real('cx3-esxi-mlxfwmanager-u-i-done-bracket-prompt-ja.txt');
const BSDRP = real('cx4-freebsd-mstfwmanager-u-i-done-bsdrp.txt');
const PENDING = 'core.devlink-firmware-stored-differs';

async function run(saveAs: string, text: string) {
  const result = await replaySaved(saveAs, text);
  const rows = (sql: string, ...args: unknown[]): Record<string, unknown>[] => result.db.prepare(sql).all(...args) as Record<string, unknown>[];
  const firmware = (key: string): Record<string, unknown>[] =>
    rows(`SELECT component, state, version FROM firmware WHERE device_key = ? AND component != 'psid' ORDER BY component, state`, key);
  return { ...result, rows, firmware };
}

describe('an update run saved under its command', () => {
  it('ending Done on a ConnectX-3 (ESXi): the flash holds the image, the old firmware runs; reboot, as mlx4 has no live activation', async () => {
    const { firmware, report } = await run('cmd/mlxfwmanager/mlxfwmanager -u -i fw-ConnectX3-rel-2_42_5000-MCX311A-XCA_Ax-FlexBoot-3.4.752.bin.txt', ESXI);
    expect(firmware('mst:mt4099_pci_cr0')).toEqual([
      { component: 'firmware', state: 'running', version: '2.33.5220' },
      { component: 'firmware', state: 'stored', version: '2.42.5000' },
      { component: 'rom.pxe', state: 'stored', version: '3.4.0752' },
    ]);
    const pending = report.findings.filter((f) => f.rule === PENDING);
    expect(pending.map((f) => [f.device, f.message])).toEqual([['mst:mt4099_pci_cr0', expect.stringContaining('running 2.33.5220, stored 2.42.5000')]]);
    expect(pending[0]!.remediation).toMatch(/ConnectX-3.*Reboot the host/);
  }, 60_000);

  it('ending Done on a ConnectX-4 (FreeBSD mstfwmanager): a firmware reset loads it (mlxfwreset, devlink fw_activate) or a reboot', async () => {
    const { firmware, report } = await run('cmd/mstfwmanager/mstfwmanager -u -i fw-ConnectX4-rel-12_26_4012-MCX416A-CCA_Ax-UEFI-14.19.17-FlexBoot-3.5.805.bin.txt', BSDRP);
    expect(firmware('0000:02:00.0')).toEqual([
      { component: 'firmware', state: 'running', version: '12.26.1040' },
      { component: 'firmware', state: 'stored', version: '12.26.4012' },
      { component: 'rom.pxe', state: 'stored', version: '3.5.0805' },
      { component: 'rom.uefi', state: 'stored', version: '14.19.0017' },
    ]);
    const pending = report.findings.filter((f) => f.rule === PENDING);
    expect(pending.map((f) => f.device)).toEqual(['0000:02:00.0']);
    expect(pending[0]!.remediation).toContain('mlxfwreset -d 0000:02:00.0 reset');
    expect(pending[0]!.remediation).toMatch(/devlink dev reload \.\.\. action fw_activate/);
  }, 60_000);

  it.each([
    ['failed', BSDRP.replace(/Writing Boot image component -\s+OK\nDone\n/, 'Writing Boot image component -   OK\nFailed\n-E- Failed to update FW\n'), 'failed'],
    ['failed on the Updating line', ESXI.replace(/Device #1: Updating FW \.\.\.\n Done\n/, 'Device #1: Updating FW ... Failed\n'), 'failed'],
    ['cut before its end', BSDRP.split('Initializing image partition')[0]!, 'unfinished'],
  ])('%s: nothing changed, the flash is what the Current column says', async (_what, text, outcome) => {
    expect(parseFwManagerQuery(text).devices.map((d) => d.update)).toEqual([outcome]);
    const { firmware, report } = await run('cmd/mstfwmanager/mstfwmanager -u -i fw-ConnectX4.bin.txt', text);
    const key = firmware('0000:02:00.0').length > 0 ? '0000:02:00.0' : 'mst:mt4099_pci_cr0';
    const rows = firmware(key).filter((r) => r.component === 'firmware');
    expect(rows.map((r) => r.version)).toEqual([rows[0]!.version, rows[0]!.version]);
    expect(report.findings.filter((f) => f.rule === PENDING)).toEqual([]);
  }, 60_000);

  it('declined at the prompt: no update, nothing changed', () => {
    const declined = BSDRP.replace(/Perform FW update\? \[y\/N\]: y[\s\S]*$/, 'Perform FW update? [y/N]: n\nNo updates performed\n');
    const q = parseFwManagerQuery(declined);
    expect(q.devices.map((d) => d.update)).toEqual([undefined]);
    expect(q.issues).toEqual([]);
  });

  it('ending Done on a ConnectX-7 whose image holds no PXE or UEFI (Available N/A): the flash no longer holds them, and the report says so', async () => {
    const { firmware, rows, report } = await run('cmd/mlxup/sudo mlxup -d 0000:8e:00.0.txt', real('cx7-mlxup-d-update-required-then-updated.txt'));
    expect(firmware('0000:8e:00.0')).toEqual([
      { component: 'firmware', state: 'running', version: '28.46.3048' },
      { component: 'firmware', state: 'stored', version: '28.47.1026' },
    ]);
    expect(rows(`SELECT key, value FROM settings WHERE namespace = 'mlx.update_image' ORDER BY key`)).toEqual([
      { key: 'firmware', value: '28.47.1026' }, { key: 'rom.pxe', value: 'none' }, { key: 'rom.uefi', value: 'none' },
    ]);
    expect(rows(`SELECT message FROM collection_issues WHERE code = 'ROM-NOT-IN-IMAGE'`)).toEqual([
      { message: expect.stringContaining('the flash no longer holds rom.pxe 3.8.0100, rom.uefi 14.39.0014') },
    ]);
    const pending = report.findings.filter((f) => f.rule === PENDING);
    expect(pending.map((f) => f.device)).toEqual(['0000:8e:00.0']);
    expect(pending[0]!.remediation).toContain('The update image held no rom.pxe, rom.uefi: an image for a ConnectX-4 or later card is written with its own ROMs only');
  }, 60_000);

  it('ending Done on a ConnectX-3 whose image holds no PXE: the card keeps its own, as mstflint burns it with an FS2 image that has none', async () => {
    const noPxe = ESXI.replace(/(PXE\s+3\.4\.0467\s+)3\.4\.0752/, '$1N/A');
    const { firmware, rows, report } = await run('cmd/mlxfwmanager/mlxfwmanager -u -i fw-ConnectX3-rel-2_42_5000-MCX311A-XCA_Ax.bin.txt', noPxe);
    expect(firmware('mst:mt4099_pci_cr0')).toEqual([
      { component: 'firmware', state: 'running', version: '2.33.5220' },
      { component: 'firmware', state: 'stored', version: '2.42.5000' },
      { component: 'rom.pxe', state: 'stored', version: '3.4.0467' },
    ]);
    expect(rows(`SELECT message FROM collection_issues WHERE code = 'ROM-NOT-IN-IMAGE'`)).toEqual([{ message: expect.stringContaining('so rom.pxe 3.4.0467 stays on the flash') }]);
    expect(report.findings.find((f) => f.rule === PENDING)!.remediation).toContain("The update image held no rom.pxe: the card's own was burned with it and stays.");
  }, 60_000);

  it('two devices, each Done (real mlxup run in a container): both flashed', () => {
    const q = parseFwManagerQuery(real('cx7-mlxup-two-devices-update-required.txt'));
    expect(q.devices.map((d) => [d.index, d.update])).toEqual([[1, 'done'], [2, 'done']]);
  });
});
