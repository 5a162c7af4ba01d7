/**
 * Several flint query runs saved in one file (commands one after another, a shell loop over devices) and other
 * mst tools' outputs pasted with them: each run is kept with the device its own command names. The runs are real
 * public outputs of the corpus (fixtures/real/mstflint), pasted together as a person does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/mstflint/${p}`, import.meta.url), 'utf8');
/** The output alone, without the prompt line and the Markdown fence the corpus sample keeps. */
const output = (p: string): string => real(p).split('\n').filter((l) => !/^(?:\[root@|```)/.test(l)).join('\n').trim();
const CX6DX = output('cx6dx-fs4-server-prompt.txt');
const CX4LX = output('cx4lx-fs3-dell-psid-vi.txt');

async function stored(saveAs: string, text: string): Promise<{ firmware: unknown[]; issues: unknown[] }> {
  const { db } = await replaySaved(saveAs, text);
  return {
    firmware: db.prepare(`SELECT device_key, version FROM firmware WHERE component IN ('firmware', 'psid') AND state IN ('stored', 'fixed') ORDER BY device_key, version`).all(),
    issues: db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('NO-DEVICE', 'UNKNOWN-LINE') ORDER BY message`).all(),
  };
}

const bothCards = [
  { device_key: '0000:04:00.0', version: '22.27.1016' },
  { device_key: '0000:04:00.0', version: 'MT_0000000359' },
  { device_key: '0000:05:00.0', version: '14.24.1000' },
  { device_key: '0000:05:00.0', version: 'DEL0000000006' },
];

describe('several flint query runs in one saved file', () => {
  it('two commands one after another: each run on the device its own prompt names, not all on the first', async () => {
    const text = `[root@host ~]# flint -d 04:00.0 q\n${CX6DX}\n[root@host ~]# flint -d 05:00.0 q\n${CX4LX}\n`;
    expect((await stored('cmd/flint/flint_q.txt', text)).firmware).toEqual(bothCards);
    // The saved name's device is the file's, but each run's own command says which card it read.
    expect((await stored('cmd/flint/-d_04:00.0_q.out', text)).firmware).toEqual(bothCards);
  });

  it('bare command lines (no prompt) and a sudo mstflint', async () => {
    const text = `sudo mstflint -d 0000:04:00.0 query\n${CX6DX}\n\nsudo mstflint -d 0000:05:00.0 query\n${CX4LX}\n`;
    expect((await stored('cmd/mstflint/mstflint-query.txt', text)).firmware).toEqual(bothCards);
  });

  it('a shell loop over devices: one run per device, in the loop’s order', async () => {
    const text = `[root@host ~]# for d in 04:00.0 05:00.0; do flint -d $d q; done\n${CX6DX}\n${CX4LX}\n`;
    const { runs } = parseMstflintRuns(text);
    expect(runs.map((r) => [r.device, r.query.psid])).toEqual([['04:00.0', 'MT_0000000359'], ['05:00.0', 'DEL0000000006']]);
    expect((await stored('cmd/flint/flint_q.txt', text)).firmware).toEqual(bothCards);
  });

  it('a loop whose output is not one run per device (a card that failed to open): each run on the device its own output names, none by position', async () => {
    const text = [
      '[root@host ~]# for d in 04:00.0 03:00.0 05:00.0; do echo "== $d =="; flint -d $d q; done',
      '== 04:00.0 ==', CX6DX,
      '== 03:00.0 ==', '-E- Cannot open Device: 03:00.0. No such file or directory. MFE_BAD_PARAMS',
      '== 05:00.0 ==', CX4LX, '',
    ].join('\n');
    const { runs } = parseMstflintRuns(text);
    expect(runs.filter((r) => r.query.psid !== undefined).map((r) => [r.device, r.query.psid])).toEqual([['04:00.0', 'MT_0000000359'], ['05:00.0', 'DEL0000000006']]);
    expect((await stored('cmd/flint/flint_q.txt', text)).firmware).toEqual(bothCards);
  });

  it('a loop whose runs name no device and do not match its device count is stored on no PCI function, never a wrong one: each run on its card by the base GUID it prints', async () => {
    const text = `[root@host ~]# for d in 04:00.0 03:00.0 05:00.0; do flint -d $d q; done\n${CX6DX}\n${CX4LX}\n`;
    expect((await stored('cmd/flint/flint_q.txt', text)).firmware).toEqual([
      { device_key: 'mst:guid-b8599f0300b3d7dc', version: '14.24.1000' },
      { device_key: 'mst:guid-b8599f0300b3d7dc', version: 'DEL0000000006' },
      { device_key: 'mst:guid-b8599f0300f08018', version: '22.27.1016' },
      { device_key: 'mst:guid-b8599f0300f08018', version: 'MT_0000000359' },
    ]);
  });

  it('two runs of one device (before and after) stay one query of it, the later values last', () => {
    const after = CX6DX.replace('22.27.1016', '22.39.1002');
    const { runs } = parseMstflintRuns(`# flint -d 04:00.0 q\n${CX6DX}\n# flint -d 04:00.0 q\n${after}\n`);
    expect(runs.map((r) => [r.device, r.query.fwVersion])).toEqual([['04:00.0', '22.39.1002']]);
  });
});

describe('one device spelled two ways in two runs', () => {
  it('07:00.0 and /proc/bus/pci/07/00.0 are one PCI function: one query of it (issue 921 of mstflint)', () => {
    const { runs } = parseMstflintRuns(readFileSync(new URL('./fixtures/real/mstflint/infinihost-lx-cannot-open-two-runs-issue921.txt', import.meta.url), 'utf8'));
    expect(runs.map((r) => [r.device, r.query.errors.length])).toEqual([['07:00.0', 2]]);
  });
});
