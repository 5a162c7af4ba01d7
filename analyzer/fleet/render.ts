import type { Finding } from '../report/model.js';
import { SEVERITIES } from '../rules/types.js';
import type { Fleet, FleetCell } from './model.js';
import { painter, type Painter, type TextStyle } from '../report/ansi.js';

/** The line every fleet format opens with. */
export function fleetSummary(f: Fleet): string {
  const s = f.summary;
  const total = SEVERITIES.reduce((n, x) => n + s.findings[x], 0);
  return (
    `fleet of ${s.hosts} host(s)${s.olderSnapshots ? ` (${s.olderSnapshots} older snapshot(s) of them left out)` : ''}: ${s.models} device model(s), ${s.mixedModels} with mixed firmware; ` +
    (total
      ? `${total} fleet finding(s) at or above ${f.minSeverity} (${SEVERITIES.filter((x) => s.findings[x]).map((x) => `${s.findings[x]} ${x}`).join(', ')})`
      : `no fleet findings at or above ${f.minSeverity}`) +
    `; ${s.rules} fleet rules`
  );
}

const hostsWord = (n: number): string => `${n} host${n === 1 ? '' : 's'}`;
const bar = (n: number, max: number): string => '#'.repeat(Math.max(1, Math.round((20 * n) / Math.max(1, max))));
const finding = (x: Finding, p: Painter): string => `${p.severity(x.severity)} [${x.rule}] ${x.host ?? '?'} ${x.device ?? 'host'}: ${x.message}`;

/** The matrix per host: each model with its firmware, `*` where it is not the model's most common version. */
function byHost(f: Fleet): Map<string, FleetCell[]> {
  const out = new Map<string, FleetCell[]>();
  for (const h of f.hosts) out.set(`${h.bundle}`, []);
  for (const c of f.matrix) out.get(`${c.bundle}`)?.push(c);
  return out;
}

/** How many older snapshots the text formats name one by one; JSON lists every one. */
const OLDER_SHOWN = 20;

/** Each left-out bundle with the bundle of its host compared instead, at most OLDER_SHOWN of them. */
export function olderSnapshotLines(f: Fleet): string[] {
  const lines = f.olderSnapshots
    .slice(0, OLDER_SHOWN)
    .map((o) => `${o.path} (${o.hostname}, collected ${o.collectedAt ?? 'at an unknown time'}): ${o.newer.path} (collected ${o.newer.collectedAt ?? 'at an unknown time'}) is compared`);
  if (f.olderSnapshots.length > OLDER_SHOWN) lines.push(`… and ${f.olderSnapshots.length - OLDER_SHOWN} more (--format json lists every one)`);
  return lines;
}

/** Each line ended by a newline, so that a long report is written a line at a time. */
function* ended(lines: Iterable<string>): Generator<string> {
  for (const l of lines) yield `${l}\n`;
}

