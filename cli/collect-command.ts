import type { Command } from 'commander';
import { terminalSafe } from '../bundle/terminal-safe.js';
import { collect, CollectError, type CollectResult } from '../collector/collect.js';
import { SOURCE_NAMES } from '../collector/classes/index.js';
import { bundleSummary, describeBundle } from './collect-summary.js';
import { warn } from './exit.js';
import { parseTimeout } from './options.js';
import { outputTarget } from './output-path.js';

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);

export function defaultBundleName(): string {
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\..*/, '');
  return `fwsnap-${stamp}.tar.gz`;
}

export function summarize(r: CollectResult): string {
  const m = r.manifest;
  const devices = new Map<string, number>();
  for (const s of m.sources) for (const [cls, n] of Object.entries(s.devices)) devices.set(cls, (devices.get(cls) ?? 0) + n);
  const lines = [
    `devices: ${[...devices].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
    `artifacts: ${r.artifactCount}, ${r.bytes} bytes`,
  ];
  for (const s of m.sources) {
    if (s.status !== 'ok') lines.push(`  ${s.name}: ${s.status.replace('_', ' ')}${s.reason ? ` — ${s.reason}` : ''}`);
  }
  const denied = m.issues.filter((i) => i.code === 'EACCES' || i.code === 'EPERM').length;
  if (!m.host.root && m.host.collectedFrom === 'host') lines.push(`warning: not running as root; ${denied} read(s) refused (config space beyond 64 bytes, register dumps and NVMe logs need root)`);
  else if (denied) lines.push(`warning: ${denied} read(s) refused by permissions`);
  if (m.issues.length) lines.push(`warnings: ${m.issues.length} (listed in manifest.json "issues")`);
  return lines.map(terminalSafe).join('\n');
}

export interface SignalStop {
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM, undefined before either. */
  exitCode(): number | undefined;
  /** Gives the signals back their default action (ending the process). */
  dispose(): void;
}

/**
 * Makes SIGINT and SIGTERM stop a collection cleanly (workers killed, temporary file removed) instead
 * of ending the process. A second signal of the same kind is not caught: it ends the process at once,
 * and a stale temporary file may remain (the next run to the same path removes it).
 */
export function stopOnSignals(): SignalStop {
  const controller = new AbortController();
  let code: number | undefined;
  const on = (sig: 'SIGINT' | 'SIGTERM', exit: number) => (): void => {
    process.stderr.write(`\nfwsnap: ${sig} received, stopping; no bundle will be written\n`);
    code = exit;
    controller.abort();
  };
  const onInt = on('SIGINT', 130);
  const onTerm = on('SIGTERM', 143);
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description('snapshot every device of this host (or of a captured tree) into one bundle')
    .option('-o, --output <file>', 'bundle to write', undefined)
    .option('--force', 'replace an existing bundle at the output (a regular file only)', false)
    .option('--root <dir>', 'collect from a captured tree instead of /')
    .option('--only <list>', `sources to run (${SOURCE_NAMES.join(',')})`, list)
    .option('--skip <list>', 'sources to leave out', list)
    .option('--timeout <seconds>', 'deadline per source', parseTimeout, 10)
    .option('--include-eeprom', 'also read NIC and module EEPROMs (can stall some NICs)', false)
    .option('--redact', 'replace hostnames, addresses, serial numbers and unique ids by consistent tokens (docs/redaction.md)', false)
    .option('--map <file>', 'with --redact: where to write the token map (default: <output>.redaction-map.json)')
    .option('--keep-binary', 'with --redact: keep binary artifacts of unknown layout instead of leaving them out', false)
    .action(async (o: { output?: string; force: boolean; root?: string; only?: string[]; skip?: string[]; timeout: number; includeEeprom: boolean; redact: boolean; map?: string; keepBinary: boolean }) => {
      const output = outputTarget(o.output ?? defaultBundleName(), { force: o.force });
      const mapPath = o.redact && o.map ? outputTarget(o.map, { force: o.force, replaceFile: true, option: '--map' }) : undefined;
      const stop = stopOnSignals();
      const tty = process.stderr.isTTY;
      try {
        const r = await collect({
          output,
          overwrite: o.force,
          root: o.root,
          only: o.only,
          skip: o.skip,
          timeoutSeconds: o.timeout,
          includeEeprom: o.includeEeprom,
          redact: o.redact ? { mapPath, keepBinary: o.keepBinary } : undefined,
          signal: stop.signal,
          onEvent: tty ? (src, m) => m.type === 'device' && process.stderr.write(`\r\x1b[K${terminalSafe(`${src}: ${m.cls} ${m.id}`)}`) : undefined,
        });
        if (tty) process.stderr.write('\r\x1b[K');
        process.stdout.write(`${summarize(r)}\n${bundleSummary(await describeBundle(r.path, o.redact, r.mapPath))}\n`);
        process.exitCode = 0;
      } catch (e) {
        if (tty) process.stderr.write('\r\x1b[K');
        if (!(e instanceof CollectError)) throw e;
        warn(`fwsnap collect: ${e.message}`);
        process.exitCode = stop.exitCode() ?? 2;
      } finally {
        stop.dispose();
      }
    });
}
