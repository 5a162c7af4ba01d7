import { classTables } from '../db/class-schema.js';
import type { Db } from '../db/database.js';

/**
 * Runs `f` (a set of rules over the bundles of temp.rule_bundles) with every class's rule snapshot in place
 * (ClassTables.ruleSnapshot): a view whose rows each rule would join again (the kernel log: a text lookup per line)
 * is copied once, and each rule scans the copy. The copies are temporary tables, dropped when `f` returns or throws.
 */
export function withRuleSnapshots<T>(db: Db, f: () => T): T {
  const made: string[] = [];
  try {
    for (const { ruleSnapshot: s } of classTables()) {
      if (!s) continue;
      db.exec(s.create);
      made.push(s.view);
      db.exec(s.fill);
    }
    return f();
  } finally {
    for (const view of made.reverse()) db.exec(`DROP TABLE IF EXISTS temp."${view}"`);
  }
}
