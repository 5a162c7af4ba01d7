/**
 * A pasted sg_inq output names no SCSI node (its lines are the INQUIRY's fields only), so nothing of it can be stored
 * as a device's: the text is refused, and the refusal says it is sg_inq's and how to name its device. Real output:
 * test/scsi/fixtures/real/sg_inq-st8000as0022 (its provenance file says where it was published).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const INQ = readFileSync(new URL('./fixtures/real/sg_inq-st8000as0022.txt', import.meta.url));
const SAID = "text holding sg_inq's INQUIRY, which names no device, so none of it can be stored: it is read when the command that printed it is typed above it with its device (`sg_inq /dev/sda`), or when the file is named for that command (`sg_inq sda.txt`)";

describe("sg_inq's output naming no node", () => {
  it('is refused by collect and analyze saying whose it is and how to name its node', async () => {
    const dir = tempDir();
    const text = join(dir, 'attachment.txt');
    writeFileSync(text, INQ);
    const c = await runCli(['collect', '--root', text, '-o', join(dir, 'b.tar.gz')]);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain(`${text}: ${SAID}`);
    const a = await runCli(['analyze', text]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain(`${text}: unusable bundle — ${SAID}`);
  });

  it('is read as the hint says: named for its command, or under its command typed with the node', async () => {
    const dir = tempDir();
    const named = join(dir, 'sg_inq sda.txt');
    writeFileSync(named, INQ);
    const typed = join(dir, 'ticket.txt');
    writeFileSync(typed, Buffer.concat([Buffer.from('# sg_inq /dev/sda\n'), INQ]));
    for (const text of [named, typed]) {
      const r = await runCli(['analyze', '--format', 'json', text]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('ST8000AS0022-1WL');
    }
  });

  it('a text that is not sg_inq output keeps the general refusal', async () => {
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'Vendor identification: ATA\nThe drive was replaced.\n');
    const a = await runCli(['collect', '--root', text, '-o', join(dir, 'b.tar.gz')]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('text, and no output of a tool fwsnap reads was found in it');
  });
});
