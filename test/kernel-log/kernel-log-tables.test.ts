import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { SqliteSink } from '../../analyzer/db/sink.js';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { kernelLogWriter } from '../../analyzer/classes/kernel-log/tables.js';
import { describeVersion } from '../../analyzer/load/describe-version.js';
import { textId } from '../../analyzer/db/text-ids.js';

// The kernel-log class's own tables (analyzer/classes/kernel-log/tables.ts), written through its table writer.

function withBundles(db: Db, ...ids: number[]): void {
  for (const id of ids) db.prepare(`INSERT INTO bundles (id, path, loaded_at, complete) VALUES (?, ?, 'now', 1)`).run(id, `b${id}.tar.gz`);
}

describe('kernel_log', () => {
  it('a kernel log message text is stored once per database: a repeated line, in one bundle or another, is a row of numbers naming it', () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1, 2);
    const lockdown = 'Lockdown: sos: direct PCI access is restricted; see man kernel_lockdown.7';
    for (const b of [1, 2]) {
      const sink = new SqliteSink(db, b, describeVersion, shippedFacts(), 'throw');
      for (let i = 0; i < 3; i++) sink.tables(kernelLogWriter).line({ seq: 10 * b + i, usec: 1000 * i, level: 5, deviceKey: null, text: lockdown, artifact: 'dev/kmsg' });
      sink.tables(kernelLogWriter).line({ seq: 99, usec: null, level: null, deviceKey: '0000:3b:00.0', text: `mlx5_core 0000:3b:00.0: bundle ${b}`, artifact: 'dev/kmsg' });
    }
    expect(db.prepare(`SELECT id, text FROM kernel_log_texts ORDER BY text`).all()).toEqual([
      { id: textId(lockdown), text: lockdown },
      { id: textId('mlx5_core 0000:3b:00.0: bundle 1'), text: 'mlx5_core 0000:3b:00.0: bundle 1' },
      { id: textId('mlx5_core 0000:3b:00.0: bundle 2'), text: 'mlx5_core 0000:3b:00.0: bundle 2' },
    ].sort((a, b) => (a.text < b.text ? -1 : 1)));
    expect(db.prepare(`SELECT count(*) AS n FROM kernel_log_rows WHERE text_id = ?`).get(textId(lockdown))).toEqual({ n: 6 });
    expect(db.prepare(`SELECT bundle_id, seq, usec, level, device_key, text, artifact, rowid FROM kernel_log WHERE bundle_id = 2 ORDER BY rowid`).all()).toEqual([
      { bundle_id: 2, seq: 20, usec: 0, level: 5, device_key: null, text: lockdown, artifact: 'dev/kmsg', rowid: 1 },
      { bundle_id: 2, seq: 21, usec: 1000, level: 5, device_key: null, text: lockdown, artifact: 'dev/kmsg', rowid: 2 },
      { bundle_id: 2, seq: 22, usec: 2000, level: 5, device_key: null, text: lockdown, artifact: 'dev/kmsg', rowid: 3 },
      { bundle_id: 2, seq: 99, usec: null, level: null, device_key: '0000:3b:00.0', text: 'mlx5_core 0000:3b:00.0: bundle 2', artifact: 'dev/kmsg', rowid: 4 },
    ]);
  });

  it('a text whose id already names another text is refused, never merged', () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1);
    db.prepare(`INSERT INTO kernel_log_texts (id, text) VALUES (?, 'another message')`).run(textId('a message'));
    const sink = new SqliteSink(db, 1, describeVersion, shippedFacts(), 'throw');
    expect(() => sink.tables(kernelLogWriter).line({ seq: 1, usec: 1, level: 3, deviceKey: null, text: 'a message' })).toThrow(/kernel_log_texts: "a message" and "another message" have the same id/);
    expect(db.prepare(`SELECT count(*) AS n FROM kernel_log_rows`).get()).toEqual({ n: 0 });
  });

  it('the sink makes one writer per bundle, and refuses a writer no class declares', () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1);
    const sink = new SqliteSink(db, 1, describeVersion, shippedFacts(), 'throw');
    expect(sink.tables(kernelLogWriter)).toBe(sink.tables(kernelLogWriter));
    const stray = (): { line(): void } => ({ line: () => undefined });
    expect(() => sink.tables(stray)).toThrow(/a table writer no class declares \(stray\)/);
  });
});
