/**
 * A session saved with `nvme list` typed again after a firmware update (drives trial of issue 11: a person's notes of a
 * Seagate XP12800LE70025 update with the vendor's DLMC tool run between the two lists). The first list shows nvme1 at
 * SE4SA531, the second at SE4SA550, which is what the drive runs now. Before, the first row naming a controller gave
 * its running firmware (SE4SA531 stored); the last listing of it does. The vendor tool's own lines between the two lists
 * (its udev messages, its slot table) are another program's output, noted once; before, each of its 15 lines was an
 * unread line of nvme list. A paste whose one command is a person's own script may be printing nvme-cli's output, and
 * is read as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';

const NOTES = readFileSync(new URL('./fixtures/seagate-xp12800le70025-fw-update-notes-list-twice.txt', import.meta.url));

describe('nvme list typed twice in one saved session', () => {
  it('gives each controller the firmware of its last listing', async () => {
    const r = await replayTree({ 'cmd/nvme/nvme-list.txt': NOTES });
    const rows = r.db.prepare(`SELECT device_key AS k, version AS v FROM firmware WHERE state = 'running' ORDER BY device_key`).all() as { k: string; v: string }[];
    expect(Object.fromEntries(rows.map((x) => [x.k, x.v]))).toEqual({
      'nvme:nvme0': 'ECPG13.0', 'nvme:nvme1': 'SE4SA550', 'nvme:nvme2': 'SE4SA531', 'nvme:nvme3': 'SE4SA531', 'nvme:nvme4': 'SE4SA531',
    });
    const alarms = r.db.prepare(`SELECT rule_id FROM rule_results WHERE result = 'fail' AND severity IN ('high', 'critical')`).all();
    expect(alarms).toEqual([]);
    const unread = r.db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[];
    expect(unread.map((i) => i.message)).toEqual([expect.stringMatching(/line 11 .*15 line\(s\) of the output of "sudo \.\/PCIETOOL08-5890_DLMC.* AUTO" not read/)]);
  });
});

describe('another program typed in an nvme list session', () => {
  const LIST = 'Node             SN                   Model                                    Namespace Usage                      Format           FW Rev\n---------------- -------------------- ---------------------------------------- --------- -------------------------- ---------------- --------\n/dev/nvme0n1     S4EWNX0R123456       Samsung SSD 970 EVO Plus 1TB             1         120.03  GB /   1.00  TB    512   B +  0 B   2B2QEXM7\n';
  it('sets a lsblk run between two lists aside as one note', () => {
    const r = parseNvmeList(`$ sudo nvme list\n${LIST}$ lsblk -d -o NAME,SIZE\nNAME      SIZE\nnvme0n1 931.5G\n$ sudo nvme list\n${LIST}`);
    expect(r.issues.map((i) => i.message)).toEqual(['2 line(s) of the output of "lsblk -d -o NAME,SIZE" not read']);
  });
  it('reads what a person\'s own script prints when no nvme command is typed', () => {
    const r = parseNvmeList(`$ sudo ./disk-report.sh\n${LIST}`);
    expect(r.issues).toEqual([]);
    expect(r.entries.map((x) => x.firmware)).toEqual(['2B2QEXM7']);
  });
});
