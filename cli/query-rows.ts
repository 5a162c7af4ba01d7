import { hexId, PCI_ID_NAME } from '../analyzer/report/ids.js';
import { jsonTerminalSafe, terminalSafe } from '../bundle/terminal-safe.js';

export const OUTS = ['table', 'json', 'csv'] as const;
export type Out = (typeof OUTS)[number];

/** Rows a table's column widths are taken from; later rows are cut to them (cells are cut at 60 anyway). */
export const TABLE_SAMPLE = 1000;

/** A cell as text, control characters escaped (table and CSV are read in terminals and editors; JSON keeps exact values). */
const show = (v: unknown): string => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : terminalSafe(String(v)));
const jsonValue = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v);
const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Query results written row by row as the statement yields them (never gathered): JSON as one array, CSV,
 * or a table whose widths come from the first TABLE_SAMPLE rows. `write` resolves when the output can take
 * more (backpressure), so a result of millions of rows costs the memory of a thousand.
 */
export async function writeRows(rows: Iterable<Record<string, unknown>>, rawColumns: string[], out: Out, write: (text: string) => Promise<void>): Promise<number> {
  // PCI ids as lspci prints them (15b3:101d); the database keeps integers, so `WHERE vendor_id = 0x15b3` still works.
  const ids = rawColumns.filter((c) => PCI_ID_NAME.test(c));
  const fix = (r: Record<string, unknown>): Record<string, unknown> => {
    if (!ids.length) return r;
    const o = { ...r };
    for (const c of ids) if (typeof o[c] === 'number' && Number.isInteger(o[c]) && (o[c] as number) >= 0) o[c] = hexId(o[c] as number);
    return o;
  };
  let n = 0;
  if (out === 'json') {
    for (const r of rows) {
      const text = JSON.stringify(fix(r), jsonValue, 2).replace(/\n/g, '\n  ');
      await write(`${n++ ? ',\n' : '[\n'}  ${jsonTerminalSafe(text)}`);
    }
    await write(n ? '\n]\n' : '[]\n');
    return n;
  }
  const columns = rawColumns.map(terminalSafe);
  const cells = (r: Record<string, unknown>): string[] => rawColumns.map((c) => show(r[c]));
  if (out === 'csv') {
    await write(columns.map(csvCell).join(',') + '\n');
    for (const r of rows) {
      await write(cells(fix(r)).map(csvCell).join(',') + '\n');
      n++;
    }
    return n;
  }
  const sample: string[][] = [];
  const it = rows[Symbol.iterator]();
  try {
    for (let next = it.next(); !next.done; next = it.next()) {
      sample.push(cells(fix(next.value)));
      if (sample.length >= TABLE_SAMPLE) break;
    }
    const widths = columns.map((c, i) => {
      let w = c.length;
      for (const r of sample) w = Math.max(w, r[i]!.length);
      return Math.min(60, w);
    });
    const line = (cs: string[]): string => cs.map((s, i) => (s.length > widths[i]! ? s.slice(0, widths[i]! - 1) + '…' : s.padEnd(widths[i]!))).join('  ').trimEnd() + '\n';
    await write(line(columns) + line(widths.map((w) => '-'.repeat(w))));
    for (const r of sample) {
      await write(line(r));
      n++;
    }
    if (sample.length >= TABLE_SAMPLE) {
      for (let next = it.next(); !next.done; next = it.next()) {
        await write(line(cells(fix(next.value))));
        n++;
      }
    }
  } finally {
    // A statement left open keeps its connection busy (it could not be closed).
    it.return?.();
  }
  await write(`(${n} rows)\n`);
  return n;
}
