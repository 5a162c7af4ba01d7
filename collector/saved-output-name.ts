/**
 * Outputs pasted into a captured tree are saved under names people choose: `cmd/nvme/id-ctrl_nvme0.out`,
 * `cmd/smartctl/-x_sda.out`, or the bundle's own `cmd/nvme/id-ctrl_%2fdev%2fnvme0.out`. These helpers read
 * such a name back into words; each source turns the words into the argv it would have run.
 */

/**
 * The extensions a saved output may end in: the bundle's `.out`, and what people save a tool's output as (`.txt`,
 * `.log`, `.json` for a JSON output, `.xml` for an XML one (`nvidia-smi -q -x.xml`); `.TXT` from Windows). The extension
 * never decides how the output is read: text, JSON or XML is told from the content.
 */
export const SAVED_OUTPUT_EXT = /\.(?:out|txt|log|json|xml)$/i;

/**
 * A suffix that reads as a file's own extension (`.bak`, `.orig`, `.md`, `.err`, `.status`): a dot and a word that
 * starts with a letter. A dot followed by a digit is part of a device word (`eth0.100`, `3b:00.0`), not an extension.
 */
const OTHER_EXT = /\.[A-Za-z][A-Za-z0-9]{0,7}$/;

/**
 * A saved output's file name without its extension: `.out`, `.txt`, `.log` or `.json` taken off, or the name as it is
 * when it has no extension at all (`-i_eth0`, `id-ctrl_nvme0`, `dev_info`, `-i_eth0.100`: a VLAN's dotted name). Undefined
 * for a name ending in another extension (`-i_eth0.bak`, `notes.md`, a `.err` or `.status` beside an output): whether
 * its last word is the device's or the file's cannot be told.
 */
export function savedOutputStem(fileName: string): string | undefined {
  if (SAVED_OUTPUT_EXT.test(fileName)) return fileName.replace(SAVED_OUTPUT_EXT, '');
  return OTHER_EXT.test(fileName) || fileName === '' ? undefined : fileName;
}

/**
 * A saved output's file name as the command's arguments alone: a leading `sudo`, the tool's own name (or its `.exe`)
 * and the separator after it taken off, spaces read as `_`. `smartctl -x sda.txt` and `smartctl_-x_sda.txt` (saved at
 * the top of a tree) and `-x_sda.txt` (under cmd/smartctl/) are each `-x_sda.txt`; `smartctl-all-sde.txt` is `-all-sde.txt`
 * wherever it is saved.
 */
export function savedArgsName(treeName: string, tool: string): string {
  const file = treeName.slice(treeName.lastIndexOf('/') + 1).replace(/^sudo[-_ ]+/i, '');
  const after = file.slice(tool.length);
  const rest = file.slice(0, tool.length).toLowerCase() === tool.toLowerCase() && /^(?:\.exe)?(?:[-_ .]|$)/i.test(after) ? after.replace(/^\.exe/i, '') : file;
  return rest.replace(/^[_ ]+/, '').replace(/ +/g, '_');
}

/**
 * The words of a saved output's name: `cmd/<tool>/<words joined by _ or spaces>.out|.txt|.log|.json`, each word
 * %xx-decoded. A name that is the whole command line typed (`smartctl_-a_sda.txt`, `sudo nvme id-ctrl nvme0.txt`)
 * starts with the tool's own name (or its Windows `.exe`), perhaps after `sudo`: those first words are not words of the command.
 */
export function savedNameWords(treeName: string): string[] {
  const path = treeName.split('/');
  const tool = path.length >= 2 ? path[path.length - 2]!.toLowerCase() : undefined;
  const stem = path[path.length - 1]!.replace(SAVED_OUTPUT_EXT, '');
  const words = linkWhole(stem.split(/([_ ]+)/));
  const first = words[0]?.toLowerCase() === 'sudo' ? 1 : 0;
  // Windows' tool name (`smartctl.exe -a sda.txt`, `nvme.exe list.txt`) is the tool's too.
  if (tool !== undefined && words[first]?.toLowerCase().replace(/\.exe$/, '') === tool) return words.slice(first + 1);
  return words;
}

/** A link udev makes to a disk or a partition, as a saved name's %-decoded word spells it (`/dev/disk/by-id/ata-…`). */
const UDEV_LINK = /^\/dev\/disk\/by-[a-z-]+\/[^/]/;

