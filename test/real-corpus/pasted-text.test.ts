import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { FORMS, PROSE, withNotes } from './pasted-forms.js';
import { notApplicable, sweepSamples, type SweepSample } from './paste-sweep.js';
import { replayText, type SampleText } from './pasted-text.js';

/**
 * What a person adds to a pasted output is told from what a parser could not read. Notes after values (`  # …`,
 * `<--`, `<==`, `// …`) are left out of the value and each is named (PASTE-NOTE, with its line); words around the
 * output (a sentence, `Output example::`, `---`, a sign-off) are named once (PASTE-AROUND, "text around the output, N
 * lines") and are never unread lines of the parser (PARSE-LINE, UNKNOWN-LINE), which stay for lines inside the output.
 * Every real output of the corpus is replayed as published and with notes and prose added (the paste sweep checks the
 * same forms give the published rows).
 */

/** Samples by kind folder and file name (unique in the corpus): the notes each published output carries, by line. */
const PUBLISHED_NOTES: Record<string, number[]> = {
  'mstflint/cx4lx-annotated-padded-openshift-demo': [2], // `FW Version: 14.32.1010 <---latest version`
  'id-ctrl/samsung-pm1733-notes-H': [6, 7, 185], // `sn : S5RTNC0T104269  # serial number`, `# model number`, `# number of namespaces`
  'ethtool-i/sfc-annotated-arrows': [2, 4], // `driver: sfc   <--- SF卡`, `firmware-version: … <--- 固件版本信息`
  'devlink-dev-info/ice-api-patch-annotated': [10], // `fw.mgmt.api 1.7 <--- No patch number included`
  'smartctl/seagate-st3146356ss-blog-tabs-cjk-notes-smartctl542': [17, 21, 40], // `SMART Health Status: OK   #版本的不通…` and two more
  'ethtool-i/fm10k-zh-note-glued-after-version-lspci-dmesg': [22], // `version: 0.27.1-gs-patched     #这个驱动并非原版 …`
  'ethtool-i/mlx5-cx7-zh-k8s-bus-info-hash-note': [9], // `bus-info: 0000:4d:00.0 # 这就是驱动信息`, one space before its `# `
  'ethtool-i/hns-platform-zh-notes-after-values': [4, 5], // `driver: hns 驱动`, `version: 2.0 驱动版本`: words in Chinese one space after the value
  'smartctl/seagate-st9146803ss-smartctl539-device-version-blog-notes': [6, 7, 9, 11, 13, 14, 15], // `Device: SEAGATE  ST9146803SS      Version: 0006          #硬件厂商` and six more
  'smartctl/seagate-st18000nt001-serial-trimmed-cut': [7, 8], // `Serial Number:    ZRXXXXXX [trimmed]`, `LU WWN Device Id: 5 000c50 XXXXXXXXX [trimmed]`
  'id-ctrl/dera-p44-blog-cjk-notes-after-values': [4, 5, 6, 7, 8, 9, 10, 11, 13, 14], // `vid     : 0x1d78          # 厂商ID` … `ps 4    : mp:10.00W       # 最低功耗状态`
  'smart-log/dera-p44-blog-notes-markdown': [4, 5, 6, 7, 8, 13, 14, 15, 16], // the blog's `# …` note after each value
  'real/nvidia-smi-q-d-performance-gb10-580-dgx-spark-note': [24], // `SW Power Capping : 50284264713 us   ### <--- Throttled for 14 hours? 50K Seconds?`
  'ethtool-i/ice-ptp-openshift-arrows': [4, 5], // `version: 1.11.16 <------- driver version`, `firmware-version: … <--------- firmware version`
  // smartctl/smt418-wd30-redacted-two-runs's `LU WWN Device Id: 5 0014ee (REDACTED)` is no note: its stump shows no mask, the note stays in the value.
};

/**
 * The text around the output in each published sample, by line: each was read here and is a person's words, or the
 * message of another command pasted beside it; none holds a value. The two lines a tool printed itself carry nothing
 * its parser reads: mstconfig's `Operation intended for advanced users.` and its question `Are you sure you want to
 * apply raw TLV file? (y/n) [n] : y` above a query (the MLNX_EN installer's `Attempting to perform Firmware update...`
 * was a third: the mlx5 class now reads the installer's lines as its own, one INSTALLER note).
 * Before, each of these lines was an unread line of the parser (124 in the corpus when written; 89 after, each inside
 * an output).
 */
