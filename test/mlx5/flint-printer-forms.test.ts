/**
 * flint query forms its printer has and no real sample of the corpus shows yet, laid out as mstflint prints them
 * (flint/subcommands.cpp QuerySubCommand::printInfo and SubCommand::displayExpRomInfo, tags v4.11.0-1 and v4.36.0-1):
 * the ROM lines of `-qq` (`version=skipped`), a ROM warning appended to the last ROM (` (-W- …)`), a ROM that could not
 * be read (`N/A (-E- …)`), and `--next_boot_fw_ver` / `--flashed_version`, which print the flash's version alone.
 */
import { describe, expect, it } from 'vitest';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const query = (romLines: string[]): string =>
  [
    'Image type:            FS3', 'FW Version:            14.32.1010', 'FW Release Date:       3.2.2022', 'Product Version:       14.32.1010',
    ...romLines,
    'Description:           UID                GuidsNumber', 'Base GUID:             b8cef60300a1b2c4        4', 'Base MAC:              b8cef6a1b2c4            4',
    'Image VSD:             N/A', 'Device VSD:            N/A', 'PSID:                  MT_2420110034', 'Security Attributes:   N/A', '',
  ].join('\n');

async function firmware(text: string, saveAs = 'cmd/flint/flint_q.txt'): Promise<unknown[]> {
  const { db } = await replaySaved(saveAs, text);
  return db.prepare(`SELECT component, state, version FROM firmware ORDER BY component, state`).all();
}

describe('flint query forms of the printer', () => {
  it('-qq skips the ROMs: its `version=skipped cpu=skipped` lines name no ROM version', () => {
    const q = parseMstflintQuery(query([
      'Rom Info:              type=UEFI version=skipped cpu=skipped',
      '                       type=PXE  version=skipped devid=skipped cpu=skipped',
      '                       type=NVMe version=skipped devid=skipped cpu=skipped',
    ]));
    expect(q.roms).toEqual([]);
    expect(q.issues).toEqual([]);
    expect(q.fwVersion).toBe('14.32.1010');
  });

  it('a ROM warning flint appends to the last ROM is not part of its version', () => {
    const q = parseMstflintQuery(query([
      'Rom Info:              type=UEFI version=14.25.17 cpu=AMD64',
      '                       type=PXE version=3.6.502 (-W- Bad ROM Checksum (0x3c), ROM info may not be displayed correctly.)',
    ]));
    expect(q.roms).toEqual([
      { type: 'UEFI', version: '14.25.17', attrs: { cpu: 'AMD64' } },
      { type: 'PXE', version: '3.6.502', attrs: {}, warning: 'Bad ROM Checksum (0x3c), ROM info may not be displayed correctly.' },
    ]);
    expect(q.issues).toEqual([]);
    const cpu = parseMstflintQuery(query(['Rom Info:              type=PXE version=3.4.752 cpu=AMD64 (-W- The device IDs of the ROMs mismatched.)']));
    expect(cpu.roms).toEqual([{ type: 'PXE', version: '3.4.752', attrs: { cpu: 'AMD64' }, warning: 'The device IDs of the ROMs mismatched.' }]);
  });

  it('a ROM flint could not read (`N/A (-E- …)`) is the query’s error, not an unreadable line; a bare N/A is no ROM', () => {
    const q = parseMstflintQuery(query(['Rom Info:              N/A (-E- Bad ROM Checksum)']));
    expect(q.roms).toEqual([]);
    expect(q.issues).toEqual([]);
    expect(q.errors).toEqual(['Rom Info: Bad ROM Checksum']);
    const none = parseMstflintQuery(query(['Rom Info:              N/A']));
    expect([none.roms, none.issues, none.errors]).toEqual([[], [], []]);
  });

  it('stored: no `skipped` ROM rows, the warned ROM under its version', async () => {
    expect(await firmware(`[root@h ~]# flint -d 3b:00.0 -qq q\n${query(['Rom Info:              type=UEFI version=skipped cpu=skipped', '                       type=PXE  version=skipped devid=skipped cpu=skipped'])}`)).toEqual([
      { component: 'firmware', state: 'running', version: '14.32.1010' },
      { component: 'firmware', state: 'stored', version: '14.32.1010' },
      { component: 'psid', state: 'fixed', version: 'MT_2420110034' },
    ]);
    expect(await firmware(`[root@h ~]# flint -d 3b:00.0 q\n${query(['Rom Info:              type=PXE version=3.6.502 (-W- The device IDs of the ROMs mismatched.)'])}`)).toContainEqual(
      { component: 'rom.pxe', state: 'stored', version: '3.6.502' },
    );
  });

  it('--next_boot_fw_ver / --flashed_version print the flash’s version alone: nothing says what runs', async () => {
    for (const cmd of ['flint -d 3b:00.0 q --next_boot_fw_ver', 'mstflint -d 0000:3b:00.0 query --flashed_version', 'flint -d 3b:00.0 -next_boot_fw_ver q']) {
      const text = `[root@h ~]# ${cmd}\nFW Version:            22.41.1000\n`;
      const q = parseMstflintQuery(text);
      expect(q).toMatchObject({ fwVersion: '22.41.1000', nextBootOnly: true });
      expect(await firmware(text)).toEqual([{ component: 'firmware', state: 'stored', version: '22.41.1000' }]);
    }
  }, 60000);
});

describe('--next_boot_fw_ver in a saved name', () => {
  it('`flint -d 3b:00.0 q --next_boot_fw_ver` saved under its command is reached, and its version is the flash’s alone', async () => {
    for (const saveAs of ['cmd/flint/-d_3b:00.0_q_--next_boot_fw_ver.out', 'cmd/mstflint/-d_3b:00.0_--flashed_version_query.out']) {
      expect(await firmware('FW Version:            22.41.1000\n', saveAs), saveAs).toEqual([{ component: 'firmware', state: 'stored', version: '22.41.1000' }]);
    }
  }, 60000);
});
