import type { Db } from '../db/database.js';
import type { Rule, RuleResult } from './types.js';

export interface BuiltinResult {
  deviceKey: string | null;
  result: RuleResult;
  message?: string;
  evidence?: Record<string, unknown>;
  missing?: string;
}

export interface BuiltinContext {
  db: Db;
  bundleId: number;
  rule: Rule;
  /** Options given on the command line (e.g. --mlxconfig-db). */
  options: Record<string, string | undefined>;
}

/**
 * A check written in TypeScript for what neither conditions nor SQL can say; its rule YAML names it with `check:`.
 * Checks are listed by their class definition (analyzer/classes/<class>/index.ts).
 */
export type BuiltinCheck = (ctx: BuiltinContext) => BuiltinResult[];
