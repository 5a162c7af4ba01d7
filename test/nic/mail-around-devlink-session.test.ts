import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedIssueMessages } from '../helpers/replay-tree.js';

/**
 * A devlink session as mails carry it (real samples): a `param set` command wrapped by the mail client after its
 * `value ` (`4 cmode runtime` on the next line) is the command's rest, not an unread line of the output; a C comment
 * between the commands (`/* Set num_qps_per_vf to 4 *\/`) is the writer's note; a sentence after the session wrapped
 * before its last capitalised word (`… 17 vectors per` / `VF.`) is the writer's words; a cover letter's shortlog under
 * `Vasundhara Volam (2):` is git's, each of its entries (`bnxt_en: Add board_serial_number field to info_get cb`).
 */
const real = (tool: string, f: string): string => readFileSync(new URL(`./fixtures/real/${tool}/${f}.txt`, import.meta.url), 'utf8');
const ICE = real('devlink-param', 'ice-num-qps-per-vf-two-ports-set-wrapped-quoted-twice');
const BNXT = real('devlink-dev-info', 'bnxt-board-serial-reply-comment-inside-shortlog-after');

async function unread(saveAs: string, text: string): Promise<{ lines: string[]; around: string[] }> {
  const r = await savedIssueMessages(saveAs, text, ['PARSE-LINE', 'PASTE-AROUND']);
  return { lines: r['PARSE-LINE'].sort(), around: r['PASTE-AROUND'].sort() };
}

describe('a devlink session carried by a mail', () => {
  it('the wrapped rest of a param set, a C comment, a sentence wrapped before VF.: none is an unread line', async () => {
    const r = await unread('cmd/devlink/dev_param_show.out', ICE);
    expect(r.lines.filter((m) => /"4 cmode runtime"|Set num_qps_per_vf|"VF\."/.test(m))).toEqual([]);
    expect(r.around.join(' ')).toMatch(/lines 13, 25–27\)/);
  });

  it('the wrapped rest of a param set with its cmode alone on the next line: the command\'s, not a value outside any param', async () => {
    const text = '$ devlink dev param set pci/0000:4b:00.0 name tx_scheduling_layers value 5\ncmode permanent\n$ devlink dev param show pci/0000:4b:00.0 name tx_scheduling_layers\npci/0000:4b:00.0:\n  name tx_scheduling_layers type driver-specific\n    values:\n      cmode permanent value 5\n';
    expect((await unread('cmd/devlink/dev_param_show.out', text)).lines).toEqual([]);
  });

  it('a cover letter\'s shortlog after the output: its head and both entries are the mail\'s', async () => {
    const r = await unread('cmd/devlink/dev_info.txt', BNXT);
    expect(r.lines).toEqual([]);
    expect(r.around.join(' ')).toMatch(/39–41/);
  });

  it('a shortlog head counts its entries: a line after them is not taken for one', () => {
    // Only the head's count of lines after it are the shortlog's; what follows is judged on its own.
    const text = BNXT.replace('Volam (2):', 'Volam (1):');
    return unread('cmd/devlink/dev_info.txt', text).then((r) => expect(r.lines.map((m) => m.replace(/^.*line (\d+).*$/, '$1'))).toEqual(['41']));
  });
});
