/**
 * An mlxconfig query whose command names one PCI function and whose own `Device:` line another (a how-to's command
 * pasted above the writer's own output): the rows are the device the output says it ran on, and an issue names both.
 * Real public outputs of the corpus, under a command line or a saved name naming another function.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

async function read(saveAs: string, text: string): Promise<{ devices: string[]; conflicts: string[] }> {
  const { db } = await replaySaved(saveAs, text);
  const devices = (db.prepare(`SELECT DISTINCT device_key FROM settings WHERE namespace = 'mlxconfig'`).all() as { device_key: string }[]).map((r) => r.device_key);
  const conflicts = (db.prepare(`SELECT message FROM collection_issues WHERE code = 'DEVICE-CONFLICT'`).all() as { message: string }[]).map((r) => r.message);
  return { devices, conflicts };
}

describe("a command naming another device than the output's Device: line", () => {
  it('typed above the output (`mstconfig -d 03:00.0 q` over `Device: 0002:01:00.0`): the printed device, and the conflict named', async () => {
    const text = real('mstconfig/bf3-dpu-next-boot-ptp-tools.txt').replace('mstconfig -d 0002:01:00.0 q', 'mstconfig -d 03:00.0 q');
    const got = await read('cmd/mstconfig/q.txt', text);
    expect(got.devices).toEqual(['0002:01:00.0']);
    expect(got.conflicts).toHaveLength(1);
    expect(got.conflicts[0]).toMatch(/03:00\.0.*0002:01:00\.0/);
  });

  it('given by the saved name (-d_48:00.0_set…): the printed device 09:00.0', async () => {
    const got = await read('cmd/mstconfig/-d_48:00.0_set_LINK_TYPE_P1=2.txt', real('mstconfig/cx3-set-preview-truenas-mstconfig.txt'));
    expect(got.devices).toEqual(['0000:09:00.0']);
    expect(got.conflicts[0]).toMatch(/48:00\.0.*09:00\.0/);
  });

  it('the same function written two ways (09:00.0, 0000:09:00.0) is no conflict', async () => {
    const text = real('mstconfig/cx3-set-preview-truenas-mstconfig.txt').replace('mstconfig -d 09:00.0', 'mstconfig -d 0000:09:00.0');
    expect(await read('cmd/mstconfig/set.txt', text)).toEqual({ devices: ['0000:09:00.0'], conflicts: [] });
  });
});
