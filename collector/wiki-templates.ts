/**
 * Wiki templates that show a command and its output: Gentoo's `{{RootCmd|smartctl -a /dev/sda|output=<pre>…</pre>}}`
 * (and `{{Cmd|…}}`, `{{GenCmd|…}}`), the Arch wiki's `{{hc|# ethtool -i eth0|…}}`. The collector reads the command typed
 * in the opener; the analyzer's text layer (analyzer/parsers/markup-blocks.ts) takes the template off the output.
 */

/** The opener of a command template up to where its output starts, the output perhaps on the same line. */
export const COMMAND_TEMPLATE_OPEN = [
  /^\{\{(?:RootCmd|Cmd|GenCmd)(?:\|[^|\n]*)*?\|output=\s*(?:<pre\b[^>\n]*>)?(?:<nowiki>)?/i,
  /^\{\{hc\|(?:1=)?[^|\n]*\|(?:2=)?\s*(?:<nowiki>)?/i,
];

/** A template's closing, perhaps after the output's last line: `</pre>}}`, `</nowiki>}}`, `}}`. */
export const TEMPLATE_CLOSE = /(?:<\/nowiki>)?\s*(?:<\/pre>)?\s*\}\}$/i;

/**
 * The command an opener names, as typed at a prompt (`$ ethtool -i eth0`, `# smartctl -a /dev/sda`): its last positional
 * parameter before the output (`name=value` parameters such as `prompt=` are none).
 */
export function templateCommand(opener: string): string | undefined {
  const params = opener.replace(/^\{\{\w+\|/, '').split('|').slice(0, -1).filter((p) => !/^\w+=/.test(p) || /^1=/.test(p));
  const command = params.at(-1)?.replace(/^1=/, '').trim();
  if (!command) return undefined;
  return /^[$#] /.test(command) ? command : `$ ${command}`;
}

/** The command a line opening a command template names, without its prompt; undefined for any other line. */
export function templateOpenerCommand(line: string): string | undefined {
  for (const open of COMMAND_TEMPLATE_OPEN) {
    const m = open.exec(line.trimStart());
    if (m) return templateCommand(m[0])?.replace(/^[$#] /, '');
  }
  return undefined;
}
