import { createHash } from 'node:crypto';
import { cFlags, cString, CTableError, readCArray } from '../../../rules/upstream/c-table.js';

/** One row of libata's device quirk table, as the kernel source has it. */
export interface LibataEntry {
  model: string;
  /** Firmware revision pattern; null matches any revision. */
  rev: string | null;
  /** ATA_QUIRK_* names without the prefix, in source order; empty for a row that only stops later matches. */
  flags: string[];
  line: number;
  note: string | null;
}

export interface LibataMaxSec {
  model: string;
  rev: string | null;
  sectors: number;
  line: number;
}

/** The upstream facts the libata rules are generated from, with where they were read. */
export interface LibataTable {
  kernel: string;
  file: string;
  sha256: string;
  table: string;
  entries: LibataEntry[];
  maxSec: LibataMaxSec[];
}

export const LIBATA_FILE = 'drivers/ata/libata-core.c';
export const LIBATA_TABLE = '__ata_dev_quirks';

export function readLibataTable(src: string, kernel: string): LibataTable {
  const entries = readCArray(src, LIBATA_TABLE).map((r): LibataEntry => {
    if (r.fields.length !== 3) throw new CTableError(`${LIBATA_TABLE} line ${r.line}: expected 3 fields, found ${r.fields.length}`);
    const model = cString(r.fields[0]!);
    if (model === null) throw new CTableError(`${LIBATA_TABLE} line ${r.line}: NULL model`);
    return {
      model, rev: cString(r.fields[1]!), line: r.line, note: r.note,
      flags: cFlags(r.fields[2]!).map((f) => f.replace(/^ATA_QUIRK_/, '')),
    };
  });
  const maxSec = readCArray(src, '__ata_dev_max_sec_quirks').map((r): LibataMaxSec => ({
    model: cString(r.fields[0]!) ?? '', rev: cString(r.fields[1]!), sectors: Number(r.fields[2]), line: r.line,
  }));
  return { kernel, file: LIBATA_FILE, table: LIBATA_TABLE, sha256: createHash('sha256').update(src).digest('hex'), entries, maxSec };
}
