/**
 * A uname output a person saved (a ticket, a forum post, a mail) in a tree that `collect --root` reads: the real outputs
 * of test/platform/fixtures/real/uname (provenance beside each) give the kernel release (and with -a the hostname and
 * machine) the rules judge by, as a live host's proc/sys/kernel would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseUname } from '../../analyzer/classes/platform/uname.js';
import { isProcVersionText, savedCatArgv, savedProcVersionArgv, savedUnameArgv } from '../../collector/classes/platform/saved-uname.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/uname/', import.meta.url);
const PROC_VERSION = new URL('./fixtures/real/proc-version/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const procSamples = readdirSync(PROC_VERSION).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const textOf = (name: string, dir = REAL): string => readFileSync(new URL(`${name}.txt`, dir), 'utf8');
interface Truth { release: string; hostname?: string; machine?: string; unknown_lines?: number }
const truthOf = (name: string, dir = REAL): Truth => (parse(readFileSync(new URL(`${name}.provenance.yaml`, dir), 'utf8')) as { truth: Truth }).truth;

/** The bundle's kernel release and hostname, and the kernel entry's settings, of a replayed tree. */
async function hostOf(files: Record<string, string>): Promise<{ release: string | null; hostname: string | null; kernel: Record<string, string>; unread: string[] }> {
  const r = await replayTree(files);
  try {
    const b = r.db.prepare(`SELECT kernel_release, hostname FROM bundles`).get() as { kernel_release: string | null; hostname: string | null };
    const rows = r.db.prepare(`SELECT key, value FROM settings WHERE device_key = 'kernel' AND namespace = 'kernel'`).all() as { key: string; value: string }[];
    const unread = (r.db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((a) => a.name);
    return { release: b.kernel_release, hostname: b.hostname, kernel: Object.fromEntries(rows.map((x) => [x.key, x.value])), unread };
  } finally {
    r.db.close();
  }
}

describe('saved uname names', () => {
  it('uname with its print options, labelled or not; no other option', () => {
    for (const [n, argv] of [
      ['cmd/uname/-a.out', ['uname', '-a']], ['cmd/uname/uname -a.txt', ['uname', '-a']], ['cmd/uname/uname-a.txt', ['uname', '-a']],
      ['cmd/uname/uname_-r.log', ['uname', '-r']], ['cmd/uname/uname.txt', ['uname']], ['cmd/uname/uname-srv01.txt', ['uname']],
      ['cmd/uname/sudo uname --kernel-release.txt', ['uname', '--kernel-release']], ['cmd/uname/uname -a node7.txt', ['uname', '-a']],
    ] as const) expect(savedUnameArgv(n), n).toEqual(argv);
    for (const n of ['cmd/uname/uname --help.txt', 'cmd/uname/-x.out']) expect(savedUnameArgv(n), n).toBeUndefined();
  });

  it('cat /proc/version by the words of its path, labelled or not; no other file of cat', () => {
    for (const n of ['cmd/cat/proc_version.txt', 'cmd/cat/cat_proc_version.txt', 'cmd/cat/cat-proc-version.log', 'cmd/cat/%2fproc%2fversion.out', 'cmd/cat/sudo cat proc version srv01.txt']) {
      expect(savedProcVersionArgv(n), n).toEqual(['cat', '/proc/version']);
    }
    for (const n of ['cmd/cat/proc_version_signature.txt', 'cmd/cat/version.txt', 'cmd/cat/proc_cmdline.txt', 'cmd/cat/notes.txt']) expect(savedProcVersionArgv(n), n).toBeUndefined();
  });
});

describe('a saved uname output read from a captured tree', () => {
  for (const name of samples) {
    it(`${name}: under cmd/uname/ and loose at the top, the release${truthOf(name).hostname ? ', hostname and machine' : ''} of its truth`, async () => {
      const truth = truthOf(name);
      const parsed = parseUname(textOf(name));
      expect(parsed.facts?.release).toBe(truth.release);
      expect(parsed.facts?.hostname).toBe(truth.hostname);
      expect(parsed.facts?.machine).toBe(truth.machine);
      expect(parsed.issues.length).toBe(truth.unknown_lines ?? 0);
      const option = truth.hostname ? '-a' : '-r';
      for (const saveAs of [`cmd/uname/${option}.out`, `uname ${option}.txt`, 'uname.txt']) {
        const got = await hostOf({ [saveAs]: textOf(name) });
        expect(got.release, saveAs).toBe(truth.release);
        expect(got.kernel.release, saveAs).toBe(truth.release);
        expect(got.hostname, saveAs).toBe(truth.hostname ?? null);
        expect(got.kernel.arch, saveAs).toBe(truth.machine);
        expect(got.unread, saveAs).toEqual([]);
      }
    });
  }

  for (const name of procSamples) {
    it(`proc-version/${name}: a saved cat /proc/version, under cmd/cat/, loose at the top and as the tree's proc/version, the release of its truth`, async () => {
      const truth = truthOf(name, PROC_VERSION);
      const parsed = parseUname(textOf(name, PROC_VERSION));
      expect(parsed.facts).toEqual({ release: truth.release });
      expect(parsed.issues.length).toBe(truth.unknown_lines ?? 0);
      for (const saveAs of ['cmd/cat/proc_version.txt', 'cat_proc_version.txt', 'cat-proc-version.log', 'proc/version']) {
        const got = await hostOf({ [saveAs]: textOf(name, PROC_VERSION) });
        expect(got.release, saveAs).toBe(truth.release);
        expect(got.kernel.release, saveAs).toBe(truth.release);
        expect(got.hostname, saveAs).toBeNull();
        expect(got.unread, saveAs).toEqual([]);
      }
    });
  }

  for (const name of procSamples) {
    it(`proc-version/${name}: a copy of /proc/version under a name of its own (proc_version.txt, version.txt beside another output) gives the release of its truth`, async () => {
      const truth = truthOf(name, PROC_VERSION);
      const ethtool = 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800003df\nbus-info: 0000:01:00.0\n';
      // A cat of another file typed in the same text (`cat /proc/version_signature`) is an output fwsnap does not read:
      // the text is kept whole under unread/, the /proc/version part read.
      const other = /^\$ cat (?!\/proc\/version\s*$)/m.test(textOf(name, PROC_VERSION));
      for (const saveAs of ['proc_version.txt', 'kernel-version', 'version.txt']) {
        const got = await hostOf({ [saveAs]: textOf(name, PROC_VERSION), 'ethtool-i-eth0.txt': ethtool });
        expect(got.release, saveAs).toBe(truth.release);
        expect(got.kernel.release, saveAs).toBe(truth.release);
        expect(got.unread, saveAs).toEqual(other ? [`unread/${saveAs}`] : []);
      }
    });
  }

  it('a saved cat of /proc/cpuinfo is replayed for the cpu class; a cat of another file is no saved output', () => {
    for (const n of ['cmd/cat/proc_cpuinfo.txt', 'cmd/cat/cat_proc_cpuinfo.txt', 'cmd/cat/%2fproc%2fcpuinfo.out', 'cmd/cat/cat -proc-cpuinfo.log']) expect(savedCatArgv(n), n).toEqual(['cat', '/proc/cpuinfo']);
    expect(savedCatArgv('cmd/cat/proc_version.txt')).toEqual(['cat', '/proc/version']);
    expect(savedCatArgv('cmd/cat/proc_meminfo.txt')).toBeUndefined();
  });

  it('a /proc/version line under a person\'s label (OS:), or with the space before its release lost, gives the release', () => {
    const labelled = parseUname('OS: Linux version 4.14.98-v7+ (dom@dom-XPS-13-9370) (gcc version 4.9.3) #1200 SMP Tue Feb 12 20:27:48 GMT 2019\n');
    expect([labelled.facts?.release, labelled.issues]).toEqual(['4.14.98-v7+', []]);
    const glued = parseUname('Linux version3.4.0-perf-g5d8c1b4 (builder@host) (gcc version 4.7 (GCC) ) #1 SMP PREEMPT Mon Jan 6 12:00:00 CST 2014\n');
    expect([glued.facts?.release, glued.issues]).toEqual(['3.4.0-perf-g5d8c1b4', []]);
    expect(parseUname('Status: Linux versions differ\n').facts).toBeUndefined();
  });

  it('a /proc/version copy under a fence naming its shell after a space, or under a two-line prompt, is unmistakable', () => {
    // A Chinese Linux cookbook's zsh fence; a CTF write-up's oh-my-zsh prompt (public pages, copied as published).
    expect(isProcVersionText('``` zsh\n$ cat /proc/version\nLinux version 4.9.125-linuxkit (root@659b6d51c354) (gcc version 6.4.0 (Alpine 6.4.0) ) #1 SMP Fri Sep 7 08:20:28 UTC 2018\n```\n')).toBe(true);
    expect(isProcVersionText('╭─pedro@crossbow ~ \n╰─$ cat /proc/version\nLinux version 6.1.0-15-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.66-1 (2023-12-09)\n╭─pedro@crossbow ~ \n')).toBe(true);
    // A person's label before the line, or the line wrapped with no cat typed above it, is no copy of the file.
    expect(isProcVersionText('OS: Linux version 4.14.98-v7+ (dom@dom-XPS-13-9370) (gcc version 4.9.3) \n#1200 SMP Tue Feb 12 20:27:48 GMT 2019\n')).toBe(false);
    expect(isProcVersionText('Linux version 5.12.8-200.rf.fc33.x86_64\n(mockbuild@b) (gcc (GCC) 10.3.1) #1 SMP Tue Jun 1\n23:10:39 CEST 2021\n')).toBe(false);
  });

  it('under the cat typed, a wrapped line, a prompt with spaces and another command after it are still the copy; another kernel after it is not', () => {
    const wrapped = '[root@localhost ~]# cat /proc/version\nLinux version 2.6.18-194.8.1.el5 (mockbuild@b) (gcc version 4.1.2\n(Red Hat 4.1.2-48)) #1 SMP Wed Jul 7 11:50:45 EDT 2010\n';
    expect(isProcVersionText(wrapped)).toBe(true);
    for (const prompt of ['/ # ', 'pi@raspberrypi:~ $ ', 'bash-5.0$ ', 'root@host:~> ', '1) [root@q1test01 ~]# ']) {
      expect(isProcVersionText(`${prompt}cat /proc/version\nLinux version 5.15.1-zen+ (han@musl) (clang version 13.0.0) #115 ZEN SMP Tue Nov 9 19:27:33 CST 2021\n`), prompt).toBe(true);
    }
    const then = (rest: string): string => `/ # cat /proc/version\nLinux version 5.15.1-zen+ (han@musl) (clang version 13.0.0) #115 ZEN SMP Tue Nov 9 19:27:33 CST 2021\n/ # ${rest}`;
    expect(isProcVersionText(then('cat /proc/cpuinfo\nprocessor\t: 0\nBogoMIPS\t: 125.00\n'))).toBe(true);
    expect(isProcVersionText(then('uname -a\nLinux box 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64 GNU/Linux\n'))).toBe(false);
    // Text that is not a prompt after the line is a note, not a command.
    expect(isProcVersionText(then('').replace(/\/ # $/, 'we upgraded since\n'))).toBe(false);
    // A wrapped line must end as the file's does, with its build year.
    expect(isProcVersionText('$ cat /proc/version\nLinux version 2.6.18 (b@h) (gcc 4.1.2) #1 SMP\nsome other words here\n')).toBe(false);
  });

  it('a loose file whose text is not unmistakably /proc/version is not read as it: a kernel log, a note, another release beside it', async () => {
    const line = textOf('ubuntu-jammy-root-prompt', PROC_VERSION).split('\n')[1]!;
    for (const text of [
      `${line}\nCommand line: BOOT_IMAGE=/boot/vmlinuz-5.15.0-130-generic root=/dev/sda1 ro\nKERNEL supported cpus:\n`,
      `[    0.000000] ${line}\n`,
      `we upgraded last week, before it was:\n${line}\n`,
      `${line}\n${line.replace('5.15.0-130', '5.15.0-131')}\n`,
    ]) {
      const got = await hostOf({ 'version.txt': text });
      expect(got.release, text).toBeNull();
      expect(got.unread, text).toEqual(['unread/version.txt']);
    }
    // The name must say version or kernel: any other top-level file is no copy of /proc/version, whatever it holds.
    expect((await hostOf({ 'notes.txt': line })).release).toBeNull();
    // A tree's own kernel facts come first: the loose copy is not read.
    const own = await hostOf({ 'proc/sys/kernel/osrelease': '6.8.0-45-generic\n', 'proc_version.txt': line });
    expect(own.release).toBe('6.8.0-45-generic');
  });

  it("a cat of another file is not read as the kernel's: listed, with an issue naming it", async () => {
    const r = await replayTree({ 'cat_proc_cmdline.txt': 'BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 root=/dev/sda1 ro quiet\n' });
    try {
      const issues = r.db.prepare(`SELECT code, target FROM collection_issues WHERE target = 'cat_proc_cmdline.txt'`).all();
      expect(issues).toEqual([{ code: 'UNKNOWN_NAME', target: 'cat_proc_cmdline.txt' }, { code: 'NOT_READ', target: 'cat_proc_cmdline.txt' }]);
      expect(r.db.prepare(`SELECT kernel_release FROM bundles`).get()).toEqual({ kernel_release: null });
    } finally {
      r.db.close();
    }
  });

  it("another kernel's uname line gives no release: FreeBSD's and Darwin's are unknown lines", () => {
    const bsd = parseUname('$ uname -a\nFreeBSD fw1 13.2-RELEASE FreeBSD 13.2-RELEASE releng/13.2-n254617-525ecfdad597 GENERIC amd64\n');
    expect(bsd.facts).toBeUndefined();
    expect(bsd.issues.map((i) => i.line)).toEqual([2]);
    expect(parseUname('Darwin Kernel Version 24.2.0: Root:xnu-11215/RELEASE_ARM64\n').facts).toBeUndefined();
  });

  it('a proc/sys/kernel/osrelease in the tree is the release, not a saved uname beside it', async () => {
    const got = await hostOf({ 'proc/sys/kernel/osrelease': '6.8.0-45-generic\n', 'cmd/uname/-a.out': textOf('ubuntu-forum-laptop-prompt') });
    expect(got.release).toBe('6.8.0-45-generic');
    expect(got.kernel.release).toBe('6.8.0-45-generic');
  });

  it('a rule that judges by the kernel runs on a tree of saved outputs once a uname output gives the release', async () => {
    // cxgb4's firmware minimum applies from kernel 6.12 (rules/nic/cxgb4.yaml); the ethtool -i is this test's.
    const ethtool = 'driver: cxgb4\nversion: 6.12.0\nfirmware-version: 1.22.9.0, TP 0.1.23.2\nexpansion-rom-version:\nbus-info: 0000:3b:00.0\n';
    const findings = async (files: Record<string, string>): Promise<string[]> => {
      const r = await replayTree(files);
      try {
        return (r.db.prepare(`SELECT rule_id FROM rule_results WHERE result = 'fail'`).all() as { rule_id: string }[]).map((f) => f.rule_id);
      } finally {
        r.db.close();
      }
    };
    const rule = 'nic.cxgb4.fw-older-than-driver-bundle';
    expect(await findings({ 'cmd/ethtool/-i_ens1f0.out': ethtool })).not.toContain(rule);
    expect(await findings({ 'cmd/ethtool/-i_ens1f0.out': ethtool, 'uname -a.txt': 'Linux gw 6.12.57+deb13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.12.57-1 (2025-11-05) x86_64 GNU/Linux\n' })).toContain(rule);
  });
});
