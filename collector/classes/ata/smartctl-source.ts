import { deviceInText, devPath, pastedPlain, savedNameWords } from '../../saved-output-name.js';
import { smartctlArgs } from './commands.js';
import { replayOnlySource } from './replay-only-source.js';

/** Options of smartctl that take a value as the next word. */
const VALUED = new Set(['-d', '--device', '-T', '--tolerance', '-n', '--nocheck', '-l', '--log', '-q', '--quietmode', '-b', '--badsum']);

/**
 * What smartctl command a saved output's name stands for: its options as given and one device word, read as a
 * /dev path (`-x_sda.out`, `-a_nvme0.out`, `-d_sat_--all_sdb.out`, `-j_-x_%2fdev%2fsda.out`; an option's letters
 * without their dash, `smartctl_x.log`, are the option); without a device word, the one device its text names (the
 * pasted command line, smartctl -j's `device.name`), with the `-d` type that command line or the JSON gives: the port
 * behind a RAID controller (`-d megaraid,3`) is part of which drive it is.
 */
export function savedSmartctlArgv(treeName: string, text?: string): string[] | undefined {
  // Windows names the tool smartctl.exe: as the name's first word it is the tool's, not a device.
  const named = savedNameWords(treeName);
  const words = (/^smartctl\.exe$/i.test(named[0] ?? '') ? named.slice(1) : named).flatMap(unglued).filter((w) => w !== 'dev');
  const args: string[] = [];
  let device: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (VALUED.has(w) || /^-[xaiHAcj]+[dTnlq]$/.test(w)) args.push(w, words[++i] ?? '');
    else if (w.startsWith('-')) args.push(w);
    else if (BARE_OPTIONS.test(w)) args.push(`-${w}`);
    else if (device === undefined && DEVICE_WORD.test(w)) device = devPath(w);
    else if (device === undefined && labelDevice(w)) device = devPath(labelDevice(w)!);
    else if (device !== undefined && /^\d+$/.test(w)) device = `${device}/${w}`; // `bus_0` is two words of one path
    // Any other word is a person's label (`sas-drive`, a model, a host): the drive is then the one the text names, or its serial's.
  }
  const plain = text === undefined ? undefined : pastedPlain(text.slice(0, 64 * 1024));
  // A name that gives no option takes those smartctl -j prints it ran with: -j -x and -j -a of one drive are two outputs.
  if (args.length === 0 && plain !== undefined) args.push(...(optionsPrinted(plain) ?? []));
  const printed = plain === undefined ? undefined : devicePrinted(plain);
  // The device the output prints (-j's device.name) is the one it was run on, whatever the file is called.
  const inText = printed?.name ?? (device === undefined && plain !== undefined ? deviceInText(withoutFailedOpens(plain), /^\/dev\/(?!null$|zero$)/) : undefined);
  const typed = args.includes('-d') || args.includes('--device') || inText === undefined || plain === undefined ? undefined : printed?.type ?? typeOnCommandLine(plain, inText);
  device = inText ?? device;
  const argv = ['smartctl', ...(typed ? ['-d', typed] : []), ...args, ...(device ? [device] : [])];
  return smartctlArgs(argv.slice(1)) ? argv : undefined;
}

/**
 * The words of a saved output's name that are neither smartctl's options nor a device: a person's label for the drive
 * (`sas-drive` of `smartctl -a sas-drive.txt`, `old-ssd`), joined by `-`; undefined when the name has none. An
 * output saved at the top of the tree is read as under cmd/smartctl/, so its tool word is no label either.
 */
export function savedSmartctlLabel(treeName: string): string | undefined {
  const named = savedNameWords(`cmd/smartctl/${treeName.slice(treeName.lastIndexOf('/') + 1)}`);
  const words = /^smartctl\.exe$/i.test(named[0] ?? '') ? named.slice(1) : named;
  const labels: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const glued = /^smartctl(?:\.exe)?-(.+)$/i.exec(w);
    if (glued) labels.push(...glued[1]!.split('-').filter((p, j, all) => p !== '' && !GLUED_DEVICE.test(p) && !/^[xaiHAcj]+$/.test(p) && p !== 'dev' && p !== 'd' && all[j - 1] !== 'd'));
    else if (VALUED.has(w) || /^-[xaiHAcj]+[dTnlq]$/.test(w)) i++;
    else if (!w.startsWith('-') && !BARE_OPTIONS.test(w) && w !== 'dev' && !DEVICE_WORD.test(w) && !labelDevice(w)) labels.push(w);
  }
  return labels.length ? labels.join('-') : undefined;
}

