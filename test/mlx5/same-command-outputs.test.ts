/**
 * Several outputs in one captured tree whose saved names stand for the same command (`mlxconfig xcp-ng host.txt` and
 * `mlxconfig-q-hp544.txt` are both `mlxconfig q`; the device is in their text): each is read, not only the first.
 * The outputs are real public ones of the corpus.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
/** The corpus sample without the command line typed above it: its name alone then says which command. */
const outputOnly = (p: string): string => real(p).replace(/^.*(?:mlxconfig|mlxup|mlxfwmanager).*\n/, '');

describe('outputs saved under names of one command', () => {
  it('two mlxconfig queries of two cards are each stored under the device their Device: line names', async () => {
    const { db } = await replayTree({
      'cmd/mlxconfig/mlxconfig xcp-ng host.txt': outputOnly('mstconfig/cx3-next-boot-xcp-ng-issue544.txt'),
      'cmd/mlxconfig/mlxconfig-q-hp544.txt': outputOnly('mstconfig/cx3pro-hp544-next-boot.txt'),
    });
    try {
      const rows = db.prepare(`SELECT DISTINCT device_key FROM settings WHERE key = 'SRIOV_EN' ORDER BY device_key`).all();
      expect(rows).toEqual([{ device_key: 'mst:mt4099_pciconf0' }, { device_key: 'mst:mt4103_pci_cr0' }]);
      expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'NOT_READ'`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('two firmware manager runs of two hosts saved under words a person chose are each read', async () => {
    const { db } = await replayTree({
      'cmd/mlxfwmanager/sudo mlxfwmanager.txt': real('fwmanager/cx6dx-mlnx-en-install-update-required.txt'),
      'cmd/mlxfwmanager/mlxfwmanager before update.txt': real('fwmanager/cx3-mlxup-port-macs-up-to-date.txt'),
    });
    try {
      const psids = db.prepare(`SELECT version FROM firmware WHERE component = 'psid' ORDER BY version`).all();
      expect(psids).toEqual([{ version: 'MT_0000000359' }, { version: 'MT_1090120019' }]);
    } finally {
      db.close();
    }
  });
});
