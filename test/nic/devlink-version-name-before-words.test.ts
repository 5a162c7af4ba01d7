/**
 * A version line inside a group is `name value`, the value as the driver gave it: words with spaces are the value's
 * (ice's `fw.app.name ICE OS Default Package`), whatever the name's case. A driver that takes its names from the device
 * (mtk_t7xx reads the modem's partition names) may give a name in capitals before a value of several words; before,
 * such a line was taken for a person's sentence by the name's case alone and dropped. What tells a person's line inside
 * a group is how it reads, in any case: a sentence (the shared prose test), or a `Label words: value` line devlink never
 * prints (it puts no colon after a name).
 * The names and values below are constructed (no public output of such a device was found); the handle, driver and
 * layout are those of the real mtk_t7xx output of test/nic/fixtures/real/devlink-dev-info/t7xx-empty-version.
 */
import { describe, expect, it } from 'vitest';
import { parseDevlinkInfo } from '../../analyzer/classes/nic/devlink.js';
import { replayTree } from '../helpers/replay-tree.js';

const block = (...running: string[]): string =>
  ['pci/0000:55:00.0:', '  driver mtk_t7xx', '  versions:', '      running:', ...running.map((l) => `        ${l}`), ''].join('\n');

describe('devlink dev info: a name before a value of several words', () => {
  it('reads a capitalised name before several words as a version, as a lower-case one', () => {
    const { items, issues } = parseDevlinkInfo(block('PRELOADER MOLY.PL.2303.01 (Mar 01 2023)', 'DDP ICE OS Default Package', 'LK lk 2.1 build 7', 'fw.app.name ICE OS Default Package'));
    expect(issues).toEqual([]);
    expect(items[0]!.versions.running).toEqual({
      PRELOADER: 'MOLY.PL.2303.01 (Mar 01 2023)',
      DDP: 'ICE OS Default Package',
      LK: 'lk 2.1 build 7',
      'fw.app.name': 'ICE OS Default Package',
    });
  });

  it("names a person's line inside the group, in any case, and reads on", () => {
    const lines = ['This one changed after the update.', 'looks like the fw did not update at all', 'Xyzzy frobnication level: 17', 'firmware version: 1.2'];
    const { items, issues } = parseDevlinkInfo(block('fw 1.0', ...lines, 'md1img MOLY.NR15'));
    expect(items[0]!.versions.running).toEqual({ fw: '1.0', md1img: 'MOLY.NR15' });
    expect(issues.map((i) => i.text)).toEqual(lines);
  });

  it('stores the versions', async () => {
    const { db } = await replayTree({ 'cmd/devlink/dev_info.out': block('PRELOADER MOLY.PL.2303.01 (Mar 01 2023)', 'LK lk 2.1 build 7') });
    try {
      expect(db.prepare(`SELECT component, version FROM firmware WHERE state = 'running' ORDER BY component`).all()).toEqual([
        { component: 'LK', version: 'lk 2.1 build 7' },
        { component: 'PRELOADER', version: 'MOLY.PL.2303.01 (Mar 01 2023)' },
      ]);
      expect(db.prepare(`SELECT message FROM collection_issues WHERE code LIKE 'PARSE%'`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
