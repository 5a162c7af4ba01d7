/**
 * A devlink health output with another command's JSON below it, cut short (Jiri Pirko's mlxsw fw_fatal cover letter,
 * nic corpus devlink-health/mlxsw-fw-fatal-dump-show-jp-invalid-json-after: `devlink health` over `devlink health dump
 * show … -j -p`, whose pretty JSON devlink of 2020 printed invalid). Cut inside that document, the text is still the
 * health output it was saved as: the document below is another command's, not the artifact's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const TEXT = readFileSync(new URL('./fixtures/real/devlink-health/mlxsw-fw-fatal-dump-show-jp-invalid-json-after.txt', import.meta.url), 'utf8');

describe("devlink health with a dump's JSON below it, cut inside the JSON", () => {
  it('reads the reporter the health output shows, and no parse error', async () => {
    const cut = TEXT.slice(0, TEXT.indexOf('"id": 3') + '"id":'.length);
    const r = await replayTree({ 'cmd/devlink/health_show.out': cut });
    try {
      const art = r.db.prepare(`SELECT parser, parse_error FROM artifacts WHERE name = 'cmd/devlink/health_show.out'`).get();
      expect(art).toEqual({ parser: 'devlink-health', parse_error: null });
      const rows = r.db.prepare(`SELECT key, value FROM settings WHERE namespace = 'devlink.health' ORDER BY key`).all();
      expect(rows).toContainEqual({ key: 'fw_fatal.state', value: 'error' });
      expect(rows).toContainEqual({ key: 'fw_fatal.last_dump', value: '2020-07-27 16:33:27' });
    } finally {
      r.db.close();
    }
  });
});
