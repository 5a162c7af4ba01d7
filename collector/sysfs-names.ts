import type { SourceContext } from './source.js';

/** The names of `wanted` present in `dir`, found with one directory listing instead of a stat per name. */
export function presentNames(ctx: SourceContext, dir: string, wanted: readonly string[]): string[] {
  const present = new Set(ctx.listDir(dir) ?? []);
  return wanted.filter((n) => present.has(n));
}
