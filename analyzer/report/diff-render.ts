import type { Diff, DiffChange, DiffDevice, DiffSide } from './diff.js';
import { messageAfterDevice, type Finding } from './model.js';
import { painter, type Painter, type TextStyle } from './ansi.js';

const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() || path;

/**
 * What each side is called: its host, else — a bundle of saved outputs reads no host — its bundle's file name, or
 * the whole path when both sides' file names are the same.
 */
export function sideNames(d: Pick<Diff, 'a' | 'b'>): [string, string] {
  const same = baseName(d.a.path) === baseName(d.b.path);
  const name = (s: DiffSide): string => s.hostname ?? (same ? s.path : baseName(s.path));
  return [name(d.a), name(d.b)];
}

const sideText = (s: DiffSide, name: string): string => `${name} (bundle ${s.bundle}, collected ${s.collectedAt ?? '?'})`;
const value = (v: string | null): string => (v === null ? '(absent)' : v === '' ? '(empty)' : v);

export function diffSummary(d: Diff): string {
  const [a, b] = sideNames(d);
  const sides = `${sideText(d.a, a)} → ${sideText(d.b, b)}`;
  if (!d.differences) return `${sides}: no differences`;
  const parts = [
    [d.devices.added.length, 'device(s) added'],
    [d.devices.removed.length, 'removed'],
    [d.firmware.length, 'firmware change(s)'],
    [d.settings.length, 'setting change(s)'],
    [d.findings.new.length, 'new finding(s)'],
    [d.findings.resolved.length, 'resolved'],
  ] as const;
  return `${sides}: ${d.differences} difference(s): ${parts.filter(([n]) => n).map(([n, t]) => `${n} ${t}`).join(', ')}`;
}

/** A change under its device's line: the firmware section's kind goes without saying. */
const change = (c: DiffChange, p: Painter): string =>
  `${c.kind === 'firmware' ? '' : `${c.kind} `}${c.item}: ${p.removed(value(c.before))} → ${p.added(value(c.after))}`;
/** The device named once, then each of its changes, in the order they were found. */
function changesByDevice(list: DiffChange[], p: Painter): string[] {
  const byDevice = new Map<string, DiffChange[]>();
  for (const c of list) byDevice.set(c.device, [...(byDevice.get(c.device) ?? []), c]);
  return [...byDevice.values()].flatMap((cs) => [cs[0]!.name, ...cs.map((c) => `  ${change(c, p)}`)]);
}
export const deviceText = (x: DiffDevice): string => `${x.name}${x.at ? ` at ${x.at}` : ''}`;
const device = (x: DiffDevice, mark: string): string => `${mark} ${deviceText(x)}${x.firmware.length ? `; firmware: ${x.firmware.join('; ')}` : ''}`;
/** The finding's device once, by the name the report gives it. */
export const findingDevice = (f: Finding): string => f.deviceName ?? f.device ?? 'host';
const finding = (f: Finding, p: Painter): string => `${p.severity(f.severity)} [${f.rule}] ${findingDevice(f)}: ${messageAfterDevice(f)}`;

/** The diff for people: added and new in green, removed and resolved in red, severities in their colours. */
export function renderDiffText(d: Diff, style: TextStyle = {}): string {
  const p = painter(style);
  const out = [p.bold(diffSummary(d))];
  const section = (title: string, count: number, lines: string[]): void => {
    if (lines.length) out.push('', p.bold(`${title} (${count})`), ...lines.map((l) => `  ${l}`));
  };
  section('DEVICES ADDED', d.devices.added.length, d.devices.added.map((x) => device(x, p.added('+'))));
  section('DEVICES REMOVED', d.devices.removed.length, d.devices.removed.map((x) => device(x, p.removed('-'))));
  section('FIRMWARE CHANGED', d.firmware.length, changesByDevice(d.firmware, p));
  section('SETTINGS CHANGED', d.settings.length, changesByDevice(d.settings, p));
  section('FINDINGS NEW', d.findings.new.length, d.findings.new.map((f) => `${p.added('+')} ${finding(f, p)}`));
  section('FINDINGS RESOLVED', d.findings.resolved.length, d.findings.resolved.map((f) => `${p.removed('-')} ${finding(f, p)}`));
  return out.join('\n') + '\n';
}

const cell = (s: string | null | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderDiffMarkdown(d: Diff): string {
  const out = ['## fwsnap diff', '', `**${cell(diffSummary(d))}**`];
  const table = (title: string, head: string[], rows: string[][]): void => {
    if (!rows.length) return;
    out.push('', `### ${title} (${rows.length})`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`));
  };
  table('Devices added', ['device', 'at', 'firmware'], d.devices.added.map((x) => [x.name, x.at, x.firmware.join('; ')]));
  table('Devices removed', ['device', 'at', 'firmware'], d.devices.removed.map((x) => [x.name, x.at, x.firmware.join('; ')]));
  const changes = (c: DiffChange[]): string[][] => c.map((x) => [x.name, x.kind, x.item, value(x.before), value(x.after)]);
  table('Firmware changed', ['device', 'kind', 'component', 'A', 'B'], changes(d.firmware));
  table('Settings changed', ['device', 'kind', 'setting', 'A', 'B'], changes(d.settings));
  const fs = (f: Finding[]): string[][] => f.map((x) => [x.severity, x.rule, findingDevice(x), messageAfterDevice(x)]);
  table('Findings new', ['severity', 'rule', 'device', 'finding'], fs(d.findings.new));
  table('Findings resolved', ['severity', 'rule', 'device', 'finding'], fs(d.findings.resolved));
  return out.join('\n') + '\n';
}
