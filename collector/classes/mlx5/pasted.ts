/**
 * mstflint/flint and mstconfig/mlxconfig outputs saved by hand into a captured tree, under the names people
 * give them: `cmd/flint/-d_3b:00.0_q.out`, `cmd/mlxconfig/-e_-d_0000:3b:00.0_q.txt`, `cmd/mstflint/-d 3b:00.0 query.out`,
 * `cmd/mlxconfig/-d_dev_mst_mt4119_pciconf0_q.out`, `cmd/mlxconfig/q.out`, `cmd/mlxconfig/-d_c2:00.0_set_BOOT_VLAN=0.out`,
 * `cmd/mstconfig/-d_65:00.0_s_LINK_TYPE_P1=IB.out` (`s` is mstconfig's short form of `set`).
 */

import { savedOutputStem } from '../../saved-output-name.js';

/** The tools and the names they go by (open-source mstflint package, NVIDIA MFT). */
export const MST_PASTE_TOOLS = ['mstflint', 'flint', 'mstconfig', 'mlxconfig'] as const;

/** flint's flags whose names hold underscores (`--next_boot_fw_ver`): a saved name's `_` between words is not theirs to split. */
const UNDERSCORED_FLAG = '--next_boot_fw_ver|--flashed_version';
const WORD = new RegExp(`^(${UNDERSCORED_FLAG}|-{1,2}[A-Za-z][A-Za-z-]*|q|query|full|i|show_confs)(?=[_ ]|$)`);
/** `-d <device>`: the device runs up to the next flag or command word. */
const DEVICE = /^(?:-d|--dev|--device)[_ =]+(.+?)(?=[_ ]+(?:-[A-Za-z]|--[A-Za-z]|q(?:[_ ]|$)|query(?:[_ ]|$)|s(?:et)?[_ ]+[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=|set$|i$|show_confs$)|$)/;
/** `set`, or mstconfig's own short form `s`, followed by its assignments. */
const SET = /^(?:set|s(?=[_ ]+[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=))(?:[_ ]+(.+))?$/;
/** The parameters a query asks for (`q ATS_ENABLED`, `query SRIOV_EN NUM_OF_VFS`): upper-case names; underscores join words of a name too, so a name saved with `_` between two of them stays one. */
const QUERIED = /^[A-Z][A-Za-z0-9_]*(?:\[\d+\])?(?: +[A-Z][A-Za-z0-9_]*(?:\[\d+\])?)*$/;
/** `NAME=value` of a set; a value runs up to the next `_NAME=` (values may hold underscores: `PCI_ATOMIC_ENABLED`). */
const ASSIGNMENT = /[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=.*?(?=[_ ]+[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=|$)/g;

/** Device spellings that cannot hold a `/` in a file name: `dev_mst_mt4119_pciconf0`, `sys_bus_pci_devices_<bdf>_config`, `proc_bus_pci_07_00.0`; a PCI address's typed trailing colon goes. */
function deviceOf(s: string): string {
  // A PCI address typed with a colon after it (`-d 0000:ca:00.0:`), which the tools take as the address.
  if (/^(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]:$/.test(s)) return s.slice(0, -1);
  const mst = /^dev[_-]mst[_-](.+)$/.exec(s);
  if (mst) return `/dev/mst/${mst[1]}`;
  const proc = /^proc[_-]bus[_-]pci[_-]((?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2})[_-]([0-9a-fA-F]{2}\.[0-7])$/.exec(s);
  if (proc) return `/proc/bus/pci/${proc[1]}/${proc[2]}`;
  const sys = /^sys[_-]bus[_-]pci[_-]devices[_-](.+?)[_-]config$/.exec(s);
  return sys ? `/sys/bus/pci/devices/${sys[1]}/config` : s;
}

/** flint's burn, last on its line (`burn`, or its short form `b`). */
const BURN = /^(burn|b)$/;
/** `-i <image>` of a burn: the image (a file name may hold `_` and `-`) runs up to the next flag or the burn. */
const BURN_IMAGE = /^-i[_ =]+(.+?)(?=[_ ]+(?:--?[A-Za-z]|burn$|b$)|$)/;
/** Flags of a burn that only choose how it writes (`-y`, `--allow_psid_change`, `--use_dev_rom`…): its output says what it did. */
export const BURN_FLAGS = ['-y', '--yes', '--no', '--allow_psid_change', '--use_dev_rom', '--use_image_ps', '--use_image_guids', '--use_image_rom', '--nofs', '-qq'] as const;
const BURN_FLAG = new RegExp(`^(${BURN_FLAGS.join('|')})(?=[_ ]|$)`);

/**
 * A saved flint burn's output, `-d_3b:00.0_-i_fw.bin_burn.txt` → `flint -d 3b:00.0 -i fw.bin burn`: what the burn printed
 * (the flash's version before, the image's, its end) is read from the file; nothing is burned.
 */
function spelledBurnArgv(tool: string, name: string): string[] | undefined {
  let rest = name.replace(new RegExp(`^(?:sudo[_ ]+)?(?:${MST_PASTE_TOOLS.join('|')})(?:[_ ]+|$)`), '');
  const args: string[] = [];
  while ((rest = rest.replace(/^[_ ]+/, '')) !== '') {
    const burn = BURN.exec(rest);
    // The image may be left out of the name (`-d_01:00.0_burn.txt`): the burn's text names it.
    if (burn) return args.filter((a) => a === '-i').length <= 1 && !twoDevices(args) ? [tool, ...args, burn[1]!] : undefined;
    const dev = /^(?:-d|--dev|--device)[_ =]+(.+?)(?=[_ ]+(?:--?[A-Za-z]|burn$|b$)|$)/.exec(rest);
    const image = dev ? undefined : BURN_IMAGE.exec(rest);
    const flag = dev || image ? undefined : BURN_FLAG.exec(rest);
    if (dev) args.push('-d', deviceOf(dev[1]!));
    else if (image) args.push('-i', image[1]!);
    else if (flag) args.push(flag[1]!);
    else return undefined;
    rest = rest.slice((dev ?? image ?? flag)![0].length);
  }
  return undefined;
}

/** The argv a saved output's file name spells exactly, or undefined. */
function spelledMstArgv(tool: string, name: string): string[] | undefined {
  if (!CONFIG_TOOLS.has(tool) && !FWRESET_TOOLS.has(tool)) {
    const burn = spelledBurnArgv(tool, name);
    if (burn) return burn;
  }
  let rest = name.replace(new RegExp(`^(?:sudo[_ ]+)?(?:${MST_PASTE_TOOLS.join('|')})(?:[_ ]+|$)`), '');
  const args: string[] = [];
  while ((rest = rest.replace(/^[_ ]+/, '')) !== '') {
    const set = SET.exec(rest);
    if (set) {
      args.push('set', ...[...(set[1] ?? '').matchAll(ASSIGNMENT)].map((a) => a[0]));
      break;
    }
    if ((args.includes('q') || args.includes('query')) && QUERIED.test(rest)) {
      args.push(...rest.split(/ +/));
      break;
    }
    const dev = DEVICE.exec(rest);
    const word = dev ? undefined : WORD.exec(rest);
    if (dev) args.push('-d', deviceOf(dev[1]!));
    else if (word) args.push(word[1]!);
    else return undefined;
    rest = rest.slice((dev ?? word)![0].length);
  }
  if (CONFIG_TOOLS.has(tool) && args.length > 0 && SHOW_CONFS.test(args[args.length - 1]!) && !args.some((a) => a === 'q' || a === 'query' || a === 'set')) return [tool, ...args.slice(0, -1), 'i'];
  return args.some((a) => a === 'q' || a === 'query' || a === 'set') ? [tool, ...args] : undefined;
}

/** mstconfig/mlxconfig, whose `i` (show_confs) lists the parameters a device may support. */
const CONFIG_TOOLS = new Set(['mstconfig', 'mlxconfig']);
/** mlxfwreset reads names with the query reader; a burn is never its. */
const FWRESET_TOOLS = new Set(['mlxfwreset', 'mstfwreset']);
const SHOW_CONFS = /^(?:i|show_confs)$/;
/** A hyphen people join a name's words with (`flint-q.txt`, `mlxconfig-set-link-type.txt`), not a flag's (`-d`, `--query`). */
export const joinedWords = (name: string): string => name.replace(/(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])/g, '_');
/** A query is of one device: a name with two `-d` is not one. */
const twoDevices = (words: readonly string[]): boolean => words.filter((w) => w === '-d' || w === '--dev' || w === '--device').length > 1;
/** Flags that only choose what a query shows. */
const READ_FLAGS = new Set(['-d', '--dev', '--device', '-e', '-y', '--yes', '-qq']);
/** Commands of the mst tools that are not a query: a name holding one is some other run's output. */
const OTHER_COMMANDS = new Set([
  'burn', 'b', 'sg', 'smg', 'sv', 'ri', 'dc', 'dh', 'rw', 'ww', 'wwne', 'wbne', 'e', 'erase', 'rrom', 'brom', 'drom', 'bb', 'reset', 'r', 'swreset', 'ir',
  'hw', 'set_key', 'hw_access', 'timestamp', 'v', 'verify', 'cache_image', 'ci', 'backup', 'clear_semaphore', 'set_raw', 'get_raw', 'apply', 'gen_tlvs_file',
  'g', 'gen_xml_template', 'xml2raw', 'raw2xml', 'xml2bin', 'create_conf', 'remove_conf', 'image', 's',
]);

/** The mst node of a GPU's NVLink (MFT 4.32 and later, Blackwell): `netir10497_00.cc.00_gpu7`. */
const GPU_MST_NODE = String.raw`netir\d+_[0-9a-fA-F.]+_gpu\d+`;
/** The device spellings a `-d` in a worded name may hold: an mst node (its `/` saved as `_`), a sysfs config path, a PCI address, an in-band LID, or one word. */
const DEVICE_SPELLINGS = String.raw`dev[_-]mst[_-](?:mt\d+_pci(?:conf|_cr|cr)\d+(?:\.\d+)?|${GPU_MST_NODE})|sys[_-]bus[_-]pci[_-]devices[_-].+?[_-]config|mt\d+_pci(?:conf|_cr|cr)\d+(?:\.\d+)?|${GPU_MST_NODE}|(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]|pci\d+(?::\d+){3}|lid-(?:0x)?[0-9a-fA-F]+|mlx\d+_\d+|[^_ ]+`;
const NAMED_DEVICE = new RegExp(`(?:^|[_ ])(?:-d|--dev|--device)[_ =]+(${DEVICE_SPELLINGS})(?=[_ ]|$)`);

/** The device a worded name's one `-d` names, whatever its other words (`-d_01:00.0_burn_after_update.txt`). */
function namedDevice(name: string): string[] {
  const dev = NAMED_DEVICE.exec(name);
  return dev ? ['-d', deviceOf(dev[1]!)] : [];
}

/**
 * A name that says which tool but spells no command exactly, in words a person chose: `flint-q.txt`,
 * `mstflint_query_after_update.log`, `mlxconfig_link_type.txt`, `mstconfig-i.txt`. Its words may name the command
 * (`q`, `query`, `set`, `i`); else it is the tool's query, whose device the output's own text names. A name holding a
 * flag that is not a query's or another command's word (`burn`, `reset`, `-i`) is some other run's, and is not read.
 */
function wordedMstArgv(tool: string, name: string): string[] | undefined {
  const words = joinedWords(name).split(/[_ ]+/).filter((w) => w !== '');
  if (words[0]?.toLowerCase() === 'sudo') words.shift();
  if ((MST_PASTE_TOOLS as readonly string[]).includes(words[0]?.toLowerCase() ?? '')) words.shift();
  const config = CONFIG_TOOLS.has(tool);
  // A hyphen joined `-e` to the words before it (`mstconfig-e-q.txt`): for mstconfig a lone `e` is that flag.
  const lower = words.map((w) => w.toLowerCase()).map((w) => (config && w === 'e' ? '-e' : w));
  // flint's `-i <image>` queries an image file, not the device: its words (`i`, `fw.bin`) name no device's query.
  const image = (w: string): boolean => (!config && w === 'i') || /\.(?:bin|mlx|fwpkg|bfb|zip)$/.test(w);
  // A burn's saved output in words (`flint-burn.txt`, `mstflint_burn_fw-ConnectX4.bin.log`): the device and the image are in its text.
  if (!config && lower.includes('burn') && !lower.some((w) => w !== 'burn' && w !== 'b' && OTHER_COMMANDS.has(w)) && !twoDevices(lower) && lower.filter((w) => w === '-i').length <= 1 &&
    lower.every((w) => !w.startsWith('-') || READ_FLAGS.has(w) || w === '-i' || (BURN_FLAGS as readonly string[]).includes(w))) return [tool, ...namedDevice(name), 'burn'];
  if (lower.some((w) => OTHER_COMMANDS.has(w) || image(w) || (w.startsWith('-') && !READ_FLAGS.has(w))) || twoDevices(lower)) return undefined;
  const flags = [...namedDevice(name), ...(config && lower.includes('-e') ? ['-e'] : [])];
  if (config && lower.includes('set')) return [tool, ...flags, 'set'];
  if (config && lower.some((w) => SHOW_CONFS.test(w)) && !lower.some((w) => w === 'q' || w === 'query')) return [tool, ...namedDevice(name), 'i'];
  if (!config && lower.includes('full')) return [tool, ...flags, 'q', 'full'];
  return [tool, ...flags, 'q'];
}

/**
 * mlxconfig's `reset` saved under its command (`-d_03:00.0_reset.txt`, `-y_-d_mt4103_pci_cr0_reset.out`) or in words
 * holding `reset` (`mlxconfig-reset.txt`): its question and answer are read from the file; it is never run.
 */
function configResetArgv(tool: string, name: string): string[] | undefined {
  if (!CONFIG_TOOLS.has(tool)) return undefined;
  const dev = NAMED_DEVICE.exec(name);
  const rest = dev ? `${name.slice(0, dev.index)} ${name.slice(dev.index + dev[0].length)}` : name;
  const words = joinedWords(rest).split(/[_ ]+/).filter((w) => w !== '').map((w) => w.toLowerCase());
  if (words[0] === 'sudo') words.shift();
  if ((MST_PASTE_TOOLS as readonly string[]).includes(words[0] ?? '')) words.shift();
  const other = (w: string): boolean => w !== 'reset' && (OTHER_COMMANDS.has(w) || ['q', 'query', 'set', 'i', 'show_confs'].includes(w) || (w.startsWith('-') && w !== '-y' && w !== '--yes'));
  if (!words.includes('reset') || words.some(other)) return undefined;
  return [tool, ...namedDevice(name), 'reset'];
}

/** Flags of a ROM removal that only let it write (`--allow_rom_change`) or answer for it (`-y`). */
export const ROM_FLAGS = ['--allow_rom_change', '-y', '--yes'] as const;

/**
 * flint's `drom` saved under its command (`-d_mt4103_pci_cr0_--allow_rom_change_drom.txt`) or in words holding `drom`
 * (`flint-drom.txt`): what the removal did is read from the file; it is never run.
 */
function romRemovalArgv(tool: string, name: string): string[] | undefined {
  if (CONFIG_TOOLS.has(tool) || FWRESET_TOOLS.has(tool)) return undefined;
  const dev = NAMED_DEVICE.exec(name);
  const rest = (dev ? `${name.slice(0, dev.index)} ${name.slice(dev.index + dev[0].length)}` : name).replace(/--allow[_-]rom[_-]change/gi, ' --allow_rom_change ');
  const words = joinedWords(rest).split(/[_ ]+/).filter((w) => w !== '').map((w) => (w === '--allow' ? '--allow_rom_change' : w.toLowerCase()));
  if (words[0] === 'sudo') words.shift();
  if ((MST_PASTE_TOOLS as readonly string[]).includes(words[0] ?? '')) words.shift();
  const flags = words.filter((w) => w.startsWith('-'));
  if (!words.includes('drom') || words.some((w) => w !== 'drom' && OTHER_COMMANDS.has(w)) || words.some((w) => ['q', 'query', 'i'].includes(w)) || flags.some((f) => !(ROM_FLAGS as readonly string[]).includes(f))) return undefined;
  return [tool, ...namedDevice(name), ...[...new Set(flags)], 'drom'];
}

/** The argv a saved output's file name stands for, or undefined when the name is not one of these spellings. */
export function pastedMstArgv(tool: string, fileName: string): string[] | undefined {
  const stem = savedOutputStem(fileName);
  if (stem === undefined) return undefined;
  const name = stem.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return configResetArgv(tool, name) ?? romRemovalArgv(tool, name) ?? spelledMstArgv(tool, name) ?? spelledMstArgv(tool, joinedWords(name)) ?? wordedMstArgv(tool, name);
}

/**
 * A saved flint query of an image file (`-i_fw-ConnectX4Lx.bin_q.txt`, `mstflint -i firmware.bin query.txt`): it describes
 * the image, not a device, and names none.
 */
export function isImageQuery(tool: string, fileName: string): boolean {
  if (CONFIG_TOOLS.has(tool)) return false;
  const words = (savedOutputStem(fileName) ?? '').split(/[_ ]+/).map((w) => w.toLowerCase());
  return words.includes('-i') && words.some((w) => w === 'q' || w === 'query' || w === 'full') && !words.some((w) => w === '-d' || w === '--device' || w === 'burn' || w === 'b');
}

/**
 * The firmware managers (NVIDIA MFT's mlxfwmanager, the online updater mlxup, mstflint's mstfwmanager): their query,
 * saved as `cmd/mlxfwmanager/--query.out`, `cmd/mlxup/--query_--query-format_XML.out`,
 * `cmd/mstfwmanager/-d_0000:3b:00.0_--query.out`, `cmd/mlxfwmanager/--query_-d_dev_mst_mt4119_pciconf0.txt`, or a bare
 * run (which prints the same query) under the tool's own name, `cmd/mlxup/mlxup.out`, or for one device, `cmd/mlxup/-d_0000:8e:00.0.out`;
 * and an update run saved under its command (`mlxfwmanager -u -i fw-ConnectX3.bin.txt`, `mstfwmanager -u.txt`, `mlxup -u -y.txt`):
 * it prints the same query first, then what the update did; and the listing of the images a file, a folder or mlxup itself
 * carries (`mlxup -l.txt`, `cmd/mlxfwmanager/-l_-i_fw.mfa.out`). A saved file is text: reading it runs nothing.
 */
export const FWMANAGER_PASTE_TOOLS = ['mlxfwmanager', 'mlxup', 'mstfwmanager'] as const;

const FWM_DEVICE = /^(?:-d|--dev|--device)[_ =]+(.+?)(?=[_ ]+-|$)/;
const FWM_FORMAT = /^--query[-_]format[_ =]+(XML|xml|Text|text)(?=[_ ]|$)/;
/** `--query`, `--online`, also as the tools take them with one dash (`mlxup -online`). */
const FWM_WORD = /^(--?query|-q|--?online)(?=[_ ]|$)/;
/** An update's flags: `-u`/`--update`, `-y`/`--yes`, `-f`/`--force`, `--no-fw-ctrl`… */
const FWM_UPDATE_WORD = /^(-u|--update|-y|--yes|-f|--force|--no|--no[-_]fw[-_]ctrl|--online[-_]only)(?=[_ ]|$)/;
/** `-l` / `--list-content`: the listing of the images a file, a folder or mlxup itself carries (no device's query). */
const FWM_LIST = /^(-l|--list[-_]content)(?=[_ ]|$)/;
/** `-i <image>` / `--image-dir <dir>`: the image (a file name may hold `_` and `-`) runs up to the next flag. */
const FWM_IMAGE = /^(-i|--image|--image[-_]dir)[_ =]+(.+?)(?=[_ ]+-[A-Za-z-]|$)/;
/** Flags of an update run, as argv spells them. */
const UPDATE_FLAGS: Record<string, string> = { '-u': '-u', '--update': '-u', '-y': '--yes', '--yes': '--yes', '-f': '--force', '--force': '--force', '--no': '--no' };

/** The argv a saved firmware manager output's file name spells exactly, or undefined. */
function spelledFwManagerArgv(tool: string, name: string): string[] | undefined {
  if (new RegExp(`^(?:sudo[_ ]+)?(?:${FWMANAGER_PASTE_TOOLS.join('|')})$`).test(name)) return [tool];
  let rest = name.replace(new RegExp(`^(?:sudo[_ ]+)?(?:${FWMANAGER_PASTE_TOOLS.join('|')})(?:[_ ]+|$)`), '');
  const args: string[] = [];
  while ((rest = rest.replace(/^[_ ]+/, '')) !== '') {
    const dev = FWM_DEVICE.exec(rest);
    const format = dev ? undefined : FWM_FORMAT.exec(rest);
    const word = dev || format ? undefined : FWM_WORD.exec(rest);
    const update = dev || format || word ? undefined : FWM_UPDATE_WORD.exec(rest);
    const list = dev || format || word || update ? undefined : FWM_LIST.exec(rest);
    const image = dev || format || word || update || list ? undefined : FWM_IMAGE.exec(rest);
    if (dev) args.push('-d', deviceOf(dev[1]!));
    else if (list) args.push('-l');
    else if (format) args.push('--query-format', format[1]!);
    else if (word) args.push(word[1] === '-q' || word[1] === '-query' ? '--query' : word[1] === '-online' ? '--online' : word[1]!);
    else if (update) args.push(UPDATE_FLAGS[update[1]!] ?? update[1]!.replace(/_/g, '-'));
    else if (image) args.push(image[1] === '-i' || image[1] === '--image' ? '-i' : '--image-dir', image[2]!);
    else return undefined;
    rest = rest.slice((dev ?? format ?? word ?? update ?? list ?? image)![0].length);
  }
  // The listing names no device and runs no update: it stands alone, or with the image file or folder it lists.
  if (args.includes('-l')) {
    const listed = args.filter((a) => a !== '-l');
    return listed.length === 0 || (listed.length === 2 && (listed[0] === '-i' || listed[0] === '--image-dir')) ? [tool, '-l', ...listed] : undefined;
  }
  // `--online` alone queries too, comparing with the images online.
  // So does a bare run for one device (`mlxup -d 0000:8e:00.0`).
  const bareForOne = args.length === 2 && args[0] === '-d';
  // One run burns from one image or one folder of them.
  if (args.filter((a) => a === '-i' || a === '--image-dir').length > 1) return undefined;
  return args.includes('--query') || args.includes('--online') || args.includes('-u') || bareForOne ? [tool, ...args] : undefined;
}

/** Flags of a firmware manager run that only query, or update from images (the output says what the update did). */
const FWM_READ_FLAGS = new Set([
  '-d', '--dev', '--device', '--query', '-q', '--online', '--query-format', '--query_format',
  '-u', '--update', '-i', '--image', '--image-dir', '--image_dir', '-y', '--yes', '-f', '--force', '--no',
]);

/**
 * A name in words a person chose (`mlxfwmanager-after.txt`, `mlxup_online.log`, `mlxfwmanager-update.log`): the tool's
 * query, which a bare run, `--query`, `--online` and an update run all print first (an update run then says what it did).
 * A flag that is neither a query's nor an update's (`--clear-semaphore`, `--exe-rel-path`) names another run.
 */
function wordedFwManagerArgv(tool: string, name: string): string[] | undefined {
  const words = joinedWords(name).split(/[_ ]+/).filter((w) => w !== '');
  if (words[0]?.toLowerCase() === 'sudo') words.shift();
  if ((FWMANAGER_PASTE_TOOLS as readonly string[]).includes(words[0]?.toLowerCase() ?? '')) words.shift();
  const lower = words.map((w) => w.toLowerCase());
  const images = lower.filter((w) => w === '-i' || w === '--image' || w === '--image-dir' || w === '--image_dir').length;
  if (lower.some((w) => w.startsWith('-') && !FWM_READ_FLAGS.has(w)) || twoDevices(lower) || images > 1) return undefined;
  if (lower.some((w) => w === '-u' || w === '--update')) return [tool, '-u'];
  if (lower.some((w) => w === 'xml')) return [tool, '--query', '--query-format', 'XML'];
  if (lower.some((w) => w === 'online' || w === '--online')) return [tool, '--online'];
  return lower.some((w) => w === 'query' || w === 'q') ? [tool, '--query'] : [tool];
}

/** The argv a saved firmware manager output's file name stands for, or undefined when it names no query or update run. */
export function pastedFwManagerArgv(tool: string, fileName: string): string[] | undefined {
  const stem = savedOutputStem(fileName);
  if (stem === undefined) return undefined;
  const name = stem.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return spelledFwManagerArgv(tool, name) ?? spelledFwManagerArgv(tool, joinedWords(name)) ?? wordedFwManagerArgv(tool, name);
}

/**
 * mlxfwreset (NVIDIA MFT) and mstfwreset (mstflint): their query, saved as `cmd/mlxfwreset/-d_3b:00.0_q.out`,
 * `cmd/mstfwreset/-d_dev_mst_mt41692_pciconf0_query.txt`, `cmd/mlxfwreset/q.txt`, or in words (`mlxfwreset-query.txt`);
 * and a reset's printout, saved under its command (`-d_3b:00.0_reset_-y.out`, `-y_-d_3b:00.0_-l_3_reset.txt`) or in
 * words holding `reset` (`mlxfwreset-reset.txt`): what it did is read from the file, it is never run; and its `status`
 * (`-d_3b:00.0_status.out`, `-d_3b:00.0_--json_status.json`). A name with no verb (`mlxfwreset.txt`) is read as a query,
 * its text telling a query, a reset's printout and a status apart.
 */
export const FWRESET_PASTE_TOOLS = ['mlxfwreset', 'mstfwreset'] as const;

/** A reset's own words in a saved name: the answer flag and the level (`-l 3`, `--level_3`, glued `-l3`). */
function resetWords(words: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toLowerCase();
    if (w === '-y' || w === '--yes' || w === 'reset' || w === 'r') continue;
    const glued = /^-l([0-5])$/.exec(w);
    if (glued) out.push('-l', glued[1]!);
    else if ((w === '-l' || w === '--level') && /^[0-5]$/.test(words[i + 1] ?? '')) out.push('-l', words[++i]!);
    else if (w.startsWith('-')) return undefined;
  }
  return out;
}

/** The argv a saved mlxfwreset output's file name stands for, or undefined when it names neither a query nor a reset. */
export function pastedFwResetArgv(tool: string, fileName: string): string[] | undefined {
  const stem = savedOutputStem(fileName);
  if (stem === undefined) return undefined;
  const name = stem
    .replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(new RegExp(`^(?:sudo[_ ]+)?(?:${FWRESET_PASTE_TOOLS.join('|')})(?:[_ ]+|$)`), '');
  const dev = NAMED_DEVICE.exec(name);
  const rest = dev ? `${name.slice(0, dev.index)} ${name.slice(dev.index + dev[0].length)}` : name;
  const words = joinedWords(rest).split(/[_ ]+/).filter((w) => w !== '').map((w) => w.toLowerCase());
  // `reset_fsm_register` is another command (it clears the reset state machine), not a reset.
  const fsm = /reset[_ -]fsm[_ -]register/i.test(rest);
  if (!fsm && words.some((w) => w === 'reset' || w === 'r') && !words.some((w) => w === 'q' || w === 'query') && !twoDevices(words)) {
    const level = resetWords(words);
    return level ? [tool, ...namedDevice(name), ...level, 'reset'] : undefined;
  }
  // `status` (mstflint 4.36), `--json` its document form: what waits for a reset, read from the file.
  if (!fsm && words.includes('status') && words.every((w) => w === 'status' || w === '--json') && !twoDevices(words)) {
    return [tool, ...namedDevice(name), ...(words.includes('--json') ? ['--json'] : []), 'status'];
  }
  const spelled = spelledMstArgv(tool, name) ?? spelledMstArgv(tool, joinedWords(name));
  if (spelled) return spelled.includes('set') ? undefined : spelled;
  // A name with no verb (`mlxfwreset.txt`, `mlxfwreset-bf3.log`: words of a person's own) is read as a query; the
  // loader tells a query, a reset's printout and a status apart by their text.
  const other = fsm || words.some((w) => w.startsWith('-') && w !== '-d') || twoDevices(words);
  return other ? undefined : [tool, ...namedDevice(name), 'q'];
}

/**
 * mlxlink (NVIDIA MFT) and mstlink (mstflint): a port's link report, saved as `cmd/mlxlink/-d_3b:00.0.out`,
 * `cmd/mlxlink/-d_dev_mst_mt52100_pci_cr0_-p_2_-m.txt`, `cmd/mstlink/-d_mlx5_0_--show_module.out`, or in words
 * (`mlxlink-port1.txt`, `mlxlink_show_ber_monitor_all_hcas.log`: the device is in its text). Only the queries that print
 * are read; a flag that sets or clears something (`--port_state`, `--pc`, `--speeds`) names another run.
 */
export const LINK_PASTE_TOOLS = ['mlxlink', 'mstlink'] as const;

/**
 * mlxlink's queries: they print and change nothing. `--json` prints the same report as one JSON document;
 * `--rx_fec_histogram` names the histogram `--show_histogram` prints (`--clear_histogram` would clear it).
 */
export const LINK_QUERY_FLAGS: Record<string, string> = {
  '-m': '-m', '--show_module': '-m', '-c': '-c', '--show_counters': '-c', '-e': '-e', '--show_eye': '-e',
  '--show_fec': '--show_fec', '--show_serdes_tx': '--show_serdes_tx', '--show_ber_monitor': '--show_ber_monitor',
  '--show_device': '--show_device', '--show_external_phy': '--show_external_phy', '--show_links': '--show_links',
  '--rx_fec_histogram': '--rx_fec_histogram', '--show_histogram': '--show_histogram', '--json': '--json',
};
const LINK_DEVICE = new RegExp(`^(?:-d|--dev|--device)[_ =]+(${DEVICE_SPELLINGS})(?=[_ ]|$)`);
const LINK_PORT = /^(?:-p|--port)[_ =]+(\d+|0x[0-9a-fA-F]+)(?=[_ ]|$)/;
const LINK_FLAG = new RegExp(`^(${Object.keys(LINK_QUERY_FLAGS).sort((a, b) => b.length - a.length).join('|')})(?=[_ ]|$)`);

/** The argv a saved mlxlink output's file name spells exactly, or undefined. */
function spelledLinkArgv(tool: string, name: string): string[] | undefined {
  let rest = name.replace(new RegExp(`^(?:sudo[_ ]+)?(?:${LINK_PASTE_TOOLS.join('|')})(?:[_ ]+|$)`), '');
  const args: string[] = [];
  while ((rest = rest.replace(/^[_ ]+/, '')) !== '') {
    const dev = LINK_DEVICE.exec(rest);
    const port = dev ? undefined : LINK_PORT.exec(rest);
    const flag = dev || port ? undefined : LINK_FLAG.exec(rest);
    if (dev) args.push('-d', deviceOf(dev[1]!));
    else if (port) args.push('-p', String(Number(port[1]!)));
    else if (flag) args.push(LINK_QUERY_FLAGS[flag[1]!]!);
    else return undefined;
    rest = rest.slice((dev ?? port ?? flag)![0].length);
  }
  return args.length && !twoDevices(args) ? [tool, ...args] : undefined;
}

/** A name in words (`mlxlink-port1.txt`): every flag in it a query's; the device its `-d` names, else its text's. */
function wordedLinkArgv(tool: string, name: string): string[] | undefined {
  const words = joinedWords(name).split(/[_ ]+/).filter((w) => w !== '').map((w) => w.toLowerCase());
  if (words.some((w) => w.startsWith('-') && w !== '-d' && w !== '-p' && LINK_QUERY_FLAGS[w] === undefined) || twoDevices(words)) return undefined;
  return [tool, ...namedDevice(name), ...[...new Set(words.flatMap((w) => LINK_QUERY_FLAGS[w] ?? []))]];
}

/** The argv a saved mlxlink/mstlink output's file name stands for, or undefined when it names another run. */
export function pastedLinkArgv(tool: string, fileName: string): string[] | undefined {
  const stem = savedOutputStem(fileName);
  if (stem === undefined) return undefined;
  const name = stem.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return spelledLinkArgv(tool, name) ?? wordedLinkArgv(tool, name);
}

/** MFT's `mst`: only its `status` listing (`-v`, `-vv`) is read; `mst start`, `stop` and `restart` load and unload drivers. */
export const MST_STATUS_TOOL = 'mst';

/** The argv a saved `mst status` output's file name stands for (`status_-v.out`, `mst-status-v.txt`, `status.txt`), or undefined. */
export function pastedMstStatusArgv(fileName: string): string[] | undefined {
  const stem = savedOutputStem(fileName);
  if (stem === undefined) return undefined;
  const words = joinedWords(stem).split(/[_ ]+/).filter((w) => w !== '').map((w) => w.toLowerCase());
  if (words[0] === 'sudo') words.shift();
  if (words[0] === MST_STATUS_TOOL) words.shift();
  if (words.shift() !== 'status') return undefined;
  const flags = words.map((w) => (/^-{0,2}vv?$/.test(w) ? `-${w.replace(/^-+/, '')}` : undefined));
  return flags.length <= 1 && flags.every((f) => f !== undefined) ? [MST_STATUS_TOOL, 'status', ...(flags as string[])] : undefined;
}
