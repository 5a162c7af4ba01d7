/**
 * hdparm run on a partition (`hdparm -I /dev/sda2`) answers with its drive's IDENTIFY: the drive is `ata:sda`, as
 * smartctl's loader names a drive it is run on through a partition, so both outputs of one drive land on one device.
 * Before, hdparm's was `ata:sda2` (a real published output: test/ata/fixtures/real/hdparm/micron-5300-…-partition-…).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driveNode } from '../../analyzer/parsers/drive-node.js';
import { replayTree } from '../helpers/replay-tree.js';

const sample = readFileSync(new URL('./fixtures/real/hdparm/micron-5300-mtfddak1t9tds-partition-sudo-password-notes.txt', import.meta.url), 'utf8');

describe('hdparm -I of a partition', () => {
  it('names the drive, not the partition', async () => {
    const r = await replayTree({ 'hdparm -I sda2.txt': sample });
    expect(r.db.prepare(`SELECT device_key AS key, model FROM devices WHERE class = 'ata'`).all()).toEqual([{ key: 'ata:sda', model: 'Micron_5300_MTFDDAK1T9TDS' }]);
  });

  it('a partition node is its drive\'s; a drive node is itself', () => {
    expect(['sda2', 'hdb1', 'vdc3', 'ada0p2', 'disk0s1', 'rwd0c', 'sda', 'sdaa', 'nvme0n1', 'md126'].map(driveNode))
      .toEqual(['sda', 'hdb', 'vdc', 'ada0', 'disk0', 'wd0', 'sda', 'sdaa', 'nvme0n1', 'md126']);
  });
});
