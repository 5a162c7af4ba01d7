/**
 * A ticket pastes the host's `uname -a` (or `cat /proc/version`) with the output it is about, and the whole text is
 * saved under that tool's name (`ethtool-i-eth0.txt`). Where the tree has no kernel facts of its own, the release
 * under such a pasted command line is the host's; a `Linux …` line with no command line above it may be anyone's and
 * is not taken. Truth: every real sample of any class whose provenance gives `host:` (the release its text says, or
 * null where nothing says whose it is).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { replayTree } from '../helpers/replay-tree.js';

const TEST = new URL('..', import.meta.url).pathname;

interface HostTruth { release: string | null; hostname?: string; machine?: string }
interface Sample { id: string; text: string; savedAs: string; host: HostTruth }

function samplesWithHost(): Sample[] {
  const out: Sample[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.provenance.yaml')) {
        const prov = parse(readFileSync(p, 'utf8')) as { saved_as?: string; host?: HostTruth };
        const file = p.replace(/\.provenance\.yaml$/, '.txt');
        if (prov.host && prov.saved_as && existsSync(file)) out.push({ id: file.slice(TEST.length), text: readFileSync(file, 'utf8'), savedAs: prov.saved_as, host: prov.host });
      }
    }
  };
  for (const klass of readdirSync(TEST)) {
    const fixtures = join(TEST, klass, 'fixtures');
    if (existsSync(fixtures)) for (const d of readdirSync(fixtures).filter((x) => x.startsWith('real'))) walk(join(fixtures, d));
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

async function hostOf(files: Record<string, string>): Promise<{ release: string | null; hostname: string | null; arch: string | undefined; issues: { code: string; message: string }[] }> {
  const r = await replayTree(files);
  try {
    const b = r.db.prepare(`SELECT kernel_release, hostname FROM bundles`).get() as { kernel_release: string | null; hostname: string | null };
    const arch = r.db.prepare(`SELECT value FROM settings WHERE device_key = 'kernel' AND namespace = 'kernel' AND key = 'arch'`).get() as { value: string } | undefined;
    const issues = r.db.prepare(`SELECT code, message FROM collection_issues WHERE code = 'KERNEL-AMBIGUOUS'`).all() as { code: string; message: string }[];
    return { release: b.kernel_release, hostname: b.hostname, arch: arch?.value, issues };
  } finally {
    r.db.close();
  }
}

describe("the host's kernel pasted in another tool's saved output", () => {
  const samples = samplesWithHost();

  it('has real samples that say it and one that does not', () => {
    expect(samples.filter((s) => s.host.release !== null).length).toBeGreaterThanOrEqual(1);
    expect(samples.filter((s) => s.host.release === null).length).toBeGreaterThanOrEqual(1);
  });

  for (const s of samples) {
    it(`${s.id}: the host's release ${s.host.release ?? 'is not read'}`, async () => {
      // Under its tool's folder, and loose at the top under a name that starts with the tool's.
      const [, tool, file] = s.savedAs.split('/') as [string, string, string];
      for (const saveAs of [s.savedAs, file.startsWith(tool) ? file : `${tool} ${file}`]) {
        const got = await hostOf({ [saveAs]: s.text });
        expect(got.release, saveAs).toBe(s.host.release);
        expect(got.hostname, saveAs).toBe(s.host.hostname ?? null);
        expect(got.arch, saveAs).toBe(s.host.machine);
      }
    });
  }

  const pasted = samples.find((s) => s.host.release !== null)!;
  const other = readFileSync(new URL('./fixtures/real/uname/ubuntu-forum-laptop-prompt.txt', import.meta.url), 'utf8');

  it("the tree's own kernel facts and a saved uname output come first", async () => {
    expect((await hostOf({ [pasted.savedAs]: pasted.text, 'proc/sys/kernel/osrelease': '6.8.0-45-generic\n' })).release).toBe('6.8.0-45-generic');
    expect((await hostOf({ [pasted.savedAs]: pasted.text, 'uname -a.txt': other })).release).toBe('3.13.0-17-generic');
  });

  it('two outputs pasting different releases give none, and say so', async () => {
    const got = await hostOf({ [pasted.savedAs]: pasted.text, 'cmd/lspci/-vv.out': other });
    expect(got.release).toBeNull();
    expect(got.issues.map((i) => i.message)).toEqual([`saved outputs paste different kernel releases (${pasted.host.release}, 3.13.0-17-generic): none is taken as the host's`]);
  });
});
