import type { Source, SourceContext } from '../../source.js';
import { ALWAYS_MODULES, MODULE_ATTRIBUTES, driverIsBound, moduleOfDriver } from './modules.js';
import { presentNames } from '../../sysfs-names.js';
import { savedDmidecodeArgv } from './saved-dmidecode.js';
import { isProcVersionText, mayNameProcVersion, savedCatArgv, savedUnameArgv } from './saved-uname.js';
import { replaySavedOutputs, type SavedReplay } from '../../replay-saved.js';
import { dmiIdPasteArgv, mayNameDmiId, namesDmi } from './saved-dmi-id.js';
import { savedFwupdmgrArgv } from './saved-fwupdmgr.js';
import { savedEfibootmgrArgv } from './saved-efibootmgr.js';

const DMI = '/sys/class/dmi/id';
const PCI_DRIVERS = '/sys/bus/pci/drivers';
export const KERNEL_FILES = [
  '/proc/sys/kernel/osrelease',
  '/proc/sys/kernel/version',
  '/proc/sys/kernel/hostname',
  '/proc/sys/kernel/arch',
  '/proc/sys/kernel/tainted',
  '/proc/cmdline',
  '/proc/modules',
] as const;

/** Modules of PCI drivers with bound functions; their `module` links are stored so the mapping can be checked. */
function boundDriverModules(ctx: SourceContext): string[] {
  const modules: string[] = [];
  for (const driver of ctx.isDir(PCI_DRIVERS) ? (ctx.listDir(PCI_DRIVERS) ?? []) : []) {
    const entries = ctx.listDir(`${PCI_DRIVERS}/${driver}`) ?? [];
    // A captured tree made from a bundle keeps only the module link of drivers that were bound.
    if (!driverIsBound(entries) && !(ctx.replay && entries.includes('module'))) continue;
    const link = entries.includes('module') ? ctx.collectLink(`${PCI_DRIVERS}/${driver}/module`) : undefined;
    modules.push(moduleOfDriver(driver, link));
  }
  return modules;
}

function collectModules(ctx: SourceContext): void {
  const modules = [...new Set([...boundDriverModules(ctx), ...ALWAYS_MODULES])].sort();
  for (const m of modules) {
    const dir = `/sys/module/${m}`;
    if (!ctx.isDir(dir)) continue;
    ctx.collectAttributes(dir, presentNames(ctx, dir, MODULE_ATTRIBUTES));
    if (ctx.isDir(`${dir}/parameters`)) ctx.collectAttributes(`${dir}/parameters`);
  }
}

/** A captured tree's saved dmidecode outputs, however named (saved-dmidecode.ts). */
const SAVED_DMIDECODE: SavedReplay = {
  tool: 'dmidecode',
  argvOf: savedDmidecodeArgv,
  unknownWhy: 'saved dmidecode output: the name gives an option other than -t with bios, system, baseboard or chassis (0-3) or 45 (the firmware inventory)',
};

/** A captured tree's saved uname outputs (saved-uname.ts): the kernel release where the tree has no proc/sys/kernel. */
const SAVED_UNAME: SavedReplay = {
  tool: 'uname',
  argvOf: savedUnameArgv,
  unknownWhy: 'saved uname output: the name gives an option uname does not have',
};

/**
 * A captured tree's saved `cat /proc/version` outputs (the release where the tree has no proc/sys/kernel) and
 * `cat /proc/cpuinfo` outputs (the cpu class's processors and microcode).
 */
const SAVED_CAT: SavedReplay = {
  tool: 'cat',
  argvOf: savedCatArgv,
  unknownWhy: 'saved cat output: only cat /proc/version, /proc/cpuinfo and /proc/driver/nvidia/version are read (its name says proc and version, cpuinfo, or nvidia and version)',
  maxBytes: 16 * 1024 * 1024,
};

/** A captured tree's saved `fwupdmgr get-devices` outputs (saved-fwupdmgr.ts): the firmware fwupd lists per device. */
const SAVED_FWUPDMGR: SavedReplay = {
  tool: 'fwupdmgr',
  argvOf: savedFwupdmgrArgv,
  unknownWhy: 'saved fwupdmgr output: only get-devices (text or --json) is read; the name gives another verb or option',
};

/** The same list saved from `fwupdtool get-devices`, replayed as fwupdmgr's. */
const SAVED_FWUPDTOOL: SavedReplay = { ...SAVED_FWUPDMGR, tool: 'fwupdtool', unknownWhy: 'saved fwupdtool output: only get-devices (text or --json) is read; the name gives another verb or option' };

