import type { Command } from 'commander';
import { CLASSES } from '../analyzer/classes/index.js';
import { vendorOptionKey, type VendorDataOption } from '../analyzer/rules/builtin.js';
import { existingFile } from './options.js';

/** The vendor-data options every class declares (AnalyzerClass.vendorDataOptions), in registration order. */
const OPTIONS: readonly VendorDataOption[] = CLASSES.flatMap((c) => c.vendorDataOptions ?? []);

/** Adds the classes' vendor-data options to a command: analyze and check (`report`), or rules test (`test`). */
export function withVendorDataOptions(c: Command, help: 'report' | 'test'): Command {
  for (const o of OPTIONS) c.option(`--${o.flag} <file>`, help === 'test' ? o.testHelp : o.help, existingFile(`--${o.flag}`));
  return c;
}

/** The values given for them, by the key builtin checks read them under. */
export function vendorDataValues(given: object): Record<string, string | undefined> {
  const values = given as Record<string, unknown>;
  return Object.fromEntries(OPTIONS.map((o) => [vendorOptionKey(o.flag), values[vendorOptionKey(o.flag)] as string | undefined]));
}
