import type { SettingMode } from '../db/rows.js';
import type { LineIssue } from '../parsers/text-input.js';
import type { LoadContext } from './types.js';
import { udevLink } from '../parsers/drive-node.js';

/** The last word of the command whose output an artifact is (`/dev/sda`, `/dev/disk/by-id/ata-…`); '' for another artifact. */
export function commandTarget(ctx: LoadContext, name: string): string {
  const origin = ctx.record(name)?.origin;
  return origin?.kind === 'cmd' ? origin.argv.at(-1) ?? '' : '';
}

/** 1 for an output run on a udev link, 0 else: sorted so, outputs on a node come first and name a drive both show. */
export const onUdevLink = (ctx: LoadContext, name: string): number => (udevLink(commandTarget(ctx, name)) ? 1 : 0);

export const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

/** The distinct values of capture group 1 over every artifact name matching `re`, sorted. */
export function instances(ctx: LoadContext, re: RegExp): string[] {
  const out = new Set<string>();
  for (const n of ctx.names(re)) {
    const m = re.exec(n);
    if (m?.[1]) out.add(m[1]);
  }
  return [...out].sort();
}

/** File names directly inside an artifact directory (not deeper). */
export function attributesIn(ctx: LoadContext, dir: string): string[] {
  const prefix = `${dir}/`;
  return ctx.under(prefix).filter((n) => !n.slice(prefix.length).includes('/')).map((n) => n.slice(prefix.length));
}

/** The last PCI address in a sysfs link target (the function a device hangs off), or null. */
export function lastBdf(target: string | undefined): string | null {
  const parts = (target ?? '').split('/').filter((p) => BDF.test(p));
  return parts.at(-1) ?? null;
}

/** Records plain sysfs attributes of one directory as settings (namespace 'sysfs' unless given). */
export function sysfsSettings(
  ctx: LoadContext, deviceKey: string, dir: string, skip: ReadonlySet<string>, o: { namespace?: string; prefix?: string; mode?: SettingMode } = {},
): void {
  for (const a of attributesIn(ctx, dir)) {
    if (skip.has(a)) continue;
    const name = `${dir}/${a}`;
    if (ctx.record(name)?.origin.kind === 'link') continue;
    const value = ctx.text(name);
    if (value === undefined) continue;
    ctx.sink.setting({ deviceKey, namespace: o.namespace ?? 'sysfs', key: `${o.prefix ?? ''}${a}`, value: value.trim(), mode: o.mode ?? 'current', artifact: name });
  }
}

/** Flattens a typed record into settings; arrays become comma-separated lists. */
export function recordSettings(
  ctx: LoadContext, deviceKey: string, namespace: string, values: Record<string, string | number | boolean | null | string[] | undefined>, artifact: string, mode: SettingMode = 'current',
): void {
  for (const [key, v] of Object.entries(values)) {
    if (v === undefined) continue;
    ctx.sink.setting({ deviceKey, namespace, key, value: Array.isArray(v) ? v.join(',') : v, mode, artifact });
  }
}

/** Each line a tolerant parser did not understand, as an issue naming the artifact, the line and its text. */
export function recordLineIssues(ctx: LoadContext, artifact: string, parser: string, issues: readonly LineIssue[]): void {
  for (const i of issues) ctx.sink.issue('PARSE-LINE', `${parser}: line ${i.line} "${i.text}": ${i.message}`, artifact);
}
