/**
 * A flint query a web page or a chat flattened onto one line (its line breaks and runs of spaces gone:
 * `Image type: FS4 FW Version: 24.33.1048 … PSID: MT_0000000723 Security Attributes: secure-fw`). The outputs are real
 * ones of the corpus, flattened as such a page shows them; each field is read in order, as from the printed query.
 * A page that flattened the whole console block runs the typed command into the fields (real: a blog's WinMFT query,
 * `PS C:\Users\Administrator> flint -d mt4099_pci_cr0 query Image type: FS2 …`): the fields are still the query's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstflintQuery, parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/mstflint/${p}`, import.meta.url), 'utf8');
/** The query's lines (no fence, no command line) joined as a page without <pre> joins them. */
const flattened = (text: string): string =>
  `${text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^```|#\s/.test(l))
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .join(' ')}\n`;

describe('a flint query flattened onto one line', () => {
  it('reads every field in order: versions, the four ROMs (two types of several words), base GUID and MAC, PSID, security attributes', () => {
    const q = parseMstflintQuery(flattened(real('bf2-secure-fw-lshca-issue54.txt')));
    expect(q).toMatchObject({ imageType: 'FS4', fwVersion: '24.33.1048', fwReleaseDate: '29.4.2022', productVersion: '24.33.1048', psid: 'MT_0000000723', securityAttributes: 'secure-fw' });
    expect(q.baseGuid).toEqual({ value: '08c0eb030053eaec', count: 16 });
    expect(q.baseMac).toEqual({ value: '08c0eb53eaec', count: 16 });
    expect(q.roms.map((r) => [r.type, r.version])).toEqual([['UEFI Virtio net', '21.2.10'], ['UEFI Virtio blk', '22.2.10'], ['UEFI', '14.26.17'], ['PXE', '3.6.502']]);
    expect(q.issues).toEqual([]);
  });

  it('saved as a file: the same rows as the printed query, keyed by its base GUID, no unread line', async () => {
    const rows = async (text: string): Promise<unknown> => {
      const { db } = await replaySaved('flint-q.txt', text);
      return {
        firmware: db.prepare(`SELECT device_key, component, state, version FROM firmware ORDER BY component, state`).all(),
        issues: db.prepare(`SELECT code FROM collection_issues`).all(),
      };
    };
    const printed = real('cx4lx-fs3-dell-psid-vi.txt').replace(/```\n?/g, '');
    const want = await rows(printed);
    expect(want).toMatchObject({ firmware: expect.arrayContaining([{ device_key: 'mst:guid-b8599f0300b3d7dc', component: 'psid', state: 'fixed', version: 'DEL0000000006' }]) });
    expect(await rows(flattened(printed))).toEqual(want);
  });

  it("the command line run straight into the fields (the whole console block flattened): the query's fields, under that command's device", () => {
    const { runs, issues } = parseMstflintRuns(real('cx3-fs2-powershell-command-glued-flattened-line-gutter-blog.txt'));
    expect(runs.map((r) => [r.device, r.query.imageType, r.query.fwVersion, r.query.productVersion, r.query.psid])).toEqual([['mt4099_pci_cr0', 'FS2', '2.42.5000', '02.42.50.00', 'MT_1090120019']]);
    expect(runs[0]!.query.roms.map((r) => [r.type, r.version])).toEqual([['PXE', '3.4.752']]);
    // The code block's line-number gutter (`1 2 … 12 |` over the flattened code cell) is set aside by the text layer: no unread line.
    expect(issues.map((i) => i.line)).toEqual([]);
  });

  it('another query flattened with its root prompt and command in front: read on the device the command names, no unread line', () => {
    const text = `root@swx-proton02-bf1:~# flint -d mlx5_0 q ${flattened(real('bf2-secure-fw-lshca-issue54.txt'))}`;
    const { runs, issues } = parseMstflintRuns(text);
    expect(runs.map((r) => [r.device, r.query.fwVersion, r.query.psid, r.query.securityAttributes])).toEqual([['mlx5_0', '24.33.1048', 'MT_0000000723', 'secure-fw']]);
    expect(issues).toEqual([]);
  });
});
