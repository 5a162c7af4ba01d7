/**
 * What a firmware burn and an installer print around a query is read for what it says: flint's `Current FW version on
 * flash:` and `New FW version:` (the flash before and the image), its steps and its end (`Restoring signature - OK`, the
 * `-I- To load new FW` advice, an `-E-` line); the MLNX_OFED / MLNX_EN installer's own lines are its words, named once.
 * Real public outputs (fixtures/burn, each with its provenance; fixtures/real/fwmanager for the installer logs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFwManagerQuery } from '../../analyzer/classes/mlx5/fwmanager-query.js';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const burn = (p: string): string => readFileSync(new URL(`./fixtures/burn/${p}`, import.meta.url), 'utf8');
const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

describe('a flint burn', () => {
  it.each([
    ['cx4lx-flint-burn-done-nvidia-forum.txt', { before: '14.23.1020', image: '14.32.1908', outcome: 'done' }, '14.32.1908', '14.23.1020'],
    ['connectib-mstflint-burn-done-issue32.txt', { before: '10.16.1020', image: '10.16.1200', outcome: 'done' }, '10.16.1200', '10.16.1020'],
    ['cx4lx-flint-burn-failed-nvidia-forum.txt', { before: '14.14.1100', image: '14.25.1020', outcome: 'failed' }, '14.14.1100', undefined],
  ])('%s: the flash before, the image, and what the flash holds after', (file, want, stored, running) => {
    const r = parseMstflintRuns(burn(file));
    expect(r.issues).toEqual([]);
    expect(r.runs.map((x) => [x.query.burn, x.query.fwVersion, x.query.fwVersionRunning])).toEqual([[want, stored, running]]);
  });

  it.each([
    ['mstflint/cx3-fs2-nofs-warning-burn-homelab-note.txt', { before: '2.35.5100', image: '2.42.5000', outcome: 'done' }, '2.42.5000', '2.35.5100'],
    ['mstflint/cx6-host13-downgrade-burn-tab-indented.txt', { before: '20.32.1010', image: '20.29.1016', outcome: 'done' }, '20.29.1016', '20.32.1010'],
  ])('%s: the warning of a burn that is not failsafe and a downgrade\'s note are the tool\'s own lines', (file, want, stored, running) => {
    const r = parseMstflintRuns(real(file));
    expect(r.issues).toEqual([]);
    expect(r.runs.map((x) => [x.query.burn, x.query.fwVersion, x.query.fwVersionRunning])).toEqual([[want, stored, running]]);
  });

  it('of another component (a switch\'s clock board EEPROM): its versions are the component\'s, not the device\'s firmware', () => {
    const r = parseMstflintRuns(real('mstflint/sn5400-synce-clock-component-burn-cumulus-doc.txt'));
    expect(r.issues).toEqual([]);
    expect(r.runs.map((x) => [x.query.burn, x.query.fwVersion, x.query.fwVersionRunning])).toEqual([
      [{ before: '0.0', image: '1.0', outcome: 'done', component: 'COMPID_CLOCK_SYNC_EEPROM' }, undefined, undefined],
    ]);
  });

  it('below a query of the same card, cut before its end: the query says what runs, the burn that nothing was written yet', async () => {
    const text = burn('cx3-freebsd-flint-ext-query-then-burn-cut.txt');
    const r = parseMstflintRuns(text);
    expect(r.issues).toEqual([]);
    expect(r.runs.map((x) => [x.device, x.query.burn])).toEqual([['pci0:1:0:0', { before: '2.36.5000', image: '2.42.5000', outcome: 'unfinished' }]]);
    const { db } = await replaySaved('cmd/flint/-d_pci0:1:0:0_q.out', text);
    expect(db.prepare(`SELECT component, state, version FROM firmware WHERE device_key = '0000:01:00.0' AND component = 'firmware' ORDER BY state`).all())
      .toEqual([{ component: 'firmware', state: 'running', version: '2.36.5000' }]);
    expect(db.prepare(`SELECT key, value FROM settings WHERE namespace = 'mlx.update_image'`).all()).toEqual([{ key: 'firmware', value: '2.42.5000' }]);
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).get()).toEqual({ n: 0 });
  }, 60_000);
});

// Real burns of the mlx5 corpus (fixtures/real/mstflint): a PSID refusal names the PSID on the flash, which a burn that wrote
// nothing leaves there; flint's warning before it writes another PSID, and its `Done.` above the versions, are its own lines.
describe('a flint burn and the PSID', () => {
  const real = (p: string): string => readFileSync(new URL(`./fixtures/real/mstflint/${p}`, import.meta.url), 'utf8');
  it.each([
    ['cx4lx-kube01-burn-psid-mismatch.txt', 'failed', { flash: 'DEL2420110034', image: 'MT_2420110034' }, 'DEL2420110034', '14.14.2320', undefined],
    ['cx3-ibm-oem-burn-psid-mismatch-windows-sth.txt', 'failed', { flash: 'IBM1080111023', image: 'MT_1080110023' }, 'IBM1080111023', '2.30.3200', undefined],
    // Written with --allow_psid_change: the card reports the image's PSID only once the new firmware runs, so none is the card's.
    ['cx4lx-kube01-burn-allow-psid-change-done.txt', 'done', { flash: 'DEL2420110034', image: 'MT_2420110034' }, undefined, '14.32.1900', '14.14.2320'],
    // Refused, then run again and done in the same paste: the last try says what the flash holds.
    ['cx4-ibm-power-burn-refused-then-done.txt', 'done', { flash: 'MT_2150110033', image: 'IBM2150110033' }, undefined, '12.17.2010', '12.16.1006'],
  ])('%s', (file, outcome, psid, cardPsid, stored, running) => {
    const r = parseMstflintRuns(real(file));
    const q = r.runs[0]!.query;
    expect([q.burn?.outcome, q.burn?.psid, q.psid, q.fwVersion, q.fwVersionRunning]).toEqual([outcome, psid, cardPsid, stored, running]);
    expect(r.issues.filter((i) => /^\s*(?:Done\.|You are about to replace|Note: It is highly)/.test(i.text))).toEqual([]);
  });

  it('the PSID a done burn changed is named once, and no PSID is stored', async () => {
    const { db } = await replaySaved('cmd/mstflint/--allow_psid_change_-d_01:00.0_-i_fw.bin_burn.txt', real('cx4lx-kube01-burn-allow-psid-change-done.txt'));
    expect(db.prepare(`SELECT count(*) AS n FROM firmware WHERE component = 'psid'`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('PSID-CHANGE', 'UNKNOWN-LINE')`).all()).toEqual([
      { code: 'PSID-CHANGE', message: '0000:01:00.0: the burn wrote an image of PSID MT_2420110034 over PSID DEL2420110034; the card reports MT_2420110034 once the new firmware is loaded' },
    ]);
  }, 60_000);

  it("a writer's sentence after a refused burn, before its retry, and the burn's lone progress dot are no unread lines", () => {
    expect(parseMstflintRuns(real('cx4-ibm-power-burn-refused-then-done.txt')).issues).toEqual([]);
  });

  it('a sentence inside a query, where no run ended, stays an unread line', () => {
    const text = real('cx4-ibm-power-burn-refused-then-done.txt').replace('    New FW version:               12.17.2010\n.\n', '    New FW version:               12.17.2010\nplease check this one again later\n');
    expect(parseMstflintRuns(text).issues.map((i) => i.text)).toEqual(['please check this one again later']);
  });

  it('a burn saved under its device with no -i in the name keeps the device', async () => {
    const { db } = await replaySaved('cmd/mstflint/-d_01:00.0_burn.txt', real('cx4lx-kube01-burn-allow-psid-change-done.txt'));
    expect(db.prepare(`SELECT device_key, state, version FROM firmware WHERE component = 'firmware' ORDER BY state`).all()).toEqual([
      { device_key: '0000:01:00.0', state: 'running', version: '14.14.2320' },
      { device_key: '0000:01:00.0', state: 'stored', version: '14.32.1900' },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('NO-DEVICE', 'UNKNOWN_NAME', 'UNKNOWN-LINE')`).get()).toEqual({ n: 0 });
  }, 60_000);

  it("another command typed at the session's prompt after the burn (rm of the image) is no line of flint's", () => {
    expect(parseMstflintRuns(real('cx4-kube05-burn-done-session-rm-lines.txt')).issues).toEqual([]);
  });
});

describe('a burn saved alone, under the name a person gives it (replayed from the file, never run)', () => {
  it.each([
    ['cmd/mstflint/-d 05:00.0 -i fw-ConnectIB-rel-10_16_1200-MCB194A-FCA_A1.bin burn.txt', 'connectib-mstflint-burn-done-issue32.txt', '0000:05:00.0', [['running', '10.16.1020'], ['stored', '10.16.1200']]],
    // No device in the name: the burn's own pasted command line names it.
    ['cmd/flint/flint-burn.txt', 'cx4lx-flint-burn-done-nvidia-forum.txt', 'mst:mt4117_pciconf0', [['running', '14.23.1020'], ['stored', '14.32.1908']]],
  ])('%s: the flash holds the image, the old version runs', async (saveAs, file, key, rows) => {
    const { db } = await replaySaved(saveAs, burn(file));
    expect(db.prepare(`SELECT device_key, state, version FROM firmware WHERE component = 'firmware' ORDER BY state`).all())
      .toEqual(rows.map(([state, version]) => ({ device_key: key, state, version })));
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'UNKNOWN-LINE')`).get()).toEqual({ n: 0 });
  }, 60_000);

  it('a failed burn with no command line: its error is named and no device is made up', async () => {
    const { db } = await replaySaved('cmd/flint/flint_burn_failed.txt', burn('cx4lx-flint-burn-failed-nvidia-forum.txt'));
    expect(db.prepare(`SELECT count(*) AS n FROM firmware`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT code FROM collection_issues ORDER BY code`).all()).toEqual([{ code: 'MSTFLINT' }, { code: 'NO-DEVICE' }]);
  }, 60_000);
});

describe("an installer's lines around a firmware manager's query", () => {
  it('MLNX_EN: its package, log, PCI link summary and closing advice are one note, not unread lines', async () => {
    const { db } = await replaySaved('cmd/mlxfwmanager/mlnx-en install.txt', real('fwmanager/cx3-mlnx-en-installer-fw-update-log.txt'));
    expect(db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('UNKNOWN-LINE', 'INSTALLER')`).all()).toEqual([
      { code: 'INSTALLER', message: expect.stringContaining("line(s) 1–2, 29–32, 34–36 are the MLNX_OFED / MLNX_EN installer's own") },
    ]);
  }, 60_000);

  // The real MLNX_EN log, its card named as the firmware manager names it when mst is started (`/dev/mst/mt4099_pci_cr0`),
  // or not at all (the line cut from the paste): the installer's own `Device (03:00.0):` below the run says which
  // PCI function it is.
  it.each([
    ['its mst device', (t: string): string => t.replace(/(PCI Device Name:\s+)03:00\.0/, '$1/dev/mst/mt4099_pci_cr0')],
    ['nothing', (t: string): string => t.replace(/^\s*PCI Device Name:.*\n/m, '')],
  ])('a card the query names by %s is the PCI function the installer names', async (_form, edit) => {
    const text = edit(real('fwmanager/cx3-mlnx-en-installer-fw-update-log.txt'));
    const { db } = await replaySaved('cmd/mlxfwmanager/mlnx-en install.txt', text);
    expect(db.prepare(`SELECT DISTINCT device_key FROM firmware`).all()).toEqual([{ device_key: '0000:03:00.0' }]);
    expect(db.prepare(`SELECT device_key, class, pci_address FROM devices WHERE class = 'pci'`).all()).toEqual([{ device_key: '0000:03:00.0', class: 'pci', pci_address: '0000:03:00.0' }]);
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'NO-DEVICE'`).get()).toEqual({ n: 0 });
  }, 60_000);

  it("the installer's card is read with the family its lspci line gives", () => {
    expect(parseFwManagerQuery(real('fwmanager/cx3-mlnx-en-installer-fw-update-log.txt')).installerDevices).toEqual([{ address: '03:00.0', family: 'ConnectX-3' }]);
  });

  // The real Huawei MLNX_OFED log: two ConnectX-4 Lx cards (Device (01:00.0): … [ConnectX-4 Lx]) it has no image for, of
  // which it prints no query; before, each was a 'Mellanox/NVIDIA adapter'. A query's own Device Type still names its card.
  it('a card no query names is the family its lspci line gives; a query\'s Device Type stays the name', async () => {
    const { db } = await replaySaved('cmd/mlxfwmanager/mlnxofedinstall.log', real('fwmanager/cx4lx-huawei-mlnxofedinstall-rpm-two-cards-not-distributed.txt'));
    expect(db.prepare(`SELECT device_key, model FROM devices ORDER BY device_key`).all()).toEqual([
      { device_key: '0000:01:00.0', model: 'ConnectX-4 Lx' }, { device_key: '0000:81:00.0', model: 'ConnectX-4 Lx' },
    ]);
    const typed = real('fwmanager/cx3-mlnx-en-installer-fw-update-log.txt').replace(/(\[ConnectX-3)\]/g, '$1 Pro]');
    const named = await replaySaved('cmd/mlxfwmanager/mlnx-en install.txt', typed);
    expect(named.db.prepare(`SELECT device_key, model FROM devices`).all()).toEqual([{ device_key: '0000:03:00.0', model: 'ConnectX-3' }]);
  }, 60_000);
});