/**
 * A word of a saved name that names a device node or a path to one: Linux's `sda`, `hdb`, `vda`, `sg3`, `nvme0`,
 * `nvme0n1p2` (smartctl reads the drive of a partition too), `bus` of /dev/bus/0, Synology's `sata1`, 3ware's `twa0`;
 * FreeBSD's `da0`, `ada1`, `nvd0`, `nda0`, `pass2`; OpenBSD's and NetBSD's `wd0` (ATA) and `sd0` (SCSI, SATA behind
 * ahci), also as their raw partition (`wd0c`, `rsd0d`); macOS's `disk0`; Windows' `pd0`, `csmi0,1`; or a path
 * (`%2fdev%2fsda`, `dev/sdb`).
 */
const DEVICE_WORD = /^(?:\/?dev\/.+|\/.+|(?:sd[a-z]{1,3}|hd[a-z]|x?vd[a-z]{1,2})\d{0,2}|nvme\d+(?:c\d+)?(?:n\d+)?(?:p\d+)?|s[gr]\d+|bus|sata\d+|tw[ael]\d+|a?da\d+(?:p\d+)?|nvd\d+|nda\d+|pass\d+|r?disk\d+(?:s\d+)?|pd\d+|csmi\d+,\d+|mmcblk\d+|cciss|c\d+d\d+|r?[ws]d\d+[a-p]?)$/;

/** The one device name among a label's dashed parts (`shredos-debug-sdb` → `sdb`, `host1-nvme0`), if exactly one. */
function labelDevice(word: string): string | undefined {
  const found = word.split('-').filter((p) => GLUED_DEVICE.test(p));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The text without smartctl's lines about a device it could not open (`/dev/loop0: Unable to detect device type`,
 * `Smartctl open device: /dev/sdb failed: …`): a report that pastes such a run above the one that read a drive names
 * that device, not the drive's.
 */
function withoutFailedOpens(plain: string): string {
  return plain.replace(/^.*(?:\/dev\/\S+:\s+Unable\s+to\s+detect\s+device\s+type|open\s+device:\s+\/dev\/\S+(?:\s+\[[^\]]*\])?\s+failed).*$/gm, '');
}

/** Option letters a name gives without their dash (`smartctl_x.log`, `smartctl a sdb.txt`): no device is called that. */
const BARE_OPTIONS = /^(?:[xaiHAcj]|[xai]j|j[xai])$/;

/**
 * The `-d` type of the last smartctl command line pasted in the text that names the device (`# smartctl -i -d
 * megaraid,0 /dev/sda`, `--device=cciss,1`); of two runs pasted one after the other, the last printed the output
 * below it. Undefined when that line gives none.
 */
function typeOnCommandLine(plain: string, device: string): string | undefined {
  const names = new RegExp(`(?:^|\\s)${device.replace(/[.+]/g, '\\$&')}(?![A-Za-z0-9_./:+,-])`);
  let type: string | undefined;
  let seen = false;
  // A JSON log line holds the paste's lines as `\n` escapes.
  for (const line of plain.split(/\r?\n|(?:\\r)?\\n/)) {
    const m = /(?:^|[\s/\\$#>"'])smartctl(?:\.exe)?\s+(.*)$/i.exec(line);
    if (!m || !names.test(m[1]!)) continue;
    seen = true;
    const d = /(?:^|\s)(?:-d\s+|--device[=\s]\s*)([a-z0-9][a-z0-9,+]*)/.exec(m[1]!);
    type = d?.[1];
  }
  return seen ? type : undefined;
}

/**
 * A device name as it is spelled in a glued name: `sda`, `nvme0`, `nvme0n1`, an NVMe partition `nvme0n1p2` (smartctl reads
 * its controller), `sg2`, `hda`; FreeBSD's `da0`, `ada1`, `nvd0`, `nda0`; OpenBSD's `wd0`, `sd0`; macOS's `disk0`.
 */
const GLUED_DEVICE = /^(?:sd[a-z]{1,3}|nvme\d+(?:n\d+(?:p\d+)?)?|sg\d+|hd[a-z]|da\d+|ada\d+|nvd\d+|nda\d+|disk\d+|[ws]d\d+)$/;

/**
 * `smartctl-a-sda` → `-a`, `/dev/sda`; `smartctl-x-dev-nvme0` → `-x`, `/dev/nvme0`; `smartctl-d-sat-a-sdb` → `-d`, `sat`,
 * `-a`, `/dev/sdb`: options glued to the tool's name by dashes, each a set of read-only option letters (`-d` with its
 * type), and one device name (`dev-sda` is /dev/sda). Other parts (`before-update`, a date, `t-long`) are a person's
 * label, not read: their options are not taken, and a name with two device names gives none.
 */
function unglued(word: string): string[] {
  const m = /^smartctl(?:\.exe)?-(.+)$/i.exec(word);
  if (!m) return [word];
  const parts = m[1]!.split('-').filter((p) => p !== '');
  const opts: string[] = [];
  const devices: string[] = [];
  let label = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === 'dev' && GLUED_DEVICE.test(parts[i + 1] ?? '')) continue;
    if (GLUED_DEVICE.test(p)) devices.push(`/dev/${p}`);
    else if (/^[xaiHAcj]+$/.test(p)) opts.push(`-${p}`);
    else if (p === 'd' && /^[a-z0-9][a-z0-9,+]*$/.test(parts[i + 1] ?? '')) opts.push('-d', parts[++i]!);
    else label = true;
  }
  // A label may hold letters that read as options (`smartctl-t-long-sda`: `long` is not a type of -d): none is taken then.
  return [...(label ? [] : opts), ...(devices.length === 1 ? devices : [])];
}

