import type { CommandPolicies } from '../../source.js';
import { BURN_FLAGS, LINK_QUERY_FLAGS, ROM_FLAGS } from './pasted.js';

const MSTCONFIG_QUERIES = [['query'], ['q']];
const FLINT_QUERIES = [['query'], ['q'], ['query', 'full'], ['q', 'full']];

/**
 * What a device argument of the mst tools may be: a PCI address (also as the function's sysfs `config`
 * file, or its /proc/bus/pci file: `/proc/bus/pci/07/00.0`), an mst device node (`/dev/mst/mt4119_pciconf0`, the USB-to-I2C
 * adapter's `/dev/mst/mtusb-1` that reaches a card's flash over its I2C header, or either's bare name as on Windows; a node
 * reached in band, `…_lid-0x0005`, is IN_BAND_DEVICE's), an RDMA device name, or a FreeBSD PCI selector (`pci0:59:0:0`).
 */
const MST_DEVICE =
  /^(([0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]|\/sys\/bus\/pci\/devices\/[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\/config|\/proc\/bus\/pci\/([0-9a-f]{4}:)?[0-9a-f]{2}\/[0-9a-f]{2}\.[0-7]|(\/dev\/mst\/)?mt\d+_pci(conf|_cr)\d+(\.\d+)?|(\/dev\/mst\/)?mtusb-\d+|\/dev\/mst\/(?![^/]*lid-)[A-Za-z0-9_.][A-Za-z0-9_.-]*|mlx5_\d+|pci\d+:\d+:\d+:\d+)$/;
/**
 * A device the MFT tools reach in band, over InfiniBand, as a saved output names it: a switch or HCA by its LID
 * (`lid-0x00047`, `lid-5`), or the mst node `mst status` lists for it (`/dev/mst/SW_MT52000_SwitchIB_Mellanox_Technologies_lid-0x0005`).
 * Replayed only: the collector never queries over the fabric.
 */
const IN_BAND_DEVICE = /^(lid-(?:0x[0-9a-fA-F]+|\d+)|\/dev\/mst\/[A-Za-z0-9_.]+_lid-(?:0x[0-9a-fA-F]+|\d+)(?:,\d+)?)$/;
/** Registers mstreg may GET: none has a clear-on-read or module-access side effect. */
const MSTREG_READ_REGISTERS = new Set(['MGIR', 'MCAM', 'MCQS', 'MNVQC']);
/** The firmware managers' --query-format values. */
const QUERY_FORMATS = new Set(['XML', 'xml', 'Text', 'text']);

/**
 * The mst tools take their command as a bare word and act on anything else too (set, reset, burn…),
 * so their argv must match exactly: `-d <device>`, the given flags, the given option values, and
 * finally one of the allowed command word sequences.
 */
function mstArgs(
  a: readonly string[], flags: readonly string[], commands: readonly string[][], options: Record<string, ReadonlySet<string>> = {}, o: { deviceOptional?: boolean; inBand?: boolean } = {},
): boolean {
  let i = 0;
  let device = false;
  while (i < a.length) {
    const w = a[i]!;
    if (w === '-d') {
      const d = a[i + 1] ?? '';
      if (device || !(MST_DEVICE.test(d) || (o.inBand === true && IN_BAND_DEVICE.test(d)))) return false;
      device = true;
      i += 2;
    } else if (flags.includes(w)) i += 1;
    else if (w in options) {
      if (!options[w]!.has(a[i + 1] ?? '')) return false;
      i += 2;
    } else break;
  }
  const rest = a.slice(i);
  if (!device && !o.deviceOptional) return false;
  return commands.length === 0 ? rest.length === 0 : commands.some((c) => c.length === rest.length && c.every((x, k) => x === rest[k]));
}

/**
 * Replayed only: a query whose saved name leaves out the device (the loader takes it from the output's Device:
 * line or the pasted command line), the `i` (show_confs) parameter list, and the `set` preview (its Next Boot / New table), which a tree only ever
 * holds as text someone saved. Replaying reads a file; nothing is run.
 */
const mstconfigReplay = (a: readonly string[]): boolean => {
  if (mstArgs(a, ['-e'], MSTCONFIG_QUERIES, {}, { deviceOptional: true })) return true;
  // `i` (show_confs): the list of parameters the device may support, with their descriptions.
  if (mstArgs(a, [], [['i'], ['show_confs']], {}, { deviceOptional: true })) return true;
  // A query of some parameters only (`--yes q ATS_ENABLED`).
  const query = a.findIndex((w) => w === 'q' || w === 'query');
  if (query >= 0 && a.length > query + 1 && a.slice(query + 1).every((w) => /^[A-Z][A-Za-z0-9_]*(\[\d+\])?$/.test(w)) &&
    mstArgs(a.slice(0, query + 1).filter((w) => w !== '-y' && w !== '--yes'), ['-e'], MSTCONFIG_QUERIES, {}, { deviceOptional: true })) return true;
  // A reset's saved printout (`reset`): its question and answer are read from the file.
  if (mstArgs(a, [], [['reset']], {}, { deviceOptional: true })) return true;
  const set = a.indexOf('set');
  return set >= 0 && a.slice(set + 1).every((w) => /^[A-Za-z][A-Za-z0-9_]*(\[\d+\])?=\S+$/.test(w)) &&
    mstArgs(a.slice(0, set).filter((w) => w !== '-y' && w !== '--yes'), ['-e'], [], {}, { deviceOptional: true });
};
/**
 * A query saved from a run on this host, or in band of a switch or another host's adapter (`flint -d lid-0x00047 q`);
 * or a burn's or a ROM removal's saved output (`flint -d 3b:00.0 -i fw.bin burn`, or in words with neither; `flint -d 3b:00.0
 * --allow_rom_change drom`): what it printed is read from the file. Neither is ever run: `run` allows queries only.
 */
/** A query's flags that print the flash's `FW Version:` alone; flint takes them before or after the command. */
export const NEXT_BOOT_FLAGS = ['--next_boot_fw_ver', '--flashed_version'];

const flintReplay = (a: readonly string[]): boolean => {
  if (mstArgs(a, ['-qq'], FLINT_QUERIES, {}, { deviceOptional: true, inBand: true })) return true;
  const query = a.filter((w) => !NEXT_BOOT_FLAGS.includes(w));
  if (query.length === a.length - 1 && mstArgs(query, ['-qq'], FLINT_QUERIES, {}, { deviceOptional: true, inBand: true })) return true;
  // A ROM removal's saved printout (`--allow_rom_change drom`): what it did is read from the file.
  if (mstArgs(a, ROM_FLAGS, [['drom']], {}, { deviceOptional: true })) return true;
  const image = a.indexOf('-i');
  const images = a.filter((w) => w === '-i').length;
  if (images > 1 || (image >= 0 && (a[image + 1] === undefined || a[image + 1]!.startsWith('-')))) return false;
  const rest = image < 0 ? a : [...a.slice(0, image), ...a.slice(image + 2)];
  return mstArgs(rest, BURN_FLAGS, [['burn'], ['b']], {}, { deviceOptional: true, inBand: true });
};

/**
 * A firmware manager's query as `pastedFwManagerArgv` spells it: `--query`, at most one `-d <device>`, `--query-format
 * XML|text`, `--online` (compared with the online images, also on its own); or the bare tool, alone or for one `-d <device>`, which prints the same query;
 * or an update run (`-u`, with `-i <image>` or `--image-dir <dir>`, `--yes`, `--force`, `--online`), which prints the query and then what it did.
 * Replayed only, from a saved file: run, these tools look for update images and offer to burn them.
 */
const fwManagerReplay = (a: readonly string[]): boolean => {
  if (a.length === 0 || (a.length === 2 && mstArgs(a, [], []))) return true;
  // The listing of the images a file, a folder or mlxup itself carries (`-l`, with the file or folder it lists).
  if (a[0] === '-l' && (a.length === 1 || (a.length === 3 && (a[1] === '-i' || a[1] === '--image-dir') && !a[2]!.startsWith('-')))) return true;
  if ((a.includes('--query') || a.includes('--online')) && mstArgs(a, ['--query', '--online'], [], { '--query-format': QUERY_FORMATS }, { deviceOptional: true })) return true;
  // An update run: its image is a file name as typed (any word but a flag).
  const rest = a.filter((w, i) => !((a[i - 1] === '-i' || a[i - 1] === '--image-dir') && !w.startsWith('-')) && w !== '-i' && w !== '--image-dir');
  const images = a.filter((w) => w === '-i' || w === '--image-dir').length;
  return a.includes('-u') && images <= 1 && a.length - rest.length === images * 2 && mstArgs(rest, ['-u', '--yes', '--force', '--no', '--online'], [], {}, { deviceOptional: true });
};

/** mlxfwreset's reset levels (`-l <n>`). */
const RESET_LEVELS = new Set(['0', '1', '2', '3', '4', '5']);
/**
 * mlxfwreset's (mstfwreset's) `query`: which reset levels, types and sync owners the device supports; or a reset's saved
 * printout (`-d <device> [-l <n>] reset`): what it did is read from the file; or its `status` (mstflint 4.36: what waits for a
 * reset). Replayed only, never run: `reset` resets the device.
 */
const fwResetReplay = (a: readonly string[]): boolean =>
  mstArgs(a, [], [['q'], ['query']], {}, { deviceOptional: true }) || mstArgs(a, [], [['reset']], { '-l': RESET_LEVELS }, { deviceOptional: true }) ||
  mstArgs(a, ['--json'], [['status']], {}, { deviceOptional: true });

/**
 * mlxlink's (mstlink's) report of a port: at most one `-d <device>` and one `-p <port>`, and the queries that only print
 * (`-m`, `-c`, `-e`, `--show_fec`…). Replayed only, from a saved file: its other flags set the port (speeds, state, FEC).
 */
const linkReplay = (a: readonly string[]): boolean => {
  const rest = a.filter((w, i) => !((a[i - 1] === '-d' || a[i - 1] === '-p') && !w.startsWith('-')));
  const flagged = (f: string): number => a.filter((w) => w === f).length;
  return flagged('-d') <= 1 && flagged('-p') <= 1 && a.length - rest.length === flagged('-d') + flagged('-p') &&
    rest.every((w) => w === '-d' || w === '-p' || Object.values(LINK_QUERY_FLAGS).includes(w));
};

/** mstflint's tools and their MFT names: queries of one device, and GETs of registers without side effects. */
export const commands: CommandPolicies = {
  mstconfig: { run: (a) => mstArgs(a, ['-e'], MSTCONFIG_QUERIES), replay: mstconfigReplay },
  mlxconfig: { run: (a) => mstArgs(a, ['-e'], MSTCONFIG_QUERIES), replay: mstconfigReplay },
  mstflint: { run: (a) => mstArgs(a, ['-qq'], FLINT_QUERIES), replay: flintReplay },
  flint: { run: (a) => mstArgs(a, ['-qq'], FLINT_QUERIES), replay: flintReplay },
  mlxfwmanager: { replay: fwManagerReplay },
  mlxup: { replay: fwManagerReplay },
  mstfwmanager: { replay: fwManagerReplay },
  mlxfwreset: { replay: fwResetReplay },
  mstfwreset: { replay: fwResetReplay },
  mlxlink: { replay: linkReplay },
  mstlink: { replay: linkReplay },
  // Replayed only: `mst status` lists the nodes `mst start` made, and fwsnap never starts mst.
  mst: { replay: (a) => a[0] === 'status' && a.length <= 2 && (a[1] === undefined || a[1] === '-v' || a[1] === '-vv') },
  mstreg: { run: (a) => mstArgs(a, ['--get'], [], { '--reg_name': MSTREG_READ_REGISTERS }) && a.includes('--get') && a.includes('--reg_name') },
};
