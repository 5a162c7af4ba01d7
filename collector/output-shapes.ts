import { utf16Text } from '../bundle/saved-text.js';
import { commandArtifactName } from '../bundle/format.js';
import { pastedLines } from './pasted-lines.js';
import type { CollectorClass } from './source.js';
import { ownTypedParts, typedParts, type TypedPart } from './typed-commands.js';

/** What a class's tool says of a text: the command it is the output of (argv, the tool first), or undefined. */
export type OutputShape = (lines: readonly string[]) => readonly string[] | undefined;

/** How much of a text its shape is told by: an output's own first lines say what it is. */
const SHAPE_HEAD = 256 * 1024;

/** Every tool's shape, by tool, from what the classes declare (`shape` of a command policy). */
export function outputShapes(classes: readonly CollectorClass[]): ReadonlyMap<string, OutputShape> {
  const out = new Map<string, OutputShape>();
  for (const c of classes) for (const [tool, p] of Object.entries(c.commands ?? {})) if (p.shape) out.set(tool, p.shape);
  return out;
}

/** A mail's quote markers (`> `, `> > `) taken off when every line but the blank ones has them. */
function unquoted(lines: string[]): string[] {
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.length === 0 || !filled.every((l) => /^>/.test(l))) return lines;
  return lines.map((l) => l.replace(/^(?:> ?)+/, ''));
}

/** A text's lines as shapes read them: its head, as pasted-lines.ts leaves it, a mail's quote markers off. */
export function shapeLines(data: Buffer): string[] {
  return unquoted(pastedLines(data.toString('utf8', 0, Math.min(data.length, SHAPE_HEAD))).split('\n'));
}

/**
 * The command whose output a text is, told by its lines alone: the one tool whose shape takes it. A text two tools'
 * shapes take (a ticket holding several outputs, none typed) is none's: it is not guessed at.
 */
export function shapedCommand(data: Buffer, shapes: ReadonlyMap<string, OutputShape>): string[] | undefined {
  if (shapes.size === 0) return undefined;
  const lines = shapeLines(data);
  let found: string[] | undefined;
  for (const shape of shapes.values()) {
    const argv = shape(lines);
    if (argv === undefined) continue;
    if (found !== undefined) return undefined;
    found = [...argv];
  }
  return found;
}

/**
 * The parts of a text at the top of a tree: one per command typed in it (typed-commands.ts); when none is typed, the
 * whole text as the output of the one command its lines show it is (`attachment.txt` holding an `lspci -vvv`), else none.
 */
export function textParts(data: Buffer, tools: ReadonlySet<string>, shapes: ReadonlyMap<string, OutputShape>): TypedPart[] {
  const typed = typedParts(data, tools);
  if (typed.length) return typed;
  const argv = shapedCommand(data, shapes);
  return argv === undefined ? [] : [{ argv, line: 1, start: 0, end: data.length, name: commandArtifactName(argv, 'stdout'), shaped: true }];
}

/** A part of a saved text, its offsets in the bytes as saved, and the byte-order mark to put before them when the text is UTF-16. */
export interface SavedPart extends TypedPart {
  bom?: Buffer;
}

/**
 * textParts of a text as saved (ownTypedParts of one saved under its tool's name alone, `own`): UTF-16 with a byte-order
 * mark (Windows PowerShell's `>`) is read as the text it holds, and each part's offsets are its characters' in the saved
 * bytes, so a part read from them is UTF-16 too (given its mark).
 */
export function savedTextParts(data: Buffer, tools: ReadonlySet<string>, shapes: ReadonlyMap<string, OutputShape>, own?: string): SavedPart[] {
  const split = (text: Buffer): TypedPart[] => (own === undefined ? textParts(text, tools, shapes) : ownTypedParts(text, own, tools));
  const wide = utf16Text(data);
  if (wide === undefined) return split(data);
  const text = Buffer.from(wide, 'utf8');
  // JavaScript strings count UTF-16 code units: a UTF-8 offset's characters before it are its code units in the saved bytes.
  const at = (offset: number): number => 2 + 2 * text.subarray(0, offset).toString('utf8').length;
  return split(text).map((p) => ({ ...p, start: at(p.start), end: at(p.end), bom: data.subarray(0, 2) }));
}

