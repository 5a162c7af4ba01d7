/**
 * An nvme-cli `-o json` output cut short (a paste or a thread's stored copy that stops inside it) is read up to its
 * last whole member, and the member that was cut is named as an unread line, with the reader smartctl -j uses; before,
 * the whole output was "not valid JSON" and nothing of it was stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { parseFwLogJson, parseIdCtrlJson } from '../../analyzer/classes/nvme/nvme-json.js';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';
import { looksLikeJson } from '../../analyzer/parsers/json-output.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
// A WDC PC SN730's nvme id-ctrl -o json (nvme-cli 1.x, OpenStack ironic).
const ID_CTRL = real('id-ctrl/wdc-sn730-ironic-json.json');
// nvme-cli 1.3's fw-log -o json of nvme-cli issue 182.
const FW_LOG = real('fw-log/abcdf-nvme-cli-1.3-issue182-json.json');
// `nvme list -o json` of a ceph test node (ceph/ceph qa/tasks/nvme_loop.py, commit ffb6f3325709fac1358f9bdd094d2b68c56fdeed).
const LIST = `{
  "Devices" : [
    {
      "DevicePath" : "/dev/nvme0n1",
      "Firmware" : "8DV101H0",
      "Index" : 0,
      "ModelNumber" : "INTEL SSDPEDMD400G4",
      "ProductName" : "Unknown Device",
      "SerialNumber" : "PHFT620400WB400BGN"
    },
    {
      "DevicePath" : "/dev/nvme1n1",
      "Firmware" : "5.15.0-1",
      "Index" : 1,
      "ModelNumber" : "Linux",
      "ProductName" : "Unknown Device",
      "SerialNumber" : "7672ce414766ba44a8e5"
    }
  ]
}
`;

/** The text up to `n` characters into the line holding `member`, and that line's number. */
function cutInside(text: string, member: string, n = 6): { cut: string; line: number } {
  const at = text.indexOf(member) + n;
  return { cut: text.slice(0, at), line: text.slice(0, at).split('\n').length };
}

describe('an nvme-cli -o json output cut short', () => {
  it('id-ctrl: read to its last whole member, the cut member named', () => {
    const { cut, line } = cutInside(ID_CTRL, '"wctemp"');
    const id = parseIdCtrlJson(cut);
    const whole = parseIdCtrlJson(ID_CTRL);
    expect({ model: id.model, serial: id.serial, firmware: id.firmware, frmw: id.frmw }).toEqual({ model: whole.model, serial: whole.serial, firmware: whole.firmware, frmw: whole.frmw });
    expect(id.warningTempK).toBeUndefined();
    expect(id.cut).toEqual({ line, text: expect.stringContaining('"wctem'), message: expect.stringContaining('cut short') });
    expect(whole.cut).toBeUndefined();
  });

  it('fw-log: the slots before the cut are read; a member cut inside its value is not taken', () => {
    const { cut, line } = cutInside(FW_LOG, '"Firmware Rev Slot 1"', 30);
    const log = parseFwLogJson(cut);
    expect(log).toMatchObject({ activeSlot: 2, slots: { 1: 'ABCDF' }, cut: { line } });
    expect(log.slots[2]).toBeUndefined();
  });

  // nvme-cli issue 182: `# nvme version` and its `nvme version 1.3` above the fw-log command and its document. The banner
  // is that command's output, not a command typed; pasted indented or quoted, the document is still told from it.
  it("fw-log: another command's output above the document (nvme version's banner) does not hide it, indented or quoted", () => {
    for (const pasted of [FW_LOG, FW_LOG.replace(/^(?=.)/gm, '    '), FW_LOG.replace(/^/gm, '> ')]) {
      expect(looksLikeJson(pasted)).toBe(true);
      expect(parseFwLogJson(pasted)).toMatchObject({ activeSlot: 2, slots: { 1: 'ABCDF', 2: 'GHIJK' } });
    }
  });

  it('list: the members before the cut are read and the cut named', () => {
    const { cut, line } = cutInside(LIST, '"ModelNumber" : "Linux"', 12);
    const list = parseNvmeList(cut);
    // The second device's path, firmware and index were whole; its model and serial were not.
    expect(list.entries.map((e) => [e.node, e.serial, e.firmware])).toEqual([['/dev/nvme0n1', 'PHFT620400WB400BGN', '8DV101H0'], ['/dev/nvme1n1', undefined, '5.15.0-1']]);
    expect(list.issues).toEqual([{ line, text: expect.stringContaining('ModelNumber'), message: expect.stringContaining('cut short') }]);
    expect(parseNvmeList(LIST).issues).toEqual([]);
  });

  it('replayed from a tree, the cut id-ctrl is the node\'s device with its firmware, the cut an unread line', async () => {
    const out = join(tempDir(), 'b.tar.gz');
    await collect({ output: out, root: treeOf({ 'cmd/nvme/id-ctrl_nvme0.json': cutInside(ID_CTRL, '"wctemp"').cut }), only: ['nvme'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    expect(db.prepare(`SELECT device_key, serial FROM devices`).all()).toEqual([{ device_key: 'nvme:nvme0', serial: '1951B3444502' }]);
    expect(db.prepare(`SELECT version FROM firmware WHERE state = 'running'`).all()).toEqual([{ version: '11170101' }]);
    const issues = db.prepare(`SELECT code, message FROM collection_issues`).all() as { code: string; message: string }[];
    expect(issues.filter((i) => i.code === 'PARSE-LINE').map((i) => i.message)).toEqual([expect.stringContaining('cut short')]);
    expect(issues.map((i) => i.code)).not.toContain('PARSE');
  });
});
