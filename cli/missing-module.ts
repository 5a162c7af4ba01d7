import { CliError } from './exit.js';

/** npm packages a command may need that an install can lack (optional dependencies that failed to build). */
const OPTIONAL: Record<string, string> = {
  'better-sqlite3': 'the analyzer\'s SQLite module; `fwsnap collect` works without it',
};

/**
 * A command module that could not load because an optional native package is absent (or its compiled
 * part is) becomes a one-line error naming the package and how to get it.
 */
export function missingModule(e: unknown): CliError | undefined {
  if (!(e instanceof Error)) return undefined;
  const code = (e as NodeJS.ErrnoException).code;
  const name = Object.keys(OPTIONAL).find((n) => e.message.includes(`'${n}'`) || e.message.includes(n));
  if (!name) return undefined;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND' && code !== 'ERR_DLOPEN_FAILED' && !/bindings file/.test(e.message)) return undefined;
  return new CliError(
    `this command needs the npm package ${name} (${OPTIONAL[name]}), which is not installed or did not build on this machine; ` +
      `install it where fwsnap is installed (\`npm install ${name}\`; building it needs a C++ compiler and Python), or analyze the bundle on another machine`,
  );
}
