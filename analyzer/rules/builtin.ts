import type { Db } from '../db/database.js';
import type { Rule, RuleResult } from './types.js';

export interface BuiltinResult {
  deviceKey: string | null;
  result: RuleResult;
  message?: string;
  evidence?: Record<string, unknown>;
  missing?: string;
}

/** A builtin result of one bundle of the set a check was given. */
export interface BuiltinSetResult extends BuiltinResult {
  bundleId: number;
}

export interface BuiltinContext {
  db: Db;
  /** The bundles to judge, in ascending id order; SQL reads the same ids from the temporary table `rule_bundles(bundle_id)`. */
  bundleIds: readonly number[];
  rule: Rule;
  /** Vendor-data options given on the command line (VendorDataOption), by key: `--mlxconfig-db` as `mlxconfigDb`. */
  options: Record<string, string | undefined>;
}

/**
 * A command-line option naming a vendor-data file a class's builtin checks read (a configuration database, register
 * layouts), declared by the class (AnalyzerClass.vendorDataOptions): `analyze`, `check` and `rules test` take it, and
 * checks find its value in their options under the flag in camel case (`mlxconfig-db` → `mlxconfigDb`).
 */
export interface VendorDataOption {
  /** The long flag without dashes, e.g. `mlxconfig-db`; it takes `<file>`, which must exist. */
  flag: string;
  /** Its help line on analyze and check. */
  help: string;
  /** Its help line on `rules test`. */
  testHelp: string;
}

/** The key a vendor-data option's value has in BuiltinContext.options (commander's camel case of the flag). */
export const vendorOptionKey = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A check written in TypeScript for what neither conditions nor SQL can say; its rule YAML names it with `check:`.
 * It judges a set of bundles at once and names each result's bundle; results of one bundle keep their order.
 * Checks are listed by their class definition (analyzer/classes/<class>/index.ts).
 */
export type BuiltinCheck = (ctx: BuiltinContext) => BuiltinSetResult[];

/**
 * Results of judging each bundle alone, each named with its bundle; a bundle whose judgement throws gets one error
 * (as when that bundle alone is evaluated), the others are still judged.
 */
export function resultsPerBundle(bundleIds: readonly number[], judge: (bundleId: number) => BuiltinResult[]): BuiltinSetResult[] {
  return bundleIds.flatMap((bundleId): BuiltinSetResult[] => {
    try {
      return judge(bundleId).map((r) => ({ ...r, bundleId }));
    } catch (e) {
      return [{ bundleId, deviceKey: null, result: 'error', message: `rule failed to evaluate: ${(e as Error).message}` }];
    }
  });
}

/** A check written for one bundle, run on each bundle of the set in turn. */
export function perBundleCheck(check: (ctx: Omit<BuiltinContext, 'bundleIds'> & { bundleId: number }) => BuiltinResult[]): BuiltinCheck {
  return ({ bundleIds, ...ctx }) => resultsPerBundle(bundleIds, (bundleId) => check({ ...ctx, bundleId }));
}