const PUBLISHED_AROUND: Record<string, string> = {
  'mstconfig/cx5-e-query-after-raw-tlv-apply-slingshot': '2–3', // Operation intended for advanced users., Are you sure you want to apply raw TLV file? (y/n) [n] : y
  'mstconfig/cx6-set-preview-maas-pr2': '1, 20', // Setting Boot Options.  BOOT_VLAN should be …; Enabling Expansion ROM and passing … through host's BIOS (the PR's words)
  'devlink-param/ice-msix-kernel-answers-quoted': '1–3', // > If CONFIG_IRDMA isn't enabled … For example:
  'devlink-param/mlx5-fdb-large-groups-quoted-review': '1', // > - Read the number of large groups in flow table.
  'ethtool-i/atlantic-esxi-placeholder-firmware': '1', // - `ethtool -i vmnicX` - show driver information
  'ethtool-i/atlantic-kernel-rst-output-example': '1', // Output example::
  'ethtool-i/atlantic-netdev-review-quoted-patch': '2, 5', // > + ------, > + Output example:
  'ethtool-i/bonding-forum-abi-version': '3', // Mine shows:
  'ethtool-i/gve-python-comment': '1', // # Sample output:
  'ethtool-i/hinic-dpdk-empty-version': '13', // Notice: 0000:05:00.0 already bound to driver hinic, skipping (dpdk-devbind's)
  'ethtool-i/igc-i225-wired-lan-mail': '1, 15', // > 2. What is the NVM version that your NIC has? (ethtool -i eno1), > 3. Can you please elaborate on you bug?
  'ethtool-i/ixgbe-af-xdp-mail-comma-firmware': '1, 14', // Driver: (a label over the prompt), I would be grateful if someone can try the same …
  'ethtool-i/mlx4-en-two-outputs-mail': '1', // >Here you go:
  'ethtool-i/mlx5e-rep-cx6dx-netdev': '14', // init switchdev:
  'ethtool-i/r8169-starship-prompt-list-indented': '1', // Before: (outside the fenced block)
  'ethtool-i/sfc-u25-expected-result-indented': '2', // Expected result:
  'ethtool-i/veth-markdown-heading-long-option': '14', // ---
  'ethtool-i/vmxnet3-xdp-newbies-quoted-two-lines': '1, 6', // > The driver on the NIC is:, > NIC has 2 queues, …
  'id-ctrl/adata-sx8200pnp-mail-four-lines': '1', // ADATA make the XPG SX8200:
  'id-ctrl/zhitai-tipro7000-lkml-serial-elided': '1', // This is the APST data from 'nvme id-ctrl /dev/nvme1'
  'smart-log/pippim-askubuntu-quoted-cli1': '1, 3–4, 6, 8', // > ## SMART option greyed out (a heading at the margin of its indented blocks), > This can happen with NVMe SSD's. …, > SMART tools:, the indented `sudo apt install nvme-cli` between two of the writer's paragraphs (their step), > Then run the program …
  'smartctl/samsung-960-evo-check-plugin': '2, 5, 7, 10–11', // =====…, Begin of smartctl output: (a check plugin's frame)
};

/** An unread line's issue without its line number, which words added above the output move. */
const unnumbered = (messages: string[]): string[] => messages.map((m) => m.replace(/\bline \d+\b/, 'line N').replace(/:\d+: /, ':N: '));
const fileName = (s: SweepSample): string => s.id.split('/').slice(-2).join('/');
const lineCount = (message: string): number => Number(/text around the output, (\d+) lines?,/.exec(message)?.[1] ?? 0);

