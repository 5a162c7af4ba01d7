import type { CommandResult, Source, SourceContext } from '../../source.js';

/** Read-only devlink queries, run once for all devices; never `set`, never a health dump. */
const QUERIES: readonly string[][] = [
  ['dev', 'info'],
  ['dev', 'param', 'show'],
  ['port', 'param', 'show'],
  ['health', 'show'],
  ['port', 'show'],
];

/**
 * The output forms a captured tree may hold for one query. A live host is asked for JSON only; a tree may
 * also hold what a person ran and saved by hand (`devlink dev info` → cmd/devlink/dev_info.out, or with
 * -p / -jp), which the analyzer routes to its parser by content.
 */
const LIVE_FORMS: readonly string[][] = [['-j']];
const REPLAY_FORMS: readonly string[][] = [['-j'], [], ['-jp'], ['-p']];

function firstLine(b: Buffer): string {
  return b.toString('utf8').trim().split('\n')[0] ?? '';
}

function run(ctx: SourceContext, argv: string[]): CommandResult | undefined {
  const r = ctx.runCommand(argv);
  if (r && r.exitStatus !== 0) {
    ctx.issue(argv.join(' '), 'EXIT', `exited with status ${r.exitStatus}${r.stderr.length ? `: ${firstLine(r.stderr)}` : ''}`);
  }
  return r;
}

/** Device handles ("pci/0000:3b:00.0") from `devlink -j dev show`. */
export function devlinkHandles(stdout: Buffer): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.toString('utf8'));
  } catch (e) {
    throw new Error(`devlink -j dev show printed no JSON: ${(e as Error).message}`);
  }
  const dev = (parsed as { dev?: unknown } | null)?.dev;
  if (typeof dev !== 'object' || dev === null || Array.isArray(dev)) throw new Error('devlink -j dev show: no "dev" object in its JSON');
  return Object.keys(dev);
}

export const source: Source = {
  name: 'devlink',
  description: 'devlink devices: firmware versions (dev info), parameters, health reporters and ports, as devlink prints them in JSON',
  collect(ctx) {
    if (!ctx.hasCommand('devlink')) ctx.skip('devlink (iproute2) is not installed');
    const show = ctx.runCommand(['devlink', '-j', 'dev', 'show']);
    if (!show && !ctx.replay) return ctx.skip('devlink -j dev show gave no output');
    if (show && show.exitStatus !== 0) ctx.skip(`devlink -j dev show failed (status ${show.exitStatus}): ${firstLine(show.stderr) || 'no message'}`);
    // A tree of pasted outputs may lack `dev show`; its handles are then read from the outputs themselves.
    const handles = show ? devlinkHandles(show.stdout) : [];
    if (show && handles.length === 0) ctx.skip('no devlink devices');
    for (const handle of handles) ctx.device('devlink', handle);
    for (const query of QUERIES) {
      for (const form of ctx.replay ? REPLAY_FORMS : LIVE_FORMS) run(ctx, ['devlink', ...form, ...query]);
    }
  },
};
