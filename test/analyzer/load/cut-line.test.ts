import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../analyzer/db/database.js';
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import { collect } from '../../../collector/collect.js';
import { tempDir, treeOf } from '../../helpers/tmp.js';

/** The PARSE-CUT issues a pasted output saved under `name` gets when replayed and loaded. */
async function cutIssues(name: string, text: string): Promise<string[]> {
  const bundle = join(tempDir(), 'b.tar.gz');
  await collect({ output: bundle, root: treeOf({ [name]: text }), isolation: 'inline' });
  const db = openDatabase(':memory:');
  try {
    const { bundleId } = await loadBundle(db, bundle);
    return (db.prepare(`SELECT message FROM collection_issues WHERE bundle_id = ? AND code = 'PARSE-CUT'`).all(bundleId) as { message: string }[]).map((r) => r.message);
  } finally {
    db.close();
  }
}

const DOC = { json_format_version: [1, 0], device: { name: '/dev/sda', type: 'sat' }, model_name: 'SAMSUNG MZ7LH480HAHQ-00005', serial_number: 'S45PNA0M123456', firmware_version: 'HXT7404Q', smart_status: { passed: true } };
const NAME = 'cmd/smartctl/-j_-a_sda.out';

describe('an output saved without a final line end', () => {
  it('a whole JSON document (compact on one line, or pretty) is complete: no "may have been cut" issue', async () => {
    expect(await cutIssues(NAME, JSON.stringify(DOC))).toEqual([]);
    expect(await cutIssues(NAME, `2026-12-01T10:00:05.1234567Z ${JSON.stringify(DOC)}`)).toEqual([]);
    expect(await cutIssues(NAME, JSON.stringify(DOC, null, 2))).toEqual([]);
  });

  it('a JSON document cut inside is still named as cut', async () => {
    const cut = JSON.stringify(DOC, null, 2).slice(0, 150);
    expect(await cutIssues(NAME, cut)).toHaveLength(1);
  });
});

// Real form: an EC2 notes file pasting `ethtool -i ens5` in a Markdown fence, the file's last line the closing fence
// with no line end after it (test/nic/fixtures/real/ethtool-i/ena-t3-amazon-linux-2023); and the same block with the
// closing fence glued after the output's last line, its line end lost.
const ENA = ['```', '[ec2-user@ip-172-31-3-129 ~]$ ethtool -i ens5', 'driver: ena', 'version: 2.8.3g', 'firmware-version: ', 'bus-info: 0000:00:05.0', 'supports-priv-flags: yes'];

describe('a pasted output whose fence closes it without a line end', () => {
  it('is complete: the closing fence, alone or glued after the last line, is no cut line', async () => {
    expect(await cutIssues('cmd/ethtool/-i_ens5.out', [...ENA, '```'].join('\n'))).toEqual([]);
    expect(await cutIssues('cmd/ethtool/-i_ens5.out', `${ENA.join('\n')}\`\`\``)).toEqual([]);
    expect(await cutIssues('cmd/ethtool/-i_ens5.out', [...ENA, '```', '', 'Then the driver is ena.', '', '```'].join('\n'))).toEqual([]);
  });

  it('an output cut inside its block, its fence never closed, is still named as cut', async () => {
    expect(await cutIssues('cmd/ethtool/-i_ens5.out', ENA.join('\n').slice(0, -2))).toHaveLength(1);
  });
});
