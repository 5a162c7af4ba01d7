import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { savedSdparmArgv } from '../../collector/classes/scsi/saved-sdparm.js';
import { savedSgInqArgv } from '../../collector/classes/scsi/saved-sg-inq.js';
import { savedSgVpdArgv } from '../../collector/classes/scsi/saved-sg-vpd.js';
import { replayScsi } from './replay-saved.js';

const REAL = new URL('./fixtures/real/', import.meta.url).pathname;
const READERS: Record<string, (name: string, text?: string) => string[] | undefined> = { sg_inq: savedSgInqArgv, sg_vpd: savedSgVpdArgv, sdparm: savedSdparmArgv };

/** Real sg3_utils and sdparm outputs whose paste shows the command line, with the node their provenance names. */
const samples = readdirSync(REAL)
  .filter((f) => f.endsWith('.provenance.yaml'))
  .map((f) => ({ f, p: parseYaml(readFileSync(`${REAL}${f}`, 'utf8')) as { tool?: string; saved_as?: string } }))
  .filter(({ p }) => p.tool !== undefined && p.tool in READERS && p.saved_as !== undefined)
  .map(({ f, p }) => {
    const stem = f.slice(0, -'.provenance.yaml'.length);
    return { stem, tool: p.tool!, savedAs: p.saved_as!, text: readFileSync(`${REAL}${stem}.txt`, 'utf8') };
  })
  .filter((s) => new RegExp(`${s.tool}\\s[^\\n]*/dev/`).test(s.text));

describe('an sg_inq, sg_vpd or sdparm output saved under a name without its node', () => {
  it('takes the node from the command line pasted in it: every real one stands for the command its provenance names', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
    for (const s of samples) {
      const read = READERS[s.tool]!;
      const named = read(s.savedAs, s.text);
      expect(named, s.stem).toBeDefined();
      // The node as the name spells it (`c2t4d0`) or as typed (`/dev/rdsk/c2t4d0`): one disk.
      const disk = (argv: string[] | undefined): string[] | undefined => argv?.map((w) => w.replace(/^\/dev\/(?:r?dsk\/)?/, ''));
      for (const n of [`cmd/${s.tool}/${s.tool}.txt`, `cmd/${s.tool}/output.out`]) expect(disk(read(n, s.text)), `${s.stem} as ${n}`).toEqual(disk(named));
    }
  });

  it('is not read when neither the name nor the text names one node', () => {
    expect(savedSgInqArgv('cmd/sg_inq/output.out', 'standard INQUIRY:\n Vendor identification: ATA\n')).toBeUndefined();
    expect(savedSgInqArgv('cmd/sg_inq/output.out', '# sg_inq /dev/sda\n# sg_inq /dev/sdb\n')).toBeUndefined();
    expect(savedSgVpdArgv('cmd/sg_vpd/output.out')).toBeUndefined();
  });
});

describe('a real sdparm -i saved at the top of a tree as sdparm.txt', () => {
  it('is read as the sdparm -i /dev/sdd its pasted command line ran: the drive at sdd with its revision (the provenance truth), marked cut: vendor ATA, 4 firmware characters', async () => {
    const r = await replayScsi({ 'sdparm.txt': readFileSync(`${REAL}sdparm-i-wd10eads-sat-forum.txt`, 'utf8') });
    expect(r.notRead).toEqual([]);
    expect(r.firmware).toEqual([{ device_key: 'scsi:sdd', version: '…01.0' }]);
  });
});
