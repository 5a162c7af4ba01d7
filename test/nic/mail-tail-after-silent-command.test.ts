/**
 * A cover letter's session whose last command prints nothing (`devlink lc set … notype`, `devlink dev param set …`),
 * git's shortlog, diffstat, `create mode` lines and signature under it: those are the mail's, not the output of that
 * command. Before, the lines below another devlink command were all its output unless each read as a sentence, and a
 * blank line or a shortlog head (`Jiri Pirko (17):`) ended that test: 42 lines were named as the unread output of
 * `devlink lc set`. Real sample: the mlxsw line card cover letter (fixtures/real/devlink-port).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedIssueMessages } from '../helpers/replay-tree.js';

const COVER = readFileSync(new URL('./fixtures/real/devlink-port/mlxsw-sn4800-line-card-ports-cover-letter-lc-set-last.txt', import.meta.url), 'utf8');

/** The mail's tail under the last command, as git format-patch writes it. */
const TAIL = [
  '',
  'Jane Roe (3):',
  '  devlink: add a param',
  '  foo: implement the param for the',
  '    second port',
  '  selftests: foo: test the param',
  '',
  ' drivers/net/ethernet/foo/foo_devlink.c | 40 ++++++',
  ' 1 file changed, 40 insertions(+)',
  ' create mode 100644 tools/testing/selftests/drivers/net/foo/param.sh',
  '',
  '-- ',
  '2.39.2',
  '',
];

/** The unread lines a replay of the text names. */
const unread = async (saveAs: string, text: string): Promise<string[]> => (await savedIssueMessages(saveAs, text, ['PARSE-LINE'] as const))['PARSE-LINE'];

describe("a cover letter's tail under a command that printed nothing", () => {
  it('is not the output of devlink lc set (real mlxsw cover letter)', async () => {
    expect(await unread('cmd/devlink/port.txt', COVER)).toEqual([
      expect.stringContaining('of the output of "devlink lc" not read'),
      expect.stringContaining('of the output of "devlink lc show pci/0000:01:00.0 lc 8" not read'),
    ]);
  });

  it('is not the output of devlink health recover', async () => {
    const text = [
      '$ devlink health show pci/0000:3b:00.0 reporter tx',
      'pci/0000:3b:00.0:',
      '  reporter tx',
      '    state healthy error 1 recover 1 grace_period 500 auto_recover true auto_dump true',
      '$ devlink health recover pci/0000:3b:00.0 reporter tx',
      ...TAIL,
    ].join('\n');
    expect(await unread('cmd/devlink/health.txt', text)).toEqual([]);
  });

  it("still names another command's output above the mail", async () => {
    const text = ['$ devlink port', 'pci/0000:01:00.0/0: type notset flavour cpu port 0 splittable false', '$ devlink lc', 'pci/0000:01:00.0:', '  lc 1 state unprovisioned', ...TAIL].join('\n');
    expect(await unread('cmd/devlink/port.txt', text)).toEqual([expect.stringContaining('2 line(s) of the output of "devlink lc" not read')]);
  });
});
