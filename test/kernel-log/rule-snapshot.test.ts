import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { SqliteSink } from '../../analyzer/db/sink.js';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { KERNEL_LOG_DDL, kernelLogWriter } from '../../analyzer/classes/kernel-log/tables.js';
import { describeVersion } from '../../analyzer/load/describe-version.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { runRulesPerBundle } from '../../analyzer/rules/run-per-bundle.js';

// Every rule reading kernel_log used to join each line to its text again (a lookup in kernel_log_texts per line and per
// rule: 4.3 s of CPU for the rules on a busy host's 140,000 lines). A rule run now copies the judged bundles' lines once
// (ClassTables.ruleSnapshot) and the rules scan the copy. These tests count the lines read, not the time.

const LINES = 500;
const rules = loadRules(defaultRulesDir());

/** A database whose kernel_log view counts the rows it yields (kl_seen), with one bundle of LINES lines, two of them faults. */
function countedLog(): { db: Db; seen: () => number; reset: () => void } {
  const db = openDatabase(':memory:');
  db.prepare(`INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'b1.tar.gz', 'now', 1)`).run();
  const sink = new SqliteSink(db, 1, describeVersion, shippedFacts(), 'throw');
  const log = sink.tables(kernelLogWriter);
  for (let i = 0; i < LINES; i++) {
    const text =
      i === 100 ? 'mpt3sas_cm0: fault_state(0x2622)!'
      : i === 200 ? 'i40e 0000:5e:00.0: The driver for the device stopped because the NVM image v2.0 is newer than expected v1.15. You must install the most recent version of the network driver.'
      : `nvme nvme${i % 4}: I/O ${i} QID ${i % 32} timeout, reset controller`;
    log.line({ seq: i, usec: i * 137, level: 4, deviceKey: null, text, artifact: 'dev/kmsg' });
  }
  let n = 0;
  db.function('kl_seen', { deterministic: false }, () => (n++, 1));
  const view = /CREATE VIEW IF NOT EXISTS kernel_log AS\n([\s\S]*?);/.exec(KERNEL_LOG_DDL)![1]!;
  db.exec(`DROP VIEW kernel_log; CREATE VIEW kernel_log AS ${view} WHERE kl_seen()`);
  return { db, seen: () => n, reset: () => void (n = 0) };
}

describe('rules over the kernel log', () => {
  it('a rule run reads each judged line of kernel_log once, whatever the number of rules reading it', () => {
    const { db, seen, reset } = countedLog();
    const reading = rules.filter((r) => r.sql && /\bkernel_log\b/.test(r.sql));
    expect(reading.length).toBeGreaterThan(10);
    // The reference evaluation has no copy: each rule reading the view reads every line (what a run cost before).
    runRulesPerBundle(db, 1, rules);
    expect(seen()).toBeGreaterThanOrEqual(reading.length * LINES);
    reset();
    runRules(db, 1, rules);
    expect(seen()).toBe(LINES);
  });

  it('the rules judge the copy as they judge the view: the same outcomes as the reference evaluation, two lines firing', () => {
    const { db } = countedLog();
    const reference = runRulesPerBundle(db, 1, rules);
    const fired = reference.filter((o) => o.result === 'fail').map((o) => o.ruleId);
    expect(fired).toEqual(expect.arrayContaining(['scsi.mpt3sas.firmware-fault', 'nic.i40e.driver-stopped-nvm-newer']));
    expect(runRules(db, 1, rules)).toEqual(reference);
  });

  it('the copy is gone after the run, and after a run that failed', () => {
    const { db } = countedLog();
    runRules(db, 1, rules);
    const temp = (): unknown[] => db.prepare(`SELECT name FROM temp.sqlite_master WHERE name = 'kernel_log'`).all();
    expect(temp()).toEqual([]);
    // The fault line fails the rule, and its outcome cannot be stored.
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON rule_results BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => runRules(db, 1, rules)).toThrow(/refused/);
    expect(temp()).toEqual([]);
    expect(db.prepare(`SELECT count(*) AS n FROM kernel_log WHERE bundle_id = 1`).get()).toEqual({ n: LINES });
  });
});
