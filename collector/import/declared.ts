import { CLASSES } from '../classes/index.js';
import { gatherDeclared } from '../class-declarations.js';
import type { ClassImports, CollectorClass, ImportedCommand, ReportFiles } from '../source.js';

/** What the classes declare for `fwsnap import` (`imports` in collector/classes/<name>/index.ts), as one set of tables. */
export interface ImportTables {
  commands: ReadonlyMap<string, ImportedCommand>;
  hostFiles: readonly RegExp[];
  restoreConfFile: ReadonlyMap<string, (lines: readonly string[]) => string[]>;
  sosPlugins: ReadonlySet<string>;
  sosFiles: readonly ReportFiles[];
  supportconfigTopics: readonly (string | RegExp)[];
  /** The declared report tools as one alternation, for `^(…)` patterns. */
  reportTools: string;
}

const escape = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

export function importTablesOf(classes: readonly CollectorClass[]): ImportTables {
  const of = <K extends keyof ClassImports>(k: K): NonNullable<ClassImports[K]>[] => classes.flatMap((c) => (c.imports?.[k] === undefined ? [] : [c.imports[k]!]));
  const tools = [...new Set(of('reportTools').flat())].sort();
  return {
    commands: gatherDeclared(classes, 'imported command', (c) => c.imports?.commands),
    hostFiles: of('hostFiles').flat(),
    restoreConfFile: gatherDeclared(classes, 'restored configuration file', (c) => c.imports?.restoreConfFile),
    sosPlugins: new Set(of('sosPlugins').flat()),
    sosFiles: of('sosFiles'),
    supportconfigTopics: of('supportconfigTopics').flat(),
    reportTools: tools.map((t) => (t.endsWith('*') ? `${escape(t.slice(0, -1))}\\w+` : escape(t))).join('|'),
  };
}

let tables: ImportTables | undefined;
/** Every registered class's import declarations, gathered on first use. */
export function importTables(): ImportTables {
  return (tables ??= importTablesOf(CLASSES));
}
