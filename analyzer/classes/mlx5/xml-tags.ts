/** A start, empty or end tag of a flat, text-free XML document (the ADB databases are such documents). */
export interface XmlTag {
  name: string;
  kind: 'open' | 'empty' | 'close';
  attrs: Record<string, string>;
  /** Byte offset in the text, for error messages. */
  at: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly at: number,
    message: string,
  ) {
    super(`${file}: ${message} at offset ${at}`);
    this.name = 'XmlSyntaxError';
  }
}

const ENTITIES: Record<string, string> = { amp: '&', apos: "'", quot: '"', lt: '<', gt: '>' };
const decode = (s: string, file: string, at: number): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlSyntaxError(file, at, `unknown entity &${e};`);
    return v;
  });

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Yields the tags of a document that holds only elements and whitespace (plus `<?xml …?>` and comments),
 * checking that every element is closed in order. Anything else is a syntax error naming the offset.
 */
export function* xmlTags(text: string, file = 'xml'): Generator<XmlTag> {
  const open: string[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const gap = text.slice(i, lt < 0 ? text.length : lt);
    if (gap.trim() !== '') throw new XmlSyntaxError(file, i + gap.search(/\S/), 'text outside a tag');
    if (lt < 0) break;
    if (text.startsWith('<!--', lt) || text.startsWith('<?', lt)) {
      const end = text.indexOf(text.startsWith('<!--', lt) ? '-->' : '?>', lt);
      if (end < 0) throw new XmlSyntaxError(file, lt, 'unterminated comment or declaration');
      i = end + (text.startsWith('<!--', lt) ? 3 : 2);
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (!m) throw new XmlSyntaxError(file, lt, 'malformed tag');
    const [, slash, name, attrText, selfClose] = m;
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(ATTR)) {
      if (a[1]! in attrs) throw new XmlSyntaxError(file, lt, `attribute ${a[1]} given twice`);
      attrs[a[1]!] = decode(a[2] ?? a[3]!, file, lt);
    }
    if (slash) {
      if (attrText || selfClose) throw new XmlSyntaxError(file, lt, `malformed end tag </${name}>`);
      const top = open.pop();
      if (top !== name) throw new XmlSyntaxError(file, lt, `</${name}> closes <${top ?? 'nothing'}>`);
      yield { name: name!, kind: 'close', attrs, at: lt };
    } else if (selfClose) {
      yield { name: name!, kind: 'empty', attrs, at: lt };
    } else {
      open.push(name!);
      yield { name: name!, kind: 'open', attrs, at: lt };
    }
    i = TAG.lastIndex;
  }
  if (open.length) throw new XmlSyntaxError(file, text.length, `<${open[open.length - 1]}> is never closed`);
}
