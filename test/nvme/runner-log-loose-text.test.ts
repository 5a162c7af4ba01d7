/**
 * A test runner's job log given as a ticket's text, under no command's name: the runner names each command it ran
 * (`Running '…'`, `Command '…' finished with 0`) above the lines it logged as that command's `[stdout]`. Real log:
 * test/nvme/fixtures/real/fw-log/mn14mn14-avocado-joblog (its provenance file says where it was published): nvme
 * fw-log of nvme2, then a firmware download and activation. Before, nothing was read in it ('no output of a tool
 * fwsnap reads'): the runner's lines were blanked, and with them the only place the command is named.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const LOG = readFileSync(new URL('./fixtures/real/fw-log/mn14mn14-avocado-joblog.txt', import.meta.url), 'utf8');

describe("a test runner's job log as a loose text", () => {
  it("reads the firmware slots of the command the runner names above its output", async () => {
    const { db } = await replayTree({ 'attachment.txt': LOG });
    try {
      const rows = db.prepare(`SELECT device_key, version, state FROM firmware ORDER BY state`).all();
      expect(rows).toEqual([1, 2, 3].map((n) => ({ device_key: 'nvme:nvme2', version: 'MN14MN14', state: `slot-${n}` })));
    } finally {
      db.close();
    }
  });
});
