/**
 * A text file given where a bundle or a tree goes — a ticket saved whole, one tool's output saved by a person — is
 * read as a tree holding it alone (`fwsnap analyze ticket.md`, `check --root`, `collect --root`, `diff a.txt b.txt`),
 * instead of being refused with advice to make a folder for it. The ticket is a real public text (its provenance is
 * test/nic/fixtures/real/ethtool-i/bnx2-ja-shell-session-ncsi.provenance.yaml, what a person reads off it its truth).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const TICKET = readFileSync(new URL('../nic/fixtures/real/ethtool-i/bnx2-ja-shell-session-ncsi.txt', import.meta.url));
/** The same output as the ticket's, without its prompt, the sentence above it and its fence. */
const BARE = TICKET.toString('utf8').split('\n').filter((l) => /^[a-z-]+: /.test(l)).join('\n') + '\n';
const STACK = /^\s+at .+[:(]/m;

interface Firmware {
  version: string;
  savedAs?: string;
}
interface Entry {
  key: string;
  driver: string | null;
  location: { pci: string | null };
  firmware: Firmware[];
}

function inventory(stdout: string): Entry[] {
  return (JSON.parse(stdout) as { inventory: Entry[] }).inventory;
}

describe('a text file is read where a bundle or a tree goes', () => {
  it('analyze of a ticket saved whole reads the output typed in it, and says so in one line', async () => {
    const dir = tempDir();
    const ticket = join(dir, 'ticket 4711.md');
    writeFileSync(ticket, TICKET);
    const r = await runCli(['analyze', '--format', 'json', ticket]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toBe(`fwsnap: ${ticket} is text: read as saved tool outputs, 1 (ethtool 1) (\`fwsnap collect --root '${ticket}'\` keeps the bundle)\n`);
    const [nic, ...rest] = inventory(r.stdout);
    expect(rest).toEqual([]);
    expect(nic).toMatchObject({ key: 'net:eth0', driver: 'bnx2', location: { pci: '0000:02:00.0' } });
    expect(nic!.firmware.map((f) => [f.version, f.savedAs])).toEqual([['bc 4.6.4 NCSI 1.0.3', 'ticket 4711.md:4']]);
  });

  it('an output saved under a tree\'s cmd/<tool>/ by its arguments is read as that tool\'s, alone', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cmd', 'ethtool'), { recursive: true });
    const saved = join(dir, 'cmd', 'ethtool', '-i_eth0.out');
    writeFileSync(saved, BARE);
    const r = await runCli(['analyze', '--format', 'json', saved]);
    expect(r.status, r.stderr).toBe(0);
    expect(inventory(r.stdout).map((e) => [e.key, e.firmware.map((f) => f.version)])).toEqual([['net:eth0', ['bc 4.6.4 NCSI 1.0.3']]]);
  });

  it('an output saved under a name of no tool, no command typed in it, is read as the output its lines show', async () => {
    const dir = tempDir();
    const saved = join(dir, 'attachment.txt');
    writeFileSync(saved, BARE);
    const r = await runCli(['analyze', '--format', 'json', saved]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('read as saved tool outputs, 1 (ethtool 1)');
    expect(inventory(r.stdout).map((e) => [e.driver, e.location.pci, e.firmware.map((f) => [f.version, f.savedAs])])).toEqual([['bnx2', '0000:02:00.0', [['bc 4.6.4 NCSI 1.0.3', 'attachment.txt:1']]]]);
  });

  it('a text piped in (a ticket, a paste from the clipboard) is read as one saved to a file; one in which nothing is read is unusable (exit 2)', async () => {
    const r = await runCli(['analyze', '--format', 'json', '-'], { input: TICKET.toString('utf8') });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('fwsnap: stdin is text: read as saved tool outputs, 1 (ethtool 1) (saved to a file, `fwsnap collect --root FILE` keeps the bundle)\n');
    expect(inventory(r.stdout).map((e) => [e.key, e.firmware.map((f) => [f.version, f.savedAs])])).toEqual([['net:eth0', [['bc 4.6.4 NCSI 1.0.3', 'pasted.txt:4']]]]);
    const n = await runCli(['analyze', '-'], { input: 'The link drops after the update.\n' });
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/^fwsnap: -: unusable bundle — text, and no output of a tool fwsnap reads was found in it: [^\n]*\n$/);
  });

  it('check --root and collect --root of a text file read it; -o naming that file is refused and leaves it as it was', async () => {
    const dir = tempDir();
    const saved = join(dir, 'ethtool-i-eth0.txt');
    writeFileSync(saved, BARE);
    const c = await runCli(['check', '--root', saved]);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain('firmware: firmware bc 4.6.4 NCSI 1.0.3 (running)');

    const bundle = join(dir, 'eth0.tar.gz');
    const k = await runCli(['collect', '--root', saved, '-o', bundle]);
    expect(k.status, k.stderr).toBe(0);
    expect(k.stdout).toContain('saved outputs read: 1 (ethtool 1)');
    const a = await runCli(['analyze', '--format', 'json', bundle]);
    expect(a.status, a.stderr).toBe(0);
    expect(inventory(a.stdout)[0]!.firmware.map((f) => f.savedAs)).toEqual(['ethtool-i-eth0.txt']);

    const over = await runCli(['collect', '--root', saved, '-o', saved, '--force']);
    expect(over.status).toBe(2);
    expect(over.stderr).toBe(`fwsnap collect: -o ${saved} is the file given as --root; the bundle is written elsewhere, never over what it reads\n`);
    expect(readFileSync(saved, 'utf8')).toBe(BARE);
  });

  it('diff of two saved outputs compares them as two bundles', async () => {
    const dir = tempDir();
    const before = join(dir, 'before', 'ethtool-i-eth0.txt');
    const after = join(dir, 'after', 'ethtool-i-eth0.txt');
    mkdirSync(join(dir, 'before'));
    mkdirSync(join(dir, 'after'));
    writeFileSync(before, BARE);
    writeFileSync(after, BARE.replace('bc 4.6.4 NCSI 1.0.3', 'bc 5.0.6 NCSI 2.0.3'));
    const r = await runCli(['diff', before, after]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('bc 4.6.4 NCSI 1.0.3');
    expect(r.stdout).toContain('bc 5.0.6 NCSI 2.0.3');
  });

  it('a text in which nothing is read: exit 2 naming it, the other inputs still read; verify and redact name what reads a text', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'The NIC drops its link after the update; the firmware was not changed.\n');
    const r = await runCli(['analyze', notes]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`fwsnap: ${notes}: unusable bundle — text, and no output of a tool fwsnap reads was found in it: neither its name nor a command typed in it names one, and its lines are no one tool's output (docs/bundle-format.md, "Outputs saved under the names people give them")\n`);
    // check and collect of it refuse in one line, and write no bundle (one kept by -o stays as it was).
    const kept = join(dir, 'kept.tar.gz');
    writeFileSync(kept, 'an older bundle');
    for (const argv of [['check', '--root', notes], ['collect', '--root', notes, '-o', kept, '--force'], ['check', '--root', notes, '-o', kept, '--force']]) {
      const x = await runCli(argv);
      expect(x.status, argv.join(' ')).toBe(2);
      expect(x.stdout, argv.join(' ')).toBe('');
      expect(x.stderr, argv.join(' ')).toBe(`fwsnap ${argv[0]}: ${notes}: text, and no output of a tool fwsnap reads was found in it: neither its name nor a command typed in it names one, and its lines are no one tool's output (docs/bundle-format.md, "Outputs saved under the names people give them"); no bundle written\n`);
      expect(readFileSync(kept, 'utf8')).toBe('an older bundle');
    }
    // Among bundles, such a text is unusable input as any other file that is no bundle: the others are still read.
    const bundle = join(dir, 'eth0.tar.gz');
    const saved = join(dir, 'ethtool-i-eth0.txt');
    writeFileSync(saved, BARE);
    expect((await runCli(['collect', '--root', saved, '-o', bundle])).status).toBe(0);
    const both = await runCli(['analyze', '--format', 'json', bundle, notes]);
    expect(both.status).toBe(2);
    expect(inventory(both.stdout).map((e) => e.key)).toEqual(['net:eth0']);
    const v = await runCli(['verify', notes]);
    expect(v.status).toBe(1);
    expect(v.stderr).toBe(`fwsnap verify: ${notes} is text; a saved tool output or a ticket holding outputs is read as it is by \`fwsnap analyze ${notes}\`, and made into a bundle by \`fwsnap collect --root ${notes}\`\n`);
    const out = join(dir, 'out.tar.gz');
    const d = await runCli(['redact', notes, out]);
    expect(d.status).toBe(2);
    expect(d.stderr).toBe(`fwsnap redact: ${notes} is text, not a bundle: \`fwsnap collect --root ${notes} --redact -o ${out}\` makes a redacted bundle of the tool outputs in it\n`);
  });
});
