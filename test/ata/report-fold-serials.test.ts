/**
 * Two drives of one model with one firmware, from two saved smartctl outputs, are two inventory entries: each with its
 * own serial and output. Entries that say the same and have no serial of their own (every CPU of a socket) still fold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const DRIVE = readFileSync(join('test', 'ata/fixtures/real/smartctl/seagate-st31000520as-fw-warning-hugo.txt'), 'utf8');

// The published serial and WWN are masked; each drive is given its own so that they are two drives.
const drive = (name: string, serial: string, wwn: string): string =>
  DRIVE.replace(/sdb/g, name).replace(/Serial Number:.*/, `Serial Number:    ${serial}`).replace(/LU WWN Device Id:.*/, `LU WWN Device Id: 5 000c50 ${wwn}`);

describe('inventory entries that read alike', () => {
  it('two drives with serials of their own stay two entries', async () => {
    const bundle = join(tempDir(), 'b.tar.gz');
    const root = treeOf({ 'cmd/smartctl/smartctl -i sdb.txt': drive('sdb', '9VP1AAAA', '01a2b3c4d'), 'cmd/smartctl/smartctl -i sdc.txt': drive('sdc', '9VP2BBBB', '02a2b3c4d') });
    await collect({ output: bundle, root, isolation: 'inline' });
    const r = await analyze({ bundles: [bundle], minSeverity: 'low', jobs: 1 });
    try {
      const drives = r.report.inventory.filter((e) => e.name === 'ST31000520AS');
      expect(drives.map((e) => e.serial).sort()).toEqual(['9VP1AAAA', '9VP2BBBB']);
      const text = renderText(r.report);
      expect(text).toContain('from: cmd/smartctl/smartctl -i sdc.txt');
      expect(text).not.toContain('2 × ata');
    } finally {
      r.db.close();
    }
  });
});
