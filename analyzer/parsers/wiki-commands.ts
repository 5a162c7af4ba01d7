/**
 * A wiki's typed command, as a Markdown copy of the page keeps it: the Gentoo wiki's command templates render the prompt
 * and the command as two code spans glued together (`` `root #``dmidecode` ``, `` `user $``lsusb -v` ``), and when the
 * output follows in a block, that block's opening fence glued after them (`` `root #``lscpu```` `` over the output and a
 * closing fence).
 */
const WIKI_COMMAND = /^(\s*)`(?:\([\w.-]+\) )?[\w.-]+ ([#$])``([^`]+)`(```)?\s*$/;

/**
 * The lines with each such command written as a shell prompt's (`# dmidecode`, `$ lsusb -v`), and the lines right under a
 * command whose block's opening fence was glued after it: the output's first lines, inside that block.
 */
export function wikiCommandLines(raws: readonly string[]): { raws: string[]; opened: Set<number> } {
  const opened = new Set<number>();
  const out = raws.map((l, i) => {
    const m = WIKI_COMMAND.exec(l);
    if (!m) return l;
    if (m[4] !== undefined && i + 1 < raws.length) opened.add(i + 1);
    return `${m[1]}${m[2]} ${m[3]!.trim()}`;
  });
  return { raws: out, opened };
}