/**
 * The device smartctl's JSON output prints as its own (`"device": {"name": "/dev/sda", "type": "sat+megaraid,0", ...}`),
 * if any; also in a JSON pasted as people paste it: escaped inside a log line (`\"`), with typographic quotes.
 */
function devicePrinted(plain: string): { name: string; type?: string } | undefined {
  const json = plain.replace(/[\u201c\u201d]/g, '"').replace(/\\+"/g, '"').replace(/\\\//g, '/');
  const m = /"device"\s*:\s*\{([^{}]*?"name"\s*:\s*"(\/dev\/[A-Za-z0-9_./:+,-]+)"[^{}]*)\}/.exec(json);
  if (!m) return undefined;
  const type = /"type"\s*:\s*"([a-z0-9][a-z0-9,+]*)"/.exec(m[1]!)?.[1];
  return { name: m[2]!, ...(type?.includes(',') ? { type } : {}) };
}

/**
 * The options smartctl -j prints it was run with (`"smartctl": {"argv": ["smartctl", "-j", "-x", "/dev/sda"], ...}`),
 * without the program and the device; undefined when the output prints none or one fwsnap would not replay.
 */
function optionsPrinted(plain: string): string[] | undefined {
  const json = plain.replace(/[\u201c\u201d]/g, '"').replace(/\\+"/g, '"').replace(/\\\//g, '/');
  const list = /"argv"\s*:\s*\[([^\]]*)\]/.exec(json)?.[1];
  if (list === undefined) return undefined;
  const words = [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  const opts = words.filter((w, i) => !(i === 0 && /(?:^|[/\\])smartctl(?:\.exe)?$/i.test(w)) && !w.startsWith('/'));
  return opts.length > 0 && smartctlArgs(opts) ? opts : undefined;
}

/**
 * The serial an output prints first (`Serial Number:`, SCSI's `Serial number:`, -j's `serial_number`), when it names
 * one drive (not a placeholder or a mask: `--`, `[REMOVED]`, `9RK1XXXX`): two outputs saved under one device's name
 * with different serials are two drives.
 */
export function serialPrinted(text: string): string | undefined {
  const plain = pastedPlain(text.slice(0, 64 * 1024)).replace(/\\+"/g, '"');
  const m = /"serial_number"\s*:\s*"([^"]+)"|^[\s>#*|]*Serial\s+[Nn]umber:[ \t]*(\S[^\r\n]*?)[ \t]*$/m.exec(plain);
  const serial = (m?.[1] ?? m?.[2])?.trim();
  return serial !== undefined && /[A-Za-z0-9]{4,}/.test(serial) && !/X{4,}|redact|removed|hidden/i.test(serial) ? serial : undefined;
}

export const source = replayOnlySource({
  tool: 'smartctl',
  outputs: 'smartctl outputs (text or JSON)',
  names: 'read-only smartctl options and one device (e.g. -x_sda.out, -a_nvme0.out)',
  argv: savedSmartctlArgv,
  drive: serialPrinted,
});
