/**
 * Reads a static array initializer out of C source — the quirk and id tables of the Linux kernel — as
 * rows of fields, without compiling anything. Comments are dropped (the last one before a row is kept as
 * its note), preprocessor lines are ignored, and the terminating `{ }` row ends the table.
 */

export interface CRow {
  /** Top-level fields of the row's braces, as C source text with white space folded. */
  fields: string[];
  /** The comment closest above the row (block or line), if any. */
  note: string | null;
  /** 1-based line of the row's opening brace in the file. */
  line: number;
}

export class CTableError extends Error {}

function lineAt(src: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

/** The text between the braces of `name[] = { … };` (or `name[] __initconst = {`), with its start offset. */
function arrayBody(src: string, name: string): { body: string; start: number } {
  const re = new RegExp(`\\b${name.replace(/[$]/g, '\\$&')}\\s*\\[[^\\]]*\\][^=;{]*=\\s*\\{`);
  const m = re.exec(src);
  if (!m) throw new CTableError(`array ${name} not found`);
  const start = m.index + m[0].length;
  let depth = 1;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") i = skipQuoted(src, i);
    else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) + 1 || src.length;
    else if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { body: src.slice(start, i), start };
  }
  throw new CTableError(`array ${name} has no closing brace`);
}

function skipQuoted(src: string, i: number): number {
  const q = src[i];
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === q) return j;
  }
  return src.length;
}

/** Splits a row's inner text at top-level commas. */
function splitFields(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '"' || c === "'") {
      const end = skipQuoted(inner, i);
      cur += inner.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '(' || c === '{' || c === '[') depth++;
    if (c === ')' || c === '}' || c === ']') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else if (/\s/.test(c)) {
      if (!cur.endsWith(' ')) cur += ' ';
    } else cur += c;
  }
  out.push(cur.trim());
  return out.filter((f, i, all) => f !== '' || i < all.length - 1);
}

/** Every row of the array, in table order, up to (not including) the empty terminating row. */
export function readCArray(src: string, name: string): CRow[] {
  const { body, start } = arrayBody(src, name);
  const rows: CRow[] = [];
  let note: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' || c === "'") {
      i = skipQuoted(body, i);
    } else if (c === '/' && body[i + 1] === '*') {
      const end = body.indexOf('*/', i + 2);
      note = body.slice(i + 2, end).replace(/^\s*\*/gm, '').replace(/\s+/g, ' ').trim();
      i = end + 1;
    } else if (c === '/' && body[i + 1] === '/') {
      const end = body.indexOf('\n', i);
      note = body.slice(i + 2, end === -1 ? body.length : end).trim();
      i = end === -1 ? body.length : end;
    } else if (c === '#') {
      const end = body.indexOf('\n', i);
      i = end === -1 ? body.length : end;
    } else if (/[A-Za-z_]/.test(c)) {
      // A row written as one macro call, e.g. ZEN_MODEL_STEP_UCODE(0x17, 0x31, 0x0, 0x0830107b).
      const m = /^[A-Za-z_]\w*\s*\(/.exec(body.slice(i));
      if (!m) continue;
      let depth = 0;
      let j = i + m[0].length - 1;
      for (; j < body.length; j++) {
        if (body[j] === '(') depth++;
        else if (body[j] === ')' && --depth === 0) break;
      }
      rows.push({ fields: [stripComments(body.slice(i, j + 1)).replace(/\s+/g, ' ').trim()], note, line: lineAt(src, start + i) });
      i = j;
    } else if (c === '{') {
      let depth = 1;
      let j = i + 1;
      for (; j < body.length && depth > 0; j++) {
        const d = body[j];
        if (d === '"' || d === "'") j = skipQuoted(body, j);
        else if (d === '/' && body[j + 1] === '*') j = body.indexOf('*/', j + 2) + 1;
        else if (d === '{') depth++;
        else if (d === '}') depth--;
      }
      const inner = stripComments(body.slice(i + 1, j - 1));
      const fields = splitFields(inner);
      if (fields.length === 0 || (fields.length === 1 && fields[0] === '')) break;
      rows.push({ fields, note, line: lineAt(src, start + i) });
      i = j - 1;
    }
  }
  return rows;
}

function stripComments(s: string): string {
  return s.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

/** A C string literal field (adjacent literals joined), or null for NULL; anything else is refused. */
export function cString(field: string): string | null {
  if (field === 'NULL') return null;
  const parts = [...field.matchAll(/"((?:[^"\\]|\\.)*)"/g)];
  if (parts.length === 0 || field.replace(/"((?:[^"\\]|\\.)*)"/g, '').trim() !== '') throw new CTableError(`not a string literal: ${field}`);
  return parts.map((p) => p[1]!.replace(/\\(.)/g, '$1')).join('');
}

/** The names of a `A | B | C` flag expression (0 gives none). */
export function cFlags(field: string): string[] {
  const t = field.replace(/[()]/g, ' ').trim();
  if (t === '0' || t === '') return [];
  return t.split('|').map((f) => f.trim()).filter((f) => f !== '');
}