/**
 * The words of a name split at its separators (`[word, separator, word, …]`), %-decoded. A udev link's own name holds
 * `_` (`ata-<model>_<serial>`, `nvme-Samsung_SSD_970_EVO_1TB_<serial>`) and a command's argv is joined by `_` in its
 * name (`%2fdev%2fdisk%2fby-id%2fata-ST8000AS0022-1WL_Z840Y0FY.out`): the words joined to a link by `_` after it, up to
 * an option, are the link's.
 */
function linkWhole(split: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < split.length; i += 2) {
    if (split[i] === '') continue;
    const w = decodeWord(split[i]!);
    const last = words.length - 1;
    if (last >= 0 && UDEV_LINK.test(words[last]!) && /^_+$/.test(split[i - 1]!) && !w.startsWith('-')) words[last] += `${split[i - 1]}${w}`;
    else words.push(w);
  }
  return words;
}

/**
 * The device a saved output names in its own text when its file name does not: the command line pasted
 * above it (`# nvme fw-log /dev/nvme1`), nvme-cli's `Firmware Log for device:nvme1`, smartctl's JSON
 * `"device": {"name": "/dev/sda"}`. Undefined when the text names none or more than one.
 */
export function deviceInText(text: string, node: RegExp): string | undefined {
  const found = new Set<string>();
  const head = pastedPlain(text.slice(0, 64 * 1024));
  // A path the shell completes (`/dev/sd$x`, `/dev/$disk`) names no node.
  for (const m of head.matchAll(/(?:^|[\s"'=:])(\/dev\/[A-Za-z0-9_./:+,-]+)(?![${A-Za-z0-9_./:+,-])/g)) if (node.test(m[1]!)) found.add(m[1]!);
  for (const m of head.matchAll(/for device:\s*([A-Za-z0-9_]+)/g)) if (node.test(`/dev/${m[1]}`)) found.add(`/dev/${m[1]}`);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * The words typed after a tool's name on the one command line a paste shows running it on one of its nodes (`$ sudo
 * sg_vpd -p ai /dev/sdb` → `-p`, `ai`, `/dev/sdb`), for a saved output whose name leaves the command out. Undefined when
 * the text shows no such line, or lines naming different nodes.
 */
export function typedCommandWords(text: string, tool: string, node: RegExp): string[] | undefined {
  const head = pastedPlain(text.slice(0, 64 * 1024));
  const lines = new Map<string, string[]>();
  const typed = new RegExp(`(?:^|[\\s$#>'"])(?:sudo\\s+)?(?:\\S*/)?${tool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]+([^\\r\\n|;&>]+)`, 'gm');
  for (const m of head.matchAll(typed)) {
    const words = m[1]!.trim().split(/\s+/);
    const nodes = words.filter((w) => node.test(w));
    if (nodes.length === 1) lines.set(nodes[0]!, words);
  }
  return lines.size === 1 ? [...lines.values()][0] : undefined;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A character a terminal session echoed and then erased with a backspace (`/dev/sdax\b`: the shell ran `/dev/sda`). */
function erased(text: string): string {
  let t = text;
  for (let prev = ''; prev !== t && t.includes('\b');) {
    prev = t;
    t = t.replace(/[^\n\b]\x08/g, '');
  }
  return t.replace(/\x08/g, '');
}

/**
 * A pasted text with what a web page or ticket export put into it taken out, so that the names in it can be read:
 * HTML character references decoded (`&#x2F;dev&#x2F;sda`, `2&gt;&amp;1`, `&quot;`), zero-width spaces removed
 * (`/d\u200bev/sdb`), a terminal's colour codes removed and its backspaces applied, a blog's Markdown escapes of
 * dashes, underscores and stars undone (`\-\-device`, `megaraid\_disk`). A reference to no valid character stays as it is.
 */
export function pastedPlain(text: string): string {
  return erased(text).replace(/\\([-_*])/g, '$1').replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos|nbsp));/g,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name]!;
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    });
}

/** A word of a saved name with its %XX escapes undone; a word that is not valid escaping stays as it is. */
export function decodeWord(w: string): string {
  try {
    return decodeURIComponent(w);
  } catch {
    return w;
  }
}

/** A device word as a /dev path: `sda`, `nvme0n1`, `dev/sda`, `/dev/sda` → `/dev/...`. */
export function devPath(word: string): string {
  if (word.startsWith('/dev/')) return word;
  if (word.startsWith('dev/')) return `/${word}`;
  return `/dev/${word}`;
}
