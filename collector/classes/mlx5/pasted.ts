/**
 * mstflint/flint and mstconfig/mlxconfig outputs saved by hand into a captured tree, under the names people
 * give them: `cmd/flint/-d_3b:00.0_q.out`, `cmd/mlxconfig/-e_-d_0000:3b:00.0_q.txt`, `cmd/mstflint/-d 3b:00.0 query.out`,
 * `cmd/mlxconfig/-d_dev_mst_mt4119_pciconf0_q.out`, `cmd/mlxconfig/q.out`, `cmd/mlxconfig/-d_c2:00.0_set_BOOT_VLAN=0.out`,
 * `cmd/mstconfig/-d_65:00.0_s_LINK_TYPE_P1=IB.out` (`s` is mstconfig's short form of `set`).
 */

import { savedOutputStem } from '../../saved-output-name.js';

/** The tools and the names they go by (open-source mstflint package, NVIDIA MFT). */
export const MST_PASTE_TOOLS = ['mstflint', 'flint', 'mstconfig', 'mlxconfig'] as const;

const WORD = /^(-{1,2}[A-Za-z][A-Za-z-]*|q|query|full)(?=[_ ]|$)/;
/** `-d <device>`: the device runs up to the next flag or command word. */
const DEVICE = /^(?:-d|--dev|--device)[_ =]+(.+?)(?=[_ ]+(?:-[A-Za-z]|q(?:[_ ]|$)|query(?:[_ ]|$)|s(?:et)?[_ ]+[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=|set$)|$)/;
/** `set`, or mstconfig's own short form `s`, followed by its assignments. */
const SET = /^(?:set|s(?=[_ ]+[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=))(?:[_ ]+(.+))?$/;
/** The parameters a query asks for (`q ATS_ENABLED`, `query SRIOV_EN NUM_OF_VFS`): upper-case names; underscores join words of a name too, so a name saved with `_` between two of them stays one. */
const QUERIED = /^[A-Z][A-Za-z0-9_]*(?:\[\d+\])?(?: +[A-Z][A-Za-z0-9_]*(?:\[\d+\])?)*$/;
/** `NAME=value` of a set; a value runs up to the next `_NAME=` (values may hold underscores: `PCI_ATOMIC_ENABLED`). */
const ASSIGNMENT = /[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=.*?(?=[_ ]+[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?=|$)/g;

/** Device spellings that cannot hold a `/` in a file name: `dev_mst_mt4119_pciconf0`, `sys_bus_pci_devices_<bdf>_config`. */
function deviceOf(s: string): string {
  const mst = /^dev[_-]mst[_-](.+)$/.exec(s);
  if (mst) return `/dev/mst/${mst[1]}`;
  const sys = /^sys[_-]bus[_-]pci[_-]devices[_-](.+?)[_-]config$/.exec(s);
  return sys ? `/sys/bus/pci/devices/${sys[1]}/config` : s;
}

/** The argv a saved output's file name stands for, or undefined when the name is not one of these spellings. */
export function pastedMstArgv(tool: string, fileName: string): string[] | undefined {
  const stem = savedOutputStem(fileName);
  if (stem === undefined) return undefined;
  let rest = stem.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  rest = rest.replace(new RegExp(`^(?:sudo[_ ]+)?(?:${MST_PASTE_TOOLS.join('|')})(?:[_ ]+|$)`), '');
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
  return args.some((a) => a === 'q' || a === 'query' || a === 'set') ? [tool, ...args] : undefined;
}

/**
 * The firmware managers (NVIDIA MFT's mlxfwmanager, the online updater mlxup, mstflint's mstfwmanager): their query,
 * saved as `cmd/mlxfwmanager/--query.out`, `cmd/mlxup/--query_--query-format_XML.out`,
 * `cmd/mstfwmanager/-d_0000:3b:00.0_--query.out`, `cmd/mlxfwmanager/--query_-d_dev_mst_mt4119_pciconf0.txt`, or a bare
 * run (which prints the same query) under the tool's own name, `cmd/mlxup/mlxup.out`, or for one device, `cmd/mlxup/-d_0000:8e:00.0.out`.
 */
export const FWMANAGER_PASTE_TOOLS = ['mlxfwmanager', 'mlxup', 'mstfwmanager'] as const;

const FWM_DEVICE = /^(?:-d|--dev|--device)[_ =]+(.+?)(?=[_ ]+-|$)/;
const FWM_FORMAT = /^--query[-_]format[_ =]+(XML|xml|Text|text)(?=[_ ]|$)/;
const FWM_WORD = /^(--query|-q|--online)(?=[_ ]|$)/;

/** The argv a saved firmware manager output's file name stands for, or undefined when it names no query. */
export function pastedFwManagerArgv(tool: string, fileName: string): string[] | undefined {
  const stem = savedOutputStem(fileName);
  if (stem === undefined) return undefined;
  const name = stem.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  if (new RegExp(`^(?:sudo[_ ]+)?(?:${FWMANAGER_PASTE_TOOLS.join('|')})$`).test(name)) return [tool];
  let rest = name.replace(new RegExp(`^(?:sudo[_ ]+)?(?:${FWMANAGER_PASTE_TOOLS.join('|')})(?:[_ ]+|$)`), '');
  const args: string[] = [];
  while ((rest = rest.replace(/^[_ ]+/, '')) !== '') {
    const dev = FWM_DEVICE.exec(rest);
    const format = dev ? undefined : FWM_FORMAT.exec(rest);
    const word = dev || format ? undefined : FWM_WORD.exec(rest);
    if (dev) args.push('-d', deviceOf(dev[1]!));
    else if (format) args.push('--query-format', format[1]!);
    else if (word) args.push(word[1] === '-q' ? '--query' : word[1]!);
    else return undefined;
    rest = rest.slice((dev ?? format ?? word)![0].length);
  }
  // `--online` alone queries too, comparing with the images online.
  // So does a bare run for one device (`mlxup -d 0000:8e:00.0`).
  const bareForOne = args.length === 2 && args[0] === '-d';
  return args.includes('--query') || args.includes('--online') || bareForOne ? [tool, ...args] : undefined;
}
