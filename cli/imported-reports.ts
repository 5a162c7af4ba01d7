import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EXIT } from '../analyzer/analyze.js';
import { collect, CollectError, NothingReadError } from '../collector/collect.js';
import { isTextFile } from '../collector/one-file-tree.js';
import { hostsOutput, severalHosts, textHosts } from '../collector/text-hosts.js';
import { savedOutputsRead } from './collect-command.js';
import { shellWord } from './collect-summary.js';
import { TEXTS_TRIED } from './input-hint.js';
import { CliError, warn } from './exit.js';
import { bundleArgument, STDIN_NAME } from './stdin-bundle.js';

/**
 * Runs `use` on the inputs with each sosreport or supportconfig among them imported into a temporary bundle first
 * (docs/import.md): `names` gives each such bundle the name the reports and the database use (`REPORT (imported)`).
 * The temporary directory is made only when a report is imported (a SIGKILL cannot remove it, so a command given
 * only bundles leaves nothing in TMPDIR) and is removed when `use` ends.
 */
export async function withImportedReports<T>(inputs: readonly string[], command: string, use: (paths: string[], names: Map<string, string>) => Promise<T>): Promise<T> {
  let dir: string | undefined;
  try {
    const names = new Map<string, string>();
    const paths = await importedReports(inputs, command, () => (dir ??= mkdtempSync(join(tmpdir(), `fwsnap-${command}-`))), names);
    return await use(paths, names);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether an input is a sosreport or supportconfig rather than a bundle or a database. */
export async function isReport(input: string): Promise<boolean> {
  if (input === STDIN_NAME) return false;
  const { looksLikeReport } = await import('../collector/import/detect.js');
  return looksLikeReport(input);
}

async function importedReports(inputs: readonly string[], command: string, dir: () => string, names: Map<string, string>): Promise<string[]> {
  const out: string[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input === STDIN_NAME) {
      // Spooled here, as analyze would spool it: a text piped in (a ticket, a paste from the clipboard) is read as one saved to a file.
      const spooled = await bundleArgument(STDIN_NAME);
      if (!isTextFile(spooled)) {
        out.push(spooled);
        continue;
      }
      const named = join(dir(), 'pasted.txt');
      copyFileSync(spooled, named);
      if (await readHosts(named, '-', command, (host) => join(dir(), `${i}-stdin-${host}.tar.gz`), out, names)) continue;
      const path = await readTextAsTree(named, join(dir(), `${i}-stdin.tar.gz`), 'stdin');
      out.push(typeof path === 'string' ? path : spooled);
      if (typeof path === 'string') names.set(path, '- (text read from stdin)');
      else TEXTS_TRIED.set(spooled, path.reason);
      continue;
    }
    if (isTextFile(input)) {
      if (await readHosts(input, input, command, (host) => join(dir(), `${i}-${host}-${basename(input)}.tar.gz`), out, names)) continue;
      const path = await readTextAsTree(input, join(dir(), `${i}-${basename(input)}.tar.gz`));
      out.push(typeof path === 'string' ? path : input);
      if (typeof path === 'string') names.set(path, `${input} (read as text)`);
      else TEXTS_TRIED.set(input, path.reason);
      continue;
    }
    if (!(await isReport(input))) {
      out.push(input);
      continue;
    }
    const { importReport } = await import('../collector/import/import-report.js');
    const { defaultImportName } = await import('./import-command.js');
    try {
      const r = await importReport({ input, output: join(dir(), `${i}-${defaultImportName(input)}`) });
      warn(`fwsnap: ${input} is a ${r.report}${r.version ? ` ${r.version}` : ''}: imported (${r.mapped} files mapped, ${r.unmapped.length} device-tool outputs not mapped; \`fwsnap import\` keeps the bundle)`);
      out.push(r.path);
      names.set(r.path, `${input} (imported)`);
    } catch (e) {
      if (e instanceof CollectError) throw new CliError(`${input}: ${e.message}`, EXIT.unusable);
      throw e;
    }
  }
  return out;
}

/**
 * A text that is a parallel shell's output of several hosts (pdsh, clush, dshbak, pssh -i, Ansible): each host collected
 * as its own tree into a bundle of its own, named in the reports as the text's host. False when the text is no such
 * output. `diff` compares two bundles: such a text is refused there, naming its hosts.
 */
async function readHosts(input: string, shown: string, command: string, output: (host: string) => string, out: string[], names: Map<string, string>): Promise<boolean> {
  const hosts = textHosts(input);
  if (!hosts) return false;
  if (command === 'diff') throw new CliError(`${shown}: ${severalHosts(hosts)}; diff compares two bundles, give it one host's output each, or give the text to \`fwsnap fleet\``, EXIT.unusable);
  let unread: string | undefined;
  let read = 0;
  for (const one of hosts) {
    const { host } = one;
    try {
      const r = await collect({ root: input, output: output(host.replace(/[^\w.-]/g, '_')), host: one });
      out.push(r.path);
      read++;
      names.set(r.path, `${shown === '-' ? '- (text read from stdin)' : `${shown} (read as text)`}, host ${host}`);
    } catch (e) {
      if (e instanceof NothingReadError) {
        unread ??= e.reason;
        warn(`fwsnap: ${shown}: host ${host}: ${e.reason}; not read`);
        continue;
      }
      if (e instanceof CollectError) throw new CliError(`${shown}: host ${host}: ${e.message}`, EXIT.unusable);
      throw e;
    }
  }
  if (read === 0) {
    // Given on as it is, as a text nothing in is read: unusable input, said once.
    out.push(input);
    TEXTS_TRIED.set(input, unread ?? severalHosts(hosts));
    return true;
  }
  warn(`fwsnap: ${shown === '-' ? 'stdin' : shown} is text: ${hostsOutput(hosts)}, each read as its own host`);
  return true;
}

/**
 * A text file (a ticket, a saved tool output) given where a bundle goes: collected as a tree holding it alone, as
 * `fwsnap collect --root FILE` does, into a temporary bundle at `output`. When nothing in it is read, why: the text is
 * then given on as it is, unusable input as any file that is no bundle (the others are read), said in one line.
 */
async function readTextAsTree(input: string, output: string, shown = input): Promise<string | { reason: string }> {
  try {
    const r = await collect({ root: input, output });
    const read = savedOutputsRead(r.manifest);
    const keep = shown === input ? `\`fwsnap collect --root ${shellWord(input)}\` keeps the bundle` : 'saved to a file, `fwsnap collect --root FILE` keeps the bundle';
    warn(`fwsnap: ${shown} is text: read as ${read ? `saved tool outputs, ${read}` : 'a saved file of a host'} (${keep})`);
    return r.path;
  } catch (e) {
    if (e instanceof NothingReadError) return { reason: e.reason };
    if (e instanceof CollectError) throw new CliError(`${shown === input ? input : '-'}: ${e.message}`, EXIT.unusable);
    throw e;
  }
}
