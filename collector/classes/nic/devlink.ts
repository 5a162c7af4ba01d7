import type { CommandResult, Source, SourceContext } from '../../source.js';

/** Read-only devlink queries, run once for all devices; never `set`, never a health dump. */
const QUERIES: readonly string[][] = [
  ['devlink', '-j', 'dev', 'info'],
  ['devlink', '-j', 'dev', 'param', 'show'],
  ['devlink', '-j', 'health', 'show'],
  ['devlink', '-j', 'port', 'show'],
];

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
    if (!show) return ctx.skip('devlink -j dev show gave no output');
    if (show.exitStatus !== 0) ctx.skip(`devlink -j dev show failed (status ${show.exitStatus}): ${firstLine(show.stderr) || 'no message'}`);
    const handles = devlinkHandles(show.stdout);
    if (handles.length === 0) ctx.skip('no devlink devices');
    for (const handle of handles) ctx.device('devlink', handle);
    for (const argv of QUERIES) run(ctx, argv);
  },
};
