/**
 * `mlxup -l` / `mlxfwmanager -l -i <file>` (--list-content): the images a file, a folder or mlxup itself carries, one
 * board a row. Reached under the names a person saves it under, as the firmware manager's kin, and read as what it is:
 * what the tool could burn, no device's firmware. No public output of it was found; the rows follow mstflint's
 * mlxfwupdate display_file_listing (PN padded to 25, PSID 18, Version 28 as `FW <version>`, Tag 14, Description; 110
 * dashes under the heading; the board's other images on the rows below, under Version).
 */
import { describe, expect, it } from 'vitest';
import { parseFwImageListing } from '../../analyzer/classes/mlx5/fwmanager-listing.js';
import { pastedFwManagerArgv } from '../../collector/classes/mlx5/pasted.js';
import { replayAllowed } from '../../collector/command-allowlist.js';
import { replaySaved } from '../helpers/replay-tree.js';

const pad = (s: string, n: number): string => s.padEnd(n);
const row = (pn: string, psid: string, version: string, tag: string, description: string): string => `${pad(pn, 25)} ${pad(psid, 18)} ${pad(version, 28)} ${pad(tag, 14)} ${pad(description, 32)}`;
const sub = (version: string): string => `${pad('', 25)} ${pad('', 18)} ${pad(version, 12)} `;
const LISTING = [
  `${pad('PN', 25)} ${pad('PSID', 18)} ${pad('Version', 28)} ${pad('Tag', 14)} ${pad('Description', 32)} `,
  '-'.repeat(110),
  row('MCX4121A-ACA_Ax', 'MT_2420110034', 'FW 14.32.1010', '--', 'ConnectX-4 Lx EN network interface card; 25GbE dual-port SFP28; PCIe3.0 x8; ROHS R6'),
  sub('PXE 3.6.0502'),
  sub('UEFI 14.25.0017'),
  row('MCX556A-ECA_Ax', 'MT_0000000008', 'FW 16.35.2000', '--', 'ConnectX-5 VPI adapter card; EDR IB (100Gb/s) and 100GbE; dual-port QSFP28'),
  sub('PXE 3.6.0902'),
  '',
].join('\n');

describe('a firmware image listing (mlxup -l)', () => {
  it('reads each board with its images, no unread line', () => {
    const l = parseFwImageListing(LISTING);
    expect(l.images.map((i) => [i.partNumber, i.psid, i.versions])).toEqual([
      ['MCX4121A-ACA_Ax', 'MT_2420110034', { FW: '14.32.1010', PXE: '3.6.0502', UEFI: '14.25.0017' }],
      ['MCX556A-ECA_Ax', 'MT_0000000008', { FW: '16.35.2000', PXE: '3.6.0902' }],
    ]);
    expect(l.issues).toEqual([]);
  });

  it.each([
    ['mlxup', 'mlxup -l.txt', ['mlxup', '-l']],
    ['mlxup', '-l.out', ['mlxup', '-l']],
    ['mlxup', '--list-content.out', ['mlxup', '-l']],
    ['mlxfwmanager', '-l_-i_fw-ConnectX4Lx.mfa.out', ['mlxfwmanager', '-l', '-i', 'fw-ConnectX4Lx.mfa']],
    ['mlxfwmanager', '--image-dir_images_-l.txt', ['mlxfwmanager', '-l', '--image-dir', 'images']],
  ])('%s %s is the listing, which replay reads', (tool, file, argv) => {
    expect(pastedFwManagerArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
  });

  it.each(['mlxup -l.txt', 'cmd/mlxup/-l.out', 'cmd/mlxfwmanager/-l_-i_fw.mfa.txt'])('saved as %s: reached, nothing stored as a device firmware, one LISTING issue', async (saveAs) => {
    const { db } = await replaySaved(saveAs, LISTING);
    try {
      expect(db.prepare(`SELECT count(*) AS n FROM firmware`).get()).toEqual({ n: 0 });
      const said = db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('LISTING', 'NOT_READ', 'UNKNOWN_NAME', 'PARSE', 'UNKNOWN-LINE', 'NO-DEVICE')`).all() as { code: string; message: string }[];
      expect(said.map((r) => r.code)).toEqual(['LISTING']);
      expect(said[0]!.message).toMatch(/a firmware image listing \((?:mlxup|mlxfwmanager) -l\) of 2 board\(s\)/);
    } finally {
      db.close();
    }
  });
});
