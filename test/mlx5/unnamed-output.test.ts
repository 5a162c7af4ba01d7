/**
 * mlxconfig's settings pasted from `Configurations:` down, and mlxlink's report, name no device: nothing of them can be
 * stored as a device's, and the refusal says whose output the text is and how to name its device. Real outputs:
 * test/mlx5/fixtures/real/mstconfig/cx3-mlxconfig-query-server-2-pve (its lines from `Configurations:` down) and
 * test/mlx5/fixtures/real/mlxlink/bf3-b3220-ib-edr-no-command-trailing-spaces-fusee-notes (whole); their provenance
 * files say where they were published.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const QUERY = readFileSync(new URL('./fixtures/real/mstconfig/cx3-mlxconfig-query-server-2-pve.txt', import.meta.url), 'utf8');
const SETTINGS = QUERY.slice(QUERY.indexOf('Configurations:'));
const LINK = readFileSync(new URL('./fixtures/real/mlxlink/bf3-b3220-ib-edr-no-command-trailing-spaces-fusee-notes.txt', import.meta.url), 'utf8');

const cases = [
  { tool: 'mlxconfig', text: SETTINGS, said: "text holding mlxconfig's query (settings under `Configurations:`), which names no device", named: 'mlxconfig -d 0000:3b:00.0 q.txt' },
  { tool: 'mlxlink', text: LINK, said: "text holding mlxlink's report (`Operational Info`), which names no device", named: 'mlxlink -d mlx5_0.txt' },
];

describe('an mlxconfig or mlxlink output naming no device', () => {
  for (const c of cases) {
    it(`${c.tool}: refused saying whose it is; read once named for its command`, async () => {
      const dir = tempDir();
      const text = join(dir, 'pasted.txt');
      writeFileSync(text, c.text);
      const col = await runCli(['collect', '--root', text, '-o', join(dir, 'b.tar.gz')]);
      expect(col.status).toBe(2);
      expect(col.stderr).toContain(`${text}: ${c.said}, so none of it can be stored`);
      expect(col.stderr).toContain(`(\`${c.named}\`)`);
      const a = await runCli(['analyze', text]);
      expect(a.status).toBe(2);
      expect(a.stderr).toContain(`${text}: unusable bundle — ${c.said}`);
      const named = join(dir, c.named);
      writeFileSync(named, c.text);
      const ok = await runCli(['collect', '--root', named, '-o', join(dir, 'n.tar.gz')]);
      expect(ok.status, ok.stderr).toBe(0);
    });
  }

  it('the whole query, naming its device, is read as before', async () => {
    const dir = tempDir();
    const text = join(dir, 'pasted.txt');
    writeFileSync(text, QUERY);
    const r = await runCli(['collect', '--root', text, '-o', join(dir, 'b.tar.gz')]);
    expect(r.status, r.stderr).toBe(0);
  });
});
