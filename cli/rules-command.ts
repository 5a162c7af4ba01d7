import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CLASSES } from '../analyzer/classes/index.js';
import { factsDoc } from '../analyzer/facts/doc.js';
import { rulesDoc } from '../analyzer/rules/doc.js';
import { defaultRulesDir, loadRules } from '../analyzer/rules/load-rules.js';
import { testRules } from '../analyzer/rules/self-test.js';
import type { Rule } from '../analyzer/rules/types.js';
import { jsonTerminalSafe, terminalSafe } from '../bundle/terminal-safe.js';
import { outputFailure } from '../bundle/output-failure.js';
import { CliError } from './exit.js';
import { withExamples } from './help.js';
import { oneOf, rulesDirectory } from './options.js';
import { outputTarget } from './output-path.js';
import { vendorDataValues, withVendorDataOptions } from './vendor-data-options.js';

function load(dir: string | undefined): readonly Rule[] {
  try {
    return loadRules(dir ?? defaultRulesDir());
  } catch (e) {
    throw new CliError(`${(e as Error).message}`);
  }
}

/** Writes a document in place of a regular file (never over a directory, device or link), atomically. */
function writeDocument(path: string, text: string): void {
  const target = outputTarget(path, { replaceFile: true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    // In the words collect uses, naming the file asked for, never the temporary file beside it.
    throw new CliError(outputFailure(target, e as Error).replace(/; no bundle was written$/, ''));
  }
}

const rulesDir = (): [string, string, (v: string) => string] => ['--rules <dir>', 'rules directory', rulesDirectory('--rules')];

const LIST_FORMATS = ['text', 'json'] as const;
type ListFormat = (typeof LIST_FORMATS)[number];

/** `rules list --format json`: one object per rule, what a script needs to pick rules (no tests, no SQL). */
export function ruleSummary(r: Rule): Record<string, unknown> {
  return {
    id: r.id, title: r.title, severity: r.severity, kind: r.check ? 'builtin' : 'sql', file: `rules/${r.file}`,
    description: r.description ?? null, appliesTo: r.applies_to ?? null, causedBy: r.caused_by?.rule ?? null,
    remediation: r.remediation, references: r.references, tests: r.tests.length,
  };
}

/** `-o -` and no -o both mean stdout. */
const toStdout = (o?: string): boolean => o === undefined || o === '-';

export function registerRules(program: Command): void {
  const rules = withExamples(program.command('rules').description('list, show, document and test the rules'), [
    ['fwsnap rules list', 'every rule with its severity and title'],
    ['fwsnap rules test --rules ./my-rules', "run the tests of your own rules"],
  ]);
  const list = rules
    .command('list')
    .description('list the rules: id, severity, title (--format json: one object per rule)')
    .option(...rulesDir())
    .option('--format <format>', LIST_FORMATS.join(', '), oneOf('--format', LIST_FORMATS), 'text' as ListFormat);
  withExamples(list, [
    ['fwsnap rules list', 'one rule a line'],
    ["fwsnap rules list --format json | jq -r '.[] | select(.severity == \"high\") | .id'", 'the ids of the high-severity rules'],
  ]);
  list.action((o: { rules?: string; format: ListFormat }) => {
    const all = load(o.rules);
    if (o.format === 'json') process.stdout.write(jsonTerminalSafe(JSON.stringify(all.map(ruleSummary), null, 2)) + '\n');
    else for (const r of all) process.stdout.write(terminalSafe(`${r.id.padEnd(48)} ${r.severity.padEnd(8)} ${r.title}`) + '\n');
  });
  const show = rules
    .command('show')
    .description('print one rule: what it checks, its message, fix, references and tests')
    .argument('<id>')
    .option(...rulesDir());
  withExamples(show, [['fwsnap rules show mlx5.nvconfig-pending', 'what the rule checks and how to fix its finding']]);
  show.action((id: string, o: { rules?: string }) => {
      const r = load(o.rules).find((x) => x.id === id);
      if (!r) throw new CliError(`no rule with id ${id}`);
      const lines = [
        `${r.id} (${r.severity}) — ${r.title}`, `file: rules/${r.file}`, ...(r.description ? ['', r.description] : []), '',
        `message: ${r.message}`, `remediation: ${r.remediation}`, 'references:', ...r.references.map((x) => `  - ${x}`),
        `tests: ${r.tests.map((t) => `${t.name} → ${t.expect}`).join('; ')}`,
      ];
      process.stdout.write(lines.join('\n').split('\n').map(terminalSafe).join('\n') + '\n');
    });
  const doc = rules
    .command('doc')
    .description('write the rule catalogue (docs/rules.md) as Markdown')
    .option(...rulesDir())
    .option('-o, --output <file>', 'write to this file (- or none: stdout)');
  withExamples(doc, [['fwsnap rules doc -o docs/rules.md', 'regenerate the catalogue']]);
  doc.action((o: { rules?: string; output?: string }) => {
    const text = rulesDoc(load(o.rules));
    if (toStdout(o.output)) process.stdout.write(text);
    else writeDocument(o.output!, text);
  });
  const facts = rules
    .command('facts')
    .description('write the reference of every declared fact (docs/facts.md) as Markdown')
    .option('-o, --output <file>', 'write to this file (- or none: stdout)');
  withExamples(facts, [['fwsnap rules facts -o docs/facts.md', 'regenerate the fact reference']]);
  facts.action((o: { output?: string }) => {
    const text = factsDoc(CLASSES.flatMap((c) => c.facts));
    if (toStdout(o.output)) process.stdout.write(text);
    else writeDocument(o.output!, text);
  });
  const test = withVendorDataOptions(rules.command('test').description("run every rule's own tests").option(...rulesDir()), 'test');
  withExamples(test, [
    ['fwsnap rules test', 'the shipped rules against their own tests'],
    ['fwsnap rules test --rules ./site-rules', 'your rules (exit 1 when a test fails)'],
  ]);
  test.action((o: { rules?: string }) => {
      const list = load(o.rules);
      const { run, failures } = testRules(list, { builtinOptions: vendorDataValues(o) });
      for (const f of failures) process.stdout.write(terminalSafe(`FAIL ${f.rule} (${f.file}) — ${f.test}: ${f.problem}`) + '\n');
      process.stdout.write(`${list.length} rules, ${run} tests: ${run - failures.length} passed, ${failures.length} failed\n`);
      process.exitCode = failures.length ? 1 : 0;
    });
}
