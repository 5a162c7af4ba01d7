import { DMI_ATTRIBUTES, dmiDateIso, dmiValue } from './dmi.js';
import { DMIDECODE, DMIDECODE_TYPES, dmiAttributesOf, parseDmidecode } from './dmidecode.js';
import { parseDmiIdPaste } from './dmi-id-paste.js';
import { parseCmdline, parseModules, parseTainted } from './kernel.js';
import { parseOsRelease } from './os-release.js';
import { embeddedUname, parseUname, type Uname } from './uname.js';
import { loadPlatformFirmware } from './firmware-loader.js';
import { loadUefi } from './uefi-loader.js';
import { loadFwupd } from './fwupd-loader.js';
import { loadEfiBoot } from './efiboot-loader.js';
import { loadFirmwareInventory } from './firmware-inventory-loader.js';
import { instances, recordLineIssues, recordSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { hostFactRead } from '../../../bundle/format.js';

const DMI = 'sys/class/dmi/id';
/** A saved paste of the DMI attribute files (`grep . /sys/class/dmi/id/*`, `head /sys/class/dmi/id/*`), replayed from a tree. */
const DMI_ID_PASTES = /^cmd\/(?:grep|head)\/[^/]*%2fdmi%2fid%2f[^/]*\.out$/;
/** Saved `uname` outputs of a --root tree (cmd/uname/-a.out, -r.out, _.out), then its `cat /proc/version` or copy of the file. */
const UNAME = /^cmd\/uname\/[^/]+\.out$/;
const PROC_VERSION = ['cmd/cat/%2fproc%2fversion.out', 'proc/version'];
const MODULE_PARAM = /^sys\/module\/([^/]+)\/parameters\/([^/]+)$/;

/** DMI strings that stand for no value: dmidecode's and vendors' placeholders are no serial. */
const NO_SERIAL = /^(?:|--|0|none|n\/a|not specified|not applicable|default string|system serial number|0123456789|to be filled by o\.e\.m\.)$/i;

/** DMI strings a vendor left for the system's own maker or name to fill: the board names the machine then. */
const NO_NAME = /^(?:to be filled by o\.e\.m\.|default string|system manufacturer|system product name|not applicable|o\.e\.m\.|oem)$/i;

/** The machine as a person names it: the system's maker and product, else (placeholders left by the vendor) the board's. */
function modelOf(v: (a: string) => string | undefined): string | null {
  const named = (a: string): string | undefined => {
    const x = v(a)?.trim();
    return x && !NO_NAME.test(x) ? x : undefined;
  };
  const product = named('product_name');
  const parts = product ? [named('sys_vendor') ?? named('board_vendor'), product] : [named('board_vendor') ?? named('sys_vendor'), named('board_name')];
  return parts.filter(Boolean).join(' ') || null;
}

function recordDmi(ctx: LoadContext, v: (a: string) => string | undefined, artifact: (a: string) => string): void {
  const serial = [v('product_serial'), v('board_serial')].find((s) => s !== undefined && !NO_SERIAL.test(s)) ?? null;
  ctx.sink.device({ key: 'platform', class: 'platform', model: modelOf(v), serial });
  const bios = v('bios_version');
  if (bios) ctx.sink.firmware({ deviceKey: 'platform', component: 'bios', version: bios, state: 'running', artifact: artifact('bios_version') });
  for (const a of DMI_ATTRIBUTES) {
    const value = v(a);
    if (value !== undefined) ctx.sink.setting({ deviceKey: 'platform', namespace: 'dmi', key: a, value, mode: 'current', artifact: artifact(a) });
  }
  const date = v('bios_date');
  const iso = date === undefined ? undefined : dmiDateIso(date);
  if (iso) ctx.sink.setting({ deviceKey: 'platform', namespace: 'dmi', key: 'bios_date_iso', value: iso, mode: 'current', artifact: artifact('bios_date') });
}

/** The DMI attributes from sysfs; from a report's `dmidecode` text where sysfs was not copied. */
function loadDmi(ctx: LoadContext): void {
  if (ctx.names(/^sys\/class\/dmi\/id\//).length) {
    const v = (a: string): string | undefined => {
      const t = ctx.text(`${DMI}/${a}`);
      return t === undefined ? undefined : dmiValue(t);
    };
    recordDmi(ctx, v, (a) => `${DMI}/${a}`);
    return;
  }
  // A paste of the files themselves reads as they would.
  for (const name of ctx.names(DMI_ID_PASTES).sort()) {
    const pasted = ctx.parse(name, 'dmi-id', (d) => parseDmiIdPaste(d.toString('utf8')));
    if (!pasted) continue;
    recordLineIssues(ctx, name, 'dmi-id', pasted.issues);
    if (!pasted.values.size) continue;
    recordDmi(ctx, (a) => {
      const t = pasted.values.get(a);
      return t === undefined ? undefined : dmiValue(t);
    }, () => name);
    return;
  }
  // Each attribute from the first output that gives it: the whole table, then the type outputs in name order.
  const found = new Map<string, { value: string; artifact: string }>();
  for (const name of [...(ctx.get(DMIDECODE) ? [DMIDECODE] : []), ...ctx.names(DMIDECODE_TYPES).sort()]) {
    const parsed = ctx.parse(name, 'dmidecode', (d) => parseDmidecode(d.toString('utf8')));
    if (!parsed) continue;
    recordLineIssues(ctx, name, 'dmidecode', parsed.issues);
    for (const [a, value] of dmiAttributesOf(parsed)) if (!found.has(a)) found.set(a, { value, artifact: name });
  }
  if (!found.size) return;
  recordDmi(ctx, (a) => found.get(a)?.value, (a) => found.get(a)?.artifact ?? DMIDECODE);
}

const KERNEL_FILES = /^(proc\/sys\/kernel\/|proc\/cmdline$|proc\/modules$|sys\/module\/|(etc|usr\/lib)\/os-release$)/;

type SavedKernel = { facts: NonNullable<Uname['facts']>; artifact: string };

/**
 * The first saved uname output that gives a kernel release (`-a` before `-r` by name), else a saved /proc/version,
 * with its artifact; else the release another saved output shows under a pasted `uname` or `cat /proc/version`
 * command line, when every such output names the same release.
 */
function savedUname(ctx: LoadContext): SavedKernel | undefined {
  let found: SavedKernel | undefined;
  const own = [...ctx.names(UNAME), ...PROC_VERSION.filter((n) => ctx.get(n) !== undefined)];
  for (const name of own) {
    const parsed = ctx.parse(name, 'uname', (d) => parseUname(d.toString('utf8')));
    if (!parsed) continue;
    recordLineIssues(ctx, name, 'uname', parsed.issues);
    if (parsed.facts && !found) found = { facts: parsed.facts, artifact: name };
  }
  return found ?? embeddedKernel(ctx, new Set(own));
}

/** A ticket's other outputs pasting `uname -a` or `cat /proc/version` above theirs (saved-uname's own names left out). */
function embeddedKernel(ctx: LoadContext, own: ReadonlySet<string>): SavedKernel | undefined {
  const seen: SavedKernel[] = [];
  for (const name of ctx.names(/^cmd\/[^/]+\/[^/]+\.out$/)) {
    if (own.has(name)) continue;
    const text = ctx.text(name);
    const facts = text === undefined ? undefined : embeddedUname(text);
    if (facts) seen.push({ facts, artifact: name });
  }
  const releases = [...new Set(seen.map((x) => x.facts.release))];
  if (releases.length > 1) {
    ctx.sink.issue('KERNEL-AMBIGUOUS', `saved outputs paste different kernel releases (${releases.join(', ')}): none is taken as the host's`, seen[0]!.artifact);
    return undefined;
  }
  return seen[0];
}

function loadKernel(ctx: LoadContext): void {
  const manifestRelease = ctx.manifest ? hostFactRead(ctx.manifest.host, ctx.manifest.host.kernelRelease) ?? undefined : undefined;
  const proc = ctx.text('proc/sys/kernel/osrelease')?.trim();
  // A tree of saved outputs (collect --root) has no kernel to read: a saved `uname -a` or `-r` gives its release.
  const uname = proc === undefined && manifestRelease === undefined ? savedUname(ctx) : undefined;
  const release = proc ?? manifestRelease ?? uname?.facts.release;
  // A tree of saved tool outputs read no kernel: no entry that would only say so.
  if (release === undefined && !ctx.names(KERNEL_FILES).length) return;
  ctx.sink.device({ key: 'kernel', class: 'kernel', model: release ?? null });
  const set = (key: string, value: string | number | boolean | null, artifact: string, mode: 'current' | 'runtime' = 'current'): void =>
    ctx.sink.setting({ deviceKey: 'kernel', namespace: 'kernel', key, value, mode, artifact });
  if (release) set('release', release, proc !== undefined ? 'proc/sys/kernel/osrelease' : manifestRelease !== undefined ? 'manifest.json' : uname!.artifact);
  for (const f of ['version', 'arch', 'hostname'] as const) {
    const t = ctx.text(`proc/sys/kernel/${f}`);
    const fromUname = f === 'arch' ? uname?.facts.machine : f === 'hostname' ? uname?.facts.hostname : undefined;
    if (t !== undefined) set(f, t.trim(), `proc/sys/kernel/${f}`);
    else if (fromUname !== undefined) set(f, fromUname, uname!.artifact);
  }
  const taint = ctx.parse('proc/sys/kernel/tainted', 'tainted', (d) => parseTainted(d.toString('utf8')));
  if (taint) {
    set('tainted', taint.value, 'proc/sys/kernel/tainted');
    set('taint_letters', taint.flags.map((f) => f.letter).join(''), 'proc/sys/kernel/tainted');
    for (const f of taint.flags) set(`taint.${f.letter === '?' ? f.meaning : f.letter}`, f.meaning, 'proc/sys/kernel/tainted');
  }
  const cmdline = ctx.parse('proc/cmdline', 'cmdline', (d) => parseCmdline(d.toString('utf8')));
  if (cmdline) {
    set('cmdline', ctx.text('proc/cmdline')!.trim(), 'proc/cmdline', 'runtime');
    for (const p of cmdline) set(`cmdline.${p.key}`, p.value ?? true, 'proc/cmdline', 'runtime');
  }
  const os = ctx.get('etc/os-release') ? 'etc/os-release' : ctx.get('usr/lib/os-release') ? 'usr/lib/os-release' : undefined;
  const osr = os ? ctx.parse(os, 'os-release', (d) => parseOsRelease(d.toString('utf8'))) : undefined;
  for (const [k, v] of Object.entries(osr ?? {})) ctx.sink.setting({ deviceKey: 'kernel', namespace: 'os-release', key: k, value: v, mode: 'current', artifact: os });
}

function loadModules(ctx: LoadContext): void {
  const mods = ctx.parse('proc/modules', 'proc-modules', (d) => parseModules(d.toString('utf8'))) ?? [];
  for (const m of mods) {
    recordSettings(ctx, 'kernel', `module:${m.name}`, { '.loaded': true, '.state': m.state, '.taints': m.taints || undefined, '.used_by': m.usedBy }, 'proc/modules');
  }
  for (const name of ctx.names(MODULE_PARAM)) {
    const [, mod, param] = MODULE_PARAM.exec(name)!;
    ctx.sink.setting({ deviceKey: 'kernel', namespace: `module:${mod}`, key: param!, value: ctx.text(name)!.trim(), mode: 'runtime', artifact: name });
  }
  for (const mod of instances(ctx, /^sys\/module\/([^/]+)\/(?:srcversion|version|taint)$/)) {
    for (const a of ['version', 'srcversion', 'taint']) {
      const t = ctx.text(`sys/module/${mod}/${a}`);
      if (t !== undefined && t.trim() !== '') ctx.sink.setting({ deviceKey: 'kernel', namespace: `module:${mod}`, key: `.${a}`, value: t.trim(), mode: 'current', artifact: `sys/module/${mod}/${a}` });
    }
  }
}

export const platformLoader: ClassLoader = {
  name: 'platform',
  load(ctx) {
    loadDmi(ctx);
    loadKernel(ctx);
    loadModules(ctx);
    loadUefi(ctx);
    loadEfiBoot(ctx);
    loadPlatformFirmware(ctx);
    loadFirmwareInventory(ctx);
    loadFwupd(ctx);
  },
};
