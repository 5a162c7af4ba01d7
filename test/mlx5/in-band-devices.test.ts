/**
 * Devices a saved flint query reached in band, over the fabric, by their LID: an adapter (its mst node `CA_MT4123_…`, or
 * a ConnectX firmware major behind `lid-N`) is `ib_hca:lid-0x<LID>` — it may sit in another host, so no PCI function —
 * and a switch `ib_switch:lid-0x<LID>`. What each is told to do about a flashed image that is not running yet fits it:
 * no devlink of this host reaches either.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';
import { renderText } from '../../analyzer/report/text.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

async function read(saveAs: string, text: string): Promise<{ devices: unknown[]; advice: { device: string | null; remediation: string }[]; text: string }> {
  const { db, report } = await replaySaved(saveAs, text);
  return {
    devices: db.prepare(`SELECT device_key, class, pci_address, model FROM devices ORDER BY device_key`).all(),
    advice: report.findings.filter((f) => f.rule === 'core.devlink-firmware-stored-differs').map((f) => ({ device: f.device, remediation: f.remediation })),
    text: renderText(report),
  };
}

describe('an adapter reached in band', () => {
  // A real ConnectX-6 query with an image pending (no command line in it), saved as a person queried it by LID or by
  // the mst node `mst status` lists for an adapter on the fabric.
  it.each([
    ['cmd/flint/flint -d lid-5 q.txt', 'ib_hca:lid-0x0005'],
    ['cmd/flint/-d_dev_mst_CA_MT4123_ConnectX6_Mellanox_Technologies_lid-0x0003_q.out', 'ib_hca:lid-0x0003'],
  ])('%s is %s, an InfiniBand adapter with no PCI function here, told to reset it on its own host', async (saveAs, key) => {
    const r = await read(saveAs, real('mstflint/cx6-fs4-pending-ironic.txt'));
    expect(r.devices).toEqual([{ device_key: key, class: 'ib_hca', pci_address: null, model: 'ConnectX-6' }]);
    expect(r.advice.map((a) => a.device)).toEqual([key]);
    expect(r.advice[0]!.remediation).toContain(`\`flint -d ${key.slice('ib_hca:'.length)} q\``);
    expect(r.advice[0]!.remediation).toMatch(/another host of the fabric/);
    expect(r.advice[0]!.remediation).not.toContain('devlink dev reload');
    expect(r.advice[0]!.remediation).not.toContain('<BDF>');
    expect(r.text).toContain(`at LID 0x${key.slice(-4)} (in band)`);
  }, 60_000);

  it('a burn of an adapter reached in band is keyed and read alike: the image it was given is kept', async () => {
    const { db } = await replaySaved('cmd/flint/-d_lid-5_-i_fw.bin_burn.txt', readFileSync(new URL('./fixtures/burn/cx4lx-flint-burn-failed-nvidia-forum.txt', import.meta.url), 'utf8'));
    expect(db.prepare(`SELECT device_key, class FROM devices`).all()).toEqual([{ device_key: 'ib_hca:lid-0x0005', class: 'ib_hca' }]);
    expect(db.prepare(`SELECT state, version FROM firmware WHERE component = 'firmware' ORDER BY state`).all()).toEqual([{ state: 'running', version: '14.14.1100' }, { state: 'stored', version: '14.14.1100' }]);
    expect(db.prepare(`SELECT device_key, value FROM settings WHERE namespace = 'mlx.update_image'`).all()).toEqual([{ device_key: 'ib_hca:lid-0x0005', value: '14.25.1020' }]);
  }, 60_000);

  it('a LID whose query says nothing of what it is stays keyed as typed', async () => {
    const r = await read('cmd/flint/flint -d lid-5 q.txt', 'PSID:                  MT_0000000228\n');
    expect(r.devices).toEqual([{ device_key: 'mst:lid-5', class: 'pci', pci_address: null, model: 'Mellanox/NVIDIA adapter' }]);
  }, 60_000);
});

describe('a switch reached in band with an image pending', () => {
  it('is told to reset or restart the switch, not to use devlink', async () => {
    // The real Switch-IB 2 query, with the FW Version(Running) line flint prints below FW Version while a burned image
    // is not running yet (as in the corpus's ConnectX queries).
    const text = real('mstflint/switchib2-in-band-lid-cut-ibswinfo-issue7.txt').replace(/^(FW Version:.*\n)/m, '$1FW Version(Running):   15.2000.2046\n');
    const r = await read('cmd/flint/flint -d lid-0x00047 q.txt', text);
    expect(r.advice.map((a) => a.device)).toEqual(['ib_switch:lid-0x0047']);
    expect(r.advice[0]!.remediation).toContain('`flint -d lid-0x0047 swreset`');
    expect(r.advice[0]!.remediation).toContain('`flint -d lid-0x0047 q`');
    expect(r.advice[0]!.remediation).not.toMatch(/devlink dev reload|mlxfwreset|<BDF>/);
  }, 60_000);
});