/** A captured tree's saved `efibootmgr` listings (saved-efibootmgr.ts): the UEFI boot manager's variables. */
const SAVED_EFIBOOTMGR: SavedReplay = {
  tool: 'efibootmgr',
  argvOf: savedEfibootmgrArgv,
  unknownWhy: 'saved efibootmgr output: only the listing (no option, or -v) is read; the name gives an option that changes a variable',
};

/** Top-level files looked at for a loose /proc/version copy: a tree of saved outputs, not a host's. */
const MAX_LOOSE_CANDIDATES = 20;

/**
 * A /proc/version a person saved at the top of the tree under a name of their own (`proc_version.txt`, `version.txt`
 * beside other outputs), read as a saved `cat /proc/version` when its name says version or kernel and its text is
 * unmistakably the file's (isProcVersionText): the first such file only.
 */
function replayLooseProcVersion(ctx: SourceContext): void {
  const names = (ctx.listDir('/') ?? []).filter(mayNameProcVersion).filter((n) => !/^(?:sudo[-_ ]+)?(?:cat|uname)(?:[-_ .]|$)/i.test(n));
  for (const name of names.slice(0, MAX_LOOSE_CANDIDATES)) {
    const text = ctx.isDir(`/${name}`) ? undefined : ctx.peekText(`/${name}`);
    if (text === undefined || !isProcVersionText(text)) continue;
    ctx.runCommand(['cat', '/proc/version'], { replayFrom: name });
    return;
  }
}

/**
 * Pastes of the DMI attribute files (`grep . /sys/class/dmi/id/*`, `head /sys/class/dmi/id/*`) where the tree has no
 * /sys/class/dmi/id: saved under `grep` or `head` with `dmi` in the name, or at the top of the tree under a name with
 * the word `dmi`; each replayed as the command its text shows, once per command (the first file that shows it).
 */
function replayDmiIdPastes(ctx: SourceContext): void {
  const saved = ['grep', 'head'].flatMap((tool) => ctx.savedOutputs(tool));
  const loose = (ctx.listDir('/') ?? []).filter(mayNameDmiId).filter((n) => !ctx.isDir(`/${n}`));
  const seen = new Set<string>();
  for (const name of [...saved, ...loose].slice(0, MAX_LOOSE_CANDIDATES)) {
    if (saved.includes(name) && !namesDmi(name)) {
      ctx.issue(name, 'UNKNOWN_NAME', 'saved grep or head output: only a paste of /sys/class/dmi/id (a name with dmi) is read');
      continue;
    }
    const text = ctx.peekText(`/${name}`);
    const argv = text === undefined ? undefined : dmiIdPasteArgv(text);
    if (!argv || seen.has(argv.join(' '))) continue;
    seen.add(argv.join(' '));
    ctx.runCommand(argv, { replayFrom: name });
  }
}

export const source: Source = {
  name: 'platform',
  description: 'DMI, kernel release, command line, taint, modules and their parameters, os-release',
  collect(ctx) {
    if (ctx.isDir(DMI)) {
      ctx.device('platform', 'dmi');
      ctx.collectAttributes(DMI);
    }
    // The running kernel is an inventory entry of the report (release, command line, module parameters).
    if (ctx.peekText('/proc/sys/kernel/osrelease') !== undefined) ctx.device('kernel', 'kernel');
    for (const f of KERNEL_FILES) ctx.collectFile(f);
    if (!ctx.collectFile('/etc/os-release')) ctx.collectFile('/usr/lib/os-release');
    collectModules(ctx);
    if (ctx.replay) {
      replaySavedOutputs(ctx, SAVED_DMIDECODE);
      if (!ctx.isDir(DMI)) replayDmiIdPastes(ctx);
      replaySavedOutputs(ctx, SAVED_UNAME);
      replaySavedOutputs(ctx, SAVED_FWUPDMGR);
      replaySavedOutputs(ctx, SAVED_FWUPDTOOL);
      replaySavedOutputs(ctx, SAVED_EFIBOOTMGR);
      const cats = ctx.savedOutputs('cat').filter((n) => savedCatArgv(n)?.[1] === '/proc/version').length;
      replaySavedOutputs(ctx, SAVED_CAT);
      const noKernel = ctx.peekText('/proc/sys/kernel/osrelease') === undefined;
      // A tree laid out as the host may hold /proc/version itself (a person's copy) where it has no proc/sys/kernel.
      if (noKernel && ctx.peekText('/proc/version') !== undefined) ctx.collectFile('/proc/version');
      else if (noKernel && cats === 0) replayLooseProcVersion(ctx);
    }
  },
};
