/**
 * devlink prints a version's name as the driver gave it (iproute2's pr_out_versions_single prints the name attribute
 * verbatim; the kernel's devlink_info_version_put checks nothing of it). A driver that takes its names from the device
 * (mtk_t7xx's info_get, as proposed on netdev in 2023, reads the modem's partition names and versions from the modem)
 * may give names in capitals, or mixed: such a line is a version, stored under its name as printed, in text and JSON
 * alike. Before, a name was taken only in lower case: the line was an unread line (text) or named and not stored (JSON).
 * The names and versions below are constructed (no public output of such a device was found); the handle, driver and
 * layout are those of the real mtk_t7xx output of test/nic/fixtures/real/devlink-dev-info/t7xx-empty-version.
 */
import { describe, expect, it } from 'vitest';
import { parseDevlinkInfo } from '../../analyzer/classes/nic/devlink.js';
import { replayTree } from '../helpers/replay-tree.js';

const TEXT = [
  '# devlink dev info',
  'pci/0000:55:00.0:',
  '  driver mtk_t7xx',
  '  versions:',
  '      running:',
  '        PRELOADER MOLY.PL.2303.01',
  '        LK lk-2.1',
  '        md1img MOLY.NR15.R3.TC8.PR2.SP.V1.P3',
  '        Mcf_1 0.9.2',
  '',
].join('\n');

const JSON_TEXT = JSON.stringify({
  info: { 'pci/0000:55:00.0': { driver: 'mtk_t7xx', versions: { running: { PRELOADER: 'MOLY.PL.2303.01', LK: 'lk-2.1', md1img: 'MOLY.NR15.R3.TC8.PR2.SP.V1.P3' } } } },
});

async function stored(files: Record<string, string>): Promise<{ components: [string, string][]; parse: string[] }> {
  const { db } = await replayTree(files);
  try {
    const components = (db.prepare(`SELECT component, version FROM firmware WHERE state = 'running' ORDER BY component`).all() as { component: string; version: string }[]).map(
      (r) => [r.component, r.version] as [string, string],
    );
    const parse = (db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE'`).all() as { message: string }[]).map((r) => r.message);
    return { components, parse };
  } finally {
    db.close();
  }
}

describe('devlink dev info version names in capitals', () => {
  it('reads each text line as a version under its name as printed', () => {
    const { items, issues } = parseDevlinkInfo(TEXT);
    expect(issues).toEqual([]);
    expect(items[0]!.versions.running).toEqual({ PRELOADER: 'MOLY.PL.2303.01', LK: 'lk-2.1', md1img: 'MOLY.NR15.R3.TC8.PR2.SP.V1.P3', Mcf_1: '0.9.2' });
  });

  it('stores them, text and JSON alike', async () => {
    const text = await stored({ 'cmd/devlink/dev_info.out': TEXT });
    expect(text.parse).toEqual([]);
    expect(text.components).toEqual([
      ['LK', 'lk-2.1'],
      ['Mcf_1', '0.9.2'],
      ['PRELOADER', 'MOLY.PL.2303.01'],
      ['md1img', 'MOLY.NR15.R3.TC8.PR2.SP.V1.P3'],
    ]);
    const json = await stored({ 'cmd/devlink/-j_dev_info.out': JSON_TEXT });
    expect(json.parse).toEqual([]);
    expect(json.components).toEqual([
      ['LK', 'lk-2.1'],
      ['PRELOADER', 'MOLY.PL.2303.01'],
      ['md1img', 'MOLY.NR15.R3.TC8.PR2.SP.V1.P3'],
    ]);
  });
});
