import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../analyzer/db/database.js';
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import { asWrittenByTool, cleanText } from '../../../analyzer/parsers/text-input.js';
import { collect } from '../../../collector/collect.js';
import { artifactLoader, cmdArtifact, rowsOf } from '../../helpers/load-artifacts.js';
import { tempDir, treeOf } from '../../helpers/tmp.js';

/**
 * A paste site's line numbers and a blog export's Markdown escapes are undone only where a person may have pasted the
 * output (a file given in a captured tree). An output fwsnap or a report tool saved from the tool's own run is read as
 * the tool wrote it: its lines may start with numbers in order, and its strings may hold a backslash before `_` or `-`.
 */

const NUMBERED = '1 | lane 0 ok\n2 | lane 1 ok\n3 | lane 2 ok\n';
const ESCAPED = 'driver: acme_nic\nversion: 1.0.0\nfirmware-version: fw\\_2.1\\-rc1\nbus-info: 0000:01:00.0\n';
const texts = (raw: string): string[] => cleanText(raw).lines.map((l) => l.text);

describe('an output the tool wrote is read byte for byte', () => {
  it('the text layer keeps its numbered lines and backslashes; the same text as a paste loses them', () => {
    expect(asWrittenByTool(() => texts(NUMBERED))).toEqual(['1 | lane 0 ok', '2 | lane 1 ok', '3 | lane 2 ok']);
    expect(asWrittenByTool(() => texts(ESCAPED))[2]).toBe('firmware-version: fw\\_2.1\\-rc1');
    expect(texts(NUMBERED)).toEqual(['lane 0 ok', 'lane 1 ok', 'lane 2 ok']);
    expect(texts(ESCAPED)[2]).toBe('firmware-version: fw_2.1-rc1');
  });

  const load = artifactLoader();
  it('a bundle collected on the host stores the firmware string as the tool printed it', async () => {
    const db = await load([cmdArtifact(['ethtool', '-i', 'eth0'], ESCAPED)]);
    expect(rowsOf(db, `SELECT version FROM firmware WHERE device_key = 'net:eth0'`)).toEqual([{ version: 'fw\\_2.1\\-rc1' }]);
  });

  it('the same bytes given in a captured tree are read as a paste could be', async () => {
    const bundle = join(tempDir(), 'b.tar.gz');
    await collect({ output: bundle, root: treeOf({ 'cmd/ethtool/-i_eth0.out': ESCAPED }), isolation: 'inline' });
    const db = openDatabase(':memory:');
    try {
      await loadBundle(db, bundle);
      expect(rowsOf(db, `SELECT version FROM firmware WHERE device_key = 'net:eth0'`)).toEqual([{ version: 'fw_2.1-rc1' }]);
    } finally {
      db.close();
    }
  });
});
