/**
 * A mail client breaks long lines at its margin (the real xdp-newbies reply of the corpus moved PCI_ATOMIC_MODE's value
 * and the Description's end onto lines of their own). mlxconfig prints lines of up to about 100 columns: an `-e` row of
 * three values, its column heading, a long Description and the footer. Real queries of the corpus, broken as a mail
 * client breaks them (at the last space before the margin), give the rows they give as published.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstconfigQuery, type MlxQuery } from '../../analyzer/classes/mlx5/mstconfig.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/mstconfig/${name}`, import.meta.url), 'utf8');

/** Breaks every line longer than the margin at its last space before it, as a mail client sending format=fixed does. */
function mailWrapped(text: string, margin: number): string {
  return text.split('\n').flatMap((line) => {
    const out: string[] = [];
    let rest = line;
    while (rest.length > margin) {
      const cut = rest.lastIndexOf(' ', margin);
      const at = cut > 0 ? cut : margin;
      out.push(rest.slice(0, at));
      rest = rest.slice(at).replace(/^ /, '');
    }
    return [...out, rest];
  }).join('\n');
}

const rows = (q: MlxQuery): unknown => q.devices.map((d) => ({ columns: d.columns, params: d.params, description: d.description }));

describe('an mlxconfig output broken at a mail margin', () => {
  for (const name of ['cx5-e-query-sriov-op-issue492-part1.txt', 'bf2-dpu-e-query-issue830-boot.txt', 'bf3-dpu-next-boot-ptp-tools.txt', 'cx6-set-preview-link-type-pve-mft430.txt', 'cx6-socket-direct-set-bare-command-no-prompt-cut.txt']) {
    for (const margin of [72, 76, 80]) {
      it(`${name} at ${margin} columns: the published rows, no unread line`, () => {
        const published = parseMstconfigQuery(real(name));
        const wrapped = parseMstconfigQuery(mailWrapped(real(name), margin));
        expect(rows(wrapped)).toEqual(rows(published));
        // A prompt's command broken before its options (`…# mlxconfig` / `-d /dev/mst/… set …`) is the text layer's: left.
        expect(wrapped.issues.filter((i) => !i.text.startsWith('-d ')).length).toBe(published.issues.length);
      });
    }
  }

  it("the footer's last word on a line of its own is the footer's", () => {
    const q = parseMstconfigQuery(mailWrapped(real('cx5-e-query-after-raw-tlv-apply-slingshot.txt'), 72));
    expect(q.issues.map((i) => i.text)).not.toContain('value.');
  });

  it('a short row (a grep of one value) followed by a number is no broken row', () => {
    const q = parseMstconfigQuery('        NUM_OF_VFS                                  16\n0\n');
    expect(q.devices[0]!.params).toEqual([expect.objectContaining({ name: 'NUM_OF_VFS', values: { next_boot: expect.objectContaining({ raw: '16' }) } })]);
  });

  it('a line of values below a full row is still no wrapped remainder', () => {
    const q = parseMstconfigQuery('Configurations:                              Next Boot\n        SRIOV_EN                            True(1)\n        16\n');
    expect(q.devices[0]!.params).toEqual([expect.objectContaining({ name: 'SRIOV_EN', values: { next_boot: expect.objectContaining({ raw: 'True(1)' }) } })]);
    expect(q.issues).toHaveLength(1);
  });
});
