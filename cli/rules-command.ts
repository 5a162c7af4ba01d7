import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CLASSES } from '../analyzer/classes/index.js';
import { factsDoc } from '../analyzer/facts/doc.js';
import { rulesDoc } from '../analyzer/rules/doc.js';
import { defaultRulesDir, loadRules } from '../analyzer/rules/load-rules.js';
import { testRules } from '../analyzer/rules/self-test.js';
import type { Rule } from '../analyzer/rules/types.js';
import { terminalSafe } from '../bundle/terminal-safe.js';
import { CliError } from './exit.js';
import { existingDir, existingFile } from './options.js';
import { outputTarget } from './output-path.js';

function load(dir: string | undefined): Rule[] {
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
    throw new CliError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

const rulesDir = (): [string, string, (v: string) => string] => ['--rules <dir>', 'rules directory', existingDir('--rules')];

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('list, show and test the rules');
  rules
    .command('list')
    .option(...rulesDir())
    .action((o: { rules?: string }) => {
      for (const r of load(o.rules)) process.stdout.write(terminalSafe(`${r.id.padEnd(48)} ${r.severity.padEnd(8)} ${r.title}`) + '\n');
    });
  rules
    .command('show')
    .argument('<id>')
    .option(...rulesDir())
    .action((id: string, o: { rules?: string }) => {
      const r = load(o.rules).find((x) => x.id === id);
      if (!r) throw new CliError(`no rule with id ${id}`);
      const lines = [
        `${r.id} (${r.severity}) — ${r.title}`, `file: rules/${r.file}`, ...(r.description ? ['', r.description] : []), '',
        `message: ${r.message}`, `remediation: ${r.remediation}`, 'references:', ...r.references.map((x) => `  - ${x}`),
        `tests: ${r.tests.map((t) => `${t.name} → ${t.expect}`).join('; ')}`,
      ];
      process.stdout.write(lines.join('\n').split('\n').map(terminalSafe).join('\n') + '\n');
    });
  rules
    .command('doc')
    .description('write the rule catalogue (docs/rules.md) as Markdown')
    .option(...rulesDir())
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((o: { rules?: string; output?: string }) => {
      const text = rulesDoc(load(o.rules));
      if (o.output) writeDocument(o.output, text);
      else process.stdout.write(text);
    });
  rules
    .command('facts')
    .description('write the reference of every declared fact (docs/facts.md) as Markdown')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((o: { output?: string }) => {
      const text = factsDoc(CLASSES.flatMap((c) => c.facts));
      if (o.output) writeDocument(o.output, text);
      else process.stdout.write(text);
    });
  rules
    .command('test')
    .description("run every rule's own tests")
    .option(...rulesDir())
    .option('--mlxconfig-db <file>', 'mstflint mlxconfig database for builtin ConnectX checks', existingFile('--mlxconfig-db'))
    .action((o: { rules?: string; mlxconfigDb?: string }) => {
      const list = load(o.rules);
      const { run, failures } = testRules(list, { builtinOptions: { mlxconfigDb: o.mlxconfigDb } });
      for (const f of failures) process.stdout.write(terminalSafe(`FAIL ${f.rule} (${f.file}) — ${f.test}: ${f.problem}`) + '\n');
      process.stdout.write(`${list.length} rules, ${run} tests: ${run - failures.length} passed, ${failures.length} failed\n`);
      process.exitCode = failures.length ? 1 : 0;
    });
}
