import { parseManyClasses } from '../collector/fake-host/many.js';

/**
 * The command line of the benches that build many-devices trees: positional numbers, `--classes LIST` (classes whose
 * fake-host parts write many devices, `name=count`, or `name` where the bench gives the count) and `--seed N`. A bad one ends the process with status 2.
 */
export function benchArgs(argv: readonly string[], defaultClasses: string, usage: string, defaultCount?: number): { positional: string[]; classes: string; seed: number } {
  const positional: string[] = [];
  let classes = defaultClasses;
  let seed = 0;
  const fail = (why: string): never => {
    process.stderr.write(`${why}\nusage: ${usage}\n`);
    process.exit(2);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => argv[++i] ?? fail(`${a} needs a value`);
    if (a === '--classes') classes = value();
    else if (a === '--seed') seed = Number(value());
    else if (/^\d+$/.test(a)) positional.push(a);
    else fail(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(seed) || seed < 0) fail('--seed takes a whole number');
  try {
    parseManyClasses(classes, defaultCount);
  } catch (e) {
    fail((e as Error).message);
  }
  return { positional, classes, seed };
}
