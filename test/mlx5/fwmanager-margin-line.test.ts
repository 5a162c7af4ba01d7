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