/** The fleet for people: mixed firmware and versions off the common one stand out in yellow, severities in their colours. */
export function* fleetTextLines(f: Fleet, style: TextStyle = {}): Generator<string> {
  const p = painter(style);
  yield p.bold(fleetSummary(f));
  for (const n of f.notices) yield `warning: ${n}`;
  const older = olderSnapshotLines(f);
  if (older.length) yield* ['', p.bold(`OLDER SNAPSHOTS LEFT OUT (${f.olderSnapshots.length}; --every-bundle compares them too)`), ...older.map((l) => `  ${l}`)];
  yield* ['', p.bold(`FIRMWARE PER MODEL (${f.models.length})`)];
  for (const m of f.models) {
    yield `  ${m.model} [${m.class}${m.vendorId && m.deviceId ? ` ${m.vendorId}:${m.deviceId}` : ''}]: ${m.devices} device(s) on ${hostsWord(m.hosts)}${m.firmware.length > 1 ? `, ${p.odd('MIXED')}` : ''}`;
    const max = m.firmware[0]?.hosts ?? 1;
    for (const v of m.firmware) yield `    ${v.version.padEnd(24)} ${hostsWord(v.hosts).padEnd(10)} ${bar(v.hosts, max)}`;
  }
  if (f.findings.length) {
    yield* ['', p.bold(`FLEET FINDINGS (${f.findings.length})`)];
    for (const x of f.findings) yield `  ${finding(x, p)}`;
  }
  yield* ['', p.bold(`HOSTS × MODELS (${f.hosts.length} hosts; * not the model's most common firmware)`)];
  const cells = byHost(f);
  for (const h of f.hosts) {
    const list = cells.get(`${h.bundle}`) ?? [];
    yield `  ${h.hostname ?? h.path} (bundle ${h.bundle}, ${h.devices} devices, ${h.hostFindings} host finding(s))`;
    for (const c of list) {
      const firmware = c.firmware.join(', ');
      yield `    ${c.common ? ' ' : p.odd('*')} ${c.model}: ${c.common ? firmware : p.odd(firmware)}${c.devices > 1 ? ` (${c.devices} devices)` : ''}`;
    }
  }
}

export const fleetTextChunks = (f: Fleet, style: TextStyle = {}): Iterable<string> => ended(fleetTextLines(f, style));
export const renderFleetText = (f: Fleet, style: TextStyle = {}): string => [...fleetTextChunks(f, style)].join('');

const cell = (s: string | null | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function* fleetMarkdownLines(f: Fleet): Generator<string> {
  yield* ['## fwsnap fleet', '', `**${cell(fleetSummary(f))}**`];
  for (const n of f.notices) yield* ['', `> Warning: ${cell(n)}`];
  const older = olderSnapshotLines(f);
  if (older.length) yield* ['', `### Older snapshots left out (${f.olderSnapshots.length}; --every-bundle compares them too)`, '', ...older.map((l) => `- ${cell(l)}`)];
  yield* ['', `### Firmware per model (${f.models.length})`, '', '| model | class | ids | devices | hosts | firmware (hosts) |', '|---|---|---|---|---|---|'];
  for (const m of f.models) {
    yield `| ${cell(m.model)} | ${m.class} | ${m.vendorId && m.deviceId ? `${m.vendorId}:${m.deviceId}` : ''} | ${m.devices} | ${m.hosts} | ${m.firmware.map((v) => `${cell(v.version)} (${v.hosts})`).join('<br>')}${m.firmware.length > 1 ? ' **mixed**' : ''} |`;
  }
  if (f.findings.length) {
    yield* ['', `### Fleet findings (${f.findings.length})`, '', '| severity | rule | host | device | finding |', '|---|---|---|---|---|'];
    for (const x of f.findings) yield `| ${x.severity} | ${x.rule} | ${cell(x.host)} | ${cell(x.device ?? 'host')} | ${cell(x.message)} |`;
  }
  // Host × model: one column per model; a cell not on the model's most common version is bold.
  const models = f.models.map((m) => m.model);
  const cells = byHost(f);
  yield* ['', `### Hosts × models (${f.hosts.length} × ${models.length})`, '', `| host | ${models.map(cell).join(' | ')} |`, `|---|${models.map(() => '---').join('|')}|`];
  for (const h of f.hosts) {
    const mine = new Map((cells.get(`${h.bundle}`) ?? []).map((c) => [c.model, c]));
    yield `| ${cell(h.hostname ?? h.path)} | ${models.map((m) => {
      const c = mine.get(m);
      if (!c) return '';
      const t = cell(c.firmware.join(', ')) + (c.devices > 1 ? ` ×${c.devices}` : '');
      return c.common ? t : `**${t}**`;
    }).join(' | ')} |`;
  }
}

export const fleetMarkdownChunks = (f: Fleet): Iterable<string> => ended(fleetMarkdownLines(f));
export const renderFleetMarkdown = (f: Fleet): string => [...fleetMarkdownChunks(f)].join('');
