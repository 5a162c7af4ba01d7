import type { Db } from '../db/database.js';
import { CLASSES } from '../classes/index.js';

/** The remediation a class gives for a rule's finding on a device in place of the rule's own (AnalyzerClass.remediations), if any. */
export function classRemediation(db: Db, ruleId: string, bundleId: number, deviceKey: string | null): string | undefined {
  if (deviceKey === null) return undefined;
  for (const c of CLASSES) {
    const text = c.remediations?.[ruleId]?.(db, bundleId, deviceKey);
    if (text !== undefined) return text;
  }
  return undefined;
}