describe('notes after values and text around an output, over the real corpus', () => {
  const samples = sweepSamples();
  let published: Map<string, SampleText>;

  it('as published: exactly the notes and the text around the outputs a person reads there; the rest of the unread lines stay', async () => {
    expect(new Set(samples.map(fileName)).size, 'sample names are unique').toBe(samples.length);
    published = await replayText(tempDir(), samples);
    const notes: Record<string, number[]> = {};
    const around: Record<string, string> = {};
    const skipped = samples.filter((s) => !published.has(s.id));
    // A sample its batch's tree does not store is replayed in a tree of its own (replayText): every sample is read here.
    expect(skipped.map((s) => s.id)).toEqual([]);
    for (const s of samples) {
      const r = published.get(s.id);
      if (!r) continue;
      if (r.notes.length) notes[fileName(s)] = r.notes.map((m) => Number(/^line (\d+): /.exec(m)![1]));
      if (r.around.length) around[fileName(s)] = /\(lines? (.*)\)$/.exec(r.around[0]!)![1]!;
      expect(r.around.length, s.id).toBeLessThanOrEqual(1);
    }
    // The samples read here are named; a sample added since is shown (and its own corpus test counts its unread lines).
    const unlisted = (found: Record<string, unknown>, listed: Record<string, unknown>): string[] => Object.entries(found).filter(([k]) => !(k in listed)).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    const more = [...unlisted(notes, PUBLISHED_NOTES).map((x) => `note ${x}`), ...unlisted(around, PUBLISHED_AROUND).map((x) => `around ${x}`)];
    if (more.length) console.log(`samples not listed here:\n${more.join('\n')}`);
    expect(Object.fromEntries(Object.keys(PUBLISHED_NOTES).map((k) => [k, notes[k]]))).toEqual(PUBLISHED_NOTES);
    expect(Object.fromEntries(Object.keys(PUBLISHED_AROUND).map((k) => [k, around[k]]))).toEqual(PUBLISHED_AROUND);
    expect(published.get(samples.find((s) => fileName(s) === 'id-ctrl/samsung-pm1733-notes-H')!.id)!.notes[0]).toBe(
      'line 6: "# serial number" after the value is a note added to the output; it was left out of the value',
    );
  }, 600_000);

  it('with notes after values: each note is named with its line, and the unread lines are those of the published output', async () => {
    const form = 'notes after values';
    const mine = samples.filter((s) => notApplicable(s, form) === undefined && published.has(s.id));
    expect(mine.length).toBeGreaterThan(300);
    const make = (s: SweepSample, text: string): string => FORMS[form]!({ text, format: s.format, command: s.command, savedAs: s.savedAs }) as string;
    const got = await replayText(tempDir(), mine, make);
    let added = 0;
    for (const s of mine) {
      const text = readFileSync(s.file, 'utf8');
      const original = text.split('\n');
      // The lines that got a note (a published note stays one note on its line).
      const noted = make(s, text).split('\n').flatMap((l, i) => (l !== original[i] || PUBLISHED_NOTES[fileName(s)]?.includes(i + 1) ? [i + 1] : []));
      added += noted.length;
      const r = got.get(s.id);
      if (!r?.parsed) continue;
      expect(r.unread, s.id).toEqual(published.get(s.id)!.unread);
      // Line numbers are the decoded input's: an output inside a JSON log line or a quoted-printable body has other lines than its file.
      if (!text.includes('\\n') && !/=\r?\n/.test(text)) expect(r.notes.map((m) => Number(/^line (\d+): /.exec(m)![1])), s.id).toEqual(noted);
      else expect(r.notes, s.id).toHaveLength(noted.length);
    }
    expect(added).toBeGreaterThan(1000);
    expect(withNotes('FW Version:     16.35.2000\n$ flint -d 3b:00.0 q\n', 'flint')).toBe('FW Version:     16.35.2000  # the firmware\n$ flint -d 3b:00.0 q\n');
  }, 600_000);

  it('with prose around: it is named once as text around the output, never as unread lines; the unread lines are those of the published output', async () => {
    const form = 'prose around the output';
    const mine = samples.filter((s) => notApplicable(s, form) === undefined && published.has(s.id));
    expect(mine.length).toBeGreaterThan(300);
    const make = (s: SweepSample, text: string): string => FORMS[form]!({ text, format: s.format, command: s.command, savedAs: s.savedAs }) as string;
    const got = await replayText(tempDir(), mine, make);
    const proseLines = (s: SweepSample): string[] => {
      const text = readFileSync(s.file, 'utf8');
      const wrapped = make(s, text);
      const at = wrapped.indexOf(text.replace(/\n?$/, '\n'));
      const outside = wrapped.slice(0, at) + wrapped.slice(at + text.replace(/\n?$/, '\n').length);
      return outside.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    };
    const variants = new Set<string>();
    let all = 0;
    for (const s of mine) {
      const r = got.get(s.id);
      if (!r) continue;
      const before = published.get(s.id)!;
      // The words added are never unread lines; the published output's unread lines all still are (a line of the tool's
      // own above the output, which was text around it, may become an unread line when a separator above it reads as
      // the output's first line).
      for (const t of proseLines(s)) expect(r.unread.filter((u) => u.includes(`"${t}"`)), `${s.id}: ${t}`).toEqual([]);
      expect(unnumbered(r.unread), s.id).toEqual(expect.arrayContaining(unnumbered(before.unread)));
      if (r.unread.length !== before.unread.length) expect(before.around.length, `${s.id}: more unread lines than published`).toBe(1);
      expect(r.around.length, s.id).toBeLessThanOrEqual(1);
      // A parser that skips what it does not read (smartctl's sections beyond the information one) has no unread line
      // there, so a sentence below such an output is neither unread nor counted; none is ever counted twice.
      const n = r.around.length ? lineCount(r.around[0]!) : 0;
      const most = proseLines(s).length + before.around.reduce((k, m) => k + lineCount(m), 0);
      expect(n, s.id).toBeLessThanOrEqual(most);
      if (n === most) all++;
      variants.add(PROSE.find(([b]) => make(s, readFileSync(s.file, 'utf8')).startsWith(b.replace(/\$CMD.*/s, '')))![0]);
    }
    expect(variants.size, 'every wording is tried').toBe(PROSE.length);
    console.log(`prose around: every added line counted in ${all} of ${mine.length} outputs`);
    // Deterministic (the corpus and the wordings are fixed): 243 of 378 when written.
    expect(all / mine.length).toBeGreaterThan(0.6);
  }, 600_000);
});
