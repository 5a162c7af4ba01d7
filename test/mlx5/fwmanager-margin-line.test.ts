/**
 * A person's `Key: value` line at the left margin inside a firmware manager's indented device block (a host named
 * between the Versions rows, an inline note): not the tool's, so named as an issue with its number, and the block goes on
 * after it (its Versions table is not ended by it). A real corpus output, the line put where a person would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFwManagerQuery } from '../../analyzer/classes/mlx5/fwmanager-query.js';

const real = readFileSync(new URL('./fixtures/real/fwmanager/cx7-mlxup-two-devices-update-required.txt', import.meta.url), 'utf8');
const lines = real.split('\n');
const insert = (at: number, line: string): string => [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');

describe("a person's Key: value line at the margin inside an indented device block", () => {
  const plain = parseFwManagerQuery(real);

  it('between two Versions rows: every row read, the line named', () => {
    const at = lines.findIndex((l, i) => i > lines.findIndex((x) => x.includes('Device #2')) && l.trim().startsWith('PXE'));
    const q = parseFwManagerQuery(insert(at, 'Host: node-07'));
    expect(q.devices).toEqual(plain.devices);
    expect(q.issues).toContainEqual({ line: at + 1, text: 'Host: node-07', message: 'not a row of the Versions table' });
  });

  it('between two fields: the fields read, the line named', () => {
    const at = lines.findIndex((l, i) => i > lines.findIndex((x) => x.includes('Device #2')) && l.trim().startsWith('PSID:'));
    const q = parseFwManagerQuery(insert(at, 'Server: node-07'));
    expect(q.devices).toEqual(plain.devices);
    expect(q.issues).toContainEqual({ line: at + 1, text: 'Server: node-07', message: 'not a line of a firmware manager query' });
  });
});

describe("a person's labelled note inside a device block the page flattened to the margin (no indentation to tell it by)", () => {
  const flat = readFileSync(new URL('./fixtures/real/fwmanager/cx7-dgx-spark-fw-updater-unindented-wide-done.txt', import.meta.url), 'utf8');
  const flatLines = flat.split('\n');
  const put = (at: number, line: string): string => [...flatLines.slice(0, at), line, ...flatLines.slice(at)].join('\n');
  const plain = parseFwManagerQuery(flat);
  const note = 'Note: the values below were read after the reboot.';

  it('between the Versions header and its FW row: the table is not ended by it, every row read, the line named', () => {
    const at = flatLines.findIndex((l) => l.startsWith('Versions:')) + 1;
    const q = parseFwManagerQuery(put(at, note));
    expect(q.devices).toEqual(plain.devices);
    expect(q.devices[0]!.components.map((c) => c.name)).toEqual(['FW', 'PXE', 'UEFI']);
    expect(q.issues).toContainEqual({ line: at + 1, text: note, message: 'not a row of the Versions table' });
  });

  it('between two fields: no field of the device takes the sentence, the line named', () => {
    const at = flatLines.findIndex((l) => l.startsWith('PCI Device Name:'));
    const q = parseFwManagerQuery(put(at, 'EDIT: this part is from the second card, see below.'));
    expect(q.devices[0]!.fields).toEqual(plain.devices[0]!.fields);
    expect(q.issues).toContainEqual({ line: at + 1, text: 'EDIT: this part is from the second card, see below.', message: 'not a line of a firmware manager query' });
  });
});
