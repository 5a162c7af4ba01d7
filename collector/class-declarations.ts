import type { CollectorClass } from './source.js';

/**
 * One table of what the classes declare by name (commands, ioctls): a name two classes declare is a bug,
 * refused here with both owners named.
 */
export function gatherDeclared<P>(
  classes: readonly CollectorClass[],
  kind: string,
  declared: (c: CollectorClass) => Readonly<Record<string, P>> | undefined,
): ReadonlyMap<string, P> {
  const table = new Map<string, P>();
  const owner = new Map<string, string>();
  for (const c of classes) {
    for (const [name, policy] of Object.entries(declared(c) ?? {})) {
      if (owner.has(name)) throw new Error(`${kind} ${name} is declared by both ${owner.get(name)!} and ${c.name}`);
      owner.set(name, c.name);
      table.set(name, policy);
    }
  }
  return table;
}
