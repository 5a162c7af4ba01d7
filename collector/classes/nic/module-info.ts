import { pastedPlain, savedNameWords } from '../../saved-output-name.js';
import { ethtoolReads, MODULE_INFO_OPTIONS } from './commands.js';

/** Whether a saved text is `ethtool -m` output: its identifier line, and a line naming the module's vendor. */
const isModuleInfoText = (text: string): boolean => {
  const head = pastedPlain(text.slice(0, 64 * 1024));
  return /^[\s>]*Identifier\s*:\s*0x[0-9a-f]{2}\b/im.test(head) && /^[\s>]*Vendor (?:name|PN)\s*:/im.test(head);
};

/** The word after `-m` in a saved name (`-m_eth0.out`, `ethtool -m swp3.txt`, `ethtool-m-eth8.txt`), when it is an interface's name. */
function interfaceInName(treeName: string): { flag: boolean; ifname?: string } {
  const words = savedNameWords(treeName).flatMap((w) => /^(?:.*-)?ethtool-(m)(?:-(.+))?$/.exec(w)?.slice(1).filter((x) => x !== undefined).map((x) => (x === 'm' ? '-m' : x)) ?? [w]);
  const at = words.findIndex((w) => MODULE_INFO_OPTIONS.has(w));
  if (at < 0) return { flag: false };
  const rest = words.slice(at + 1).join('_');
  return rest !== '' && ethtoolReads(['-i', rest]) ? { flag: true, ifname: rest } : { flag: true };
}

/** The interface of the first `ethtool -m <interface>` command line pasted in the text. */
const interfaceInText = (text: string): string | undefined =>
  /(?:^|[\s'"`])(?:\S*\/)?ethtool\s+(?:-m|--module-info)\s+(?!\d*[<>])([A-Za-z0-9_][\w.:@-]*)/m.exec(pastedPlain(text.slice(0, 64 * 1024)))?.[1];

/**
 * A saved `ethtool -m` output: `{ ifname }` with the interface its name (`-m_eth0.out`) or a command line pasted above it
 * (`# ethtool -m eth8`) names, `{}` when neither does; undefined for other outputs. Without its text only a name saying
 * `-m` is one; with it, the text decides (module info under a name of the tool alone, `ethtool.txt`, is read too).
 */
export function savedModuleInfo(treeName: string, text?: string): { ifname?: string } | undefined {
  const named = interfaceInName(treeName);
  if (text === undefined) return named.flag ? (named.ifname !== undefined ? { ifname: named.ifname } : {}) : undefined;
  if (!isModuleInfoText(text)) return undefined;
  const ifname = named.ifname ?? interfaceInText(text);
  return ifname !== undefined && ethtoolReads(['-i', ifname]) ? { ifname } : {};
}
