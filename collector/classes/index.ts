import type { Source } from '../source.js';

/** Every source, in the order they are reported. Each is a module `./<name>.js` exporting `source`. */
export const SOURCE_NAMES = ['pci', 'net', 'devlink', 'nvme', 'storage', 'platform', 'rdma', 'mlx', 'fwctl'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export function isSourceName(s: string): s is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(s);
}

export async function loadSource(name: string, modulePath?: string): Promise<Source> {
  const mod = (await import(modulePath ?? `./${name}.js`)) as { source?: Source };
  if (!mod.source || typeof mod.source.collect !== 'function') throw new Error(`module for source ${name} exports no source`);
  return mod.source;
}
