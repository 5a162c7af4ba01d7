import { describe, expect, it } from 'vitest';
import { CollectError, selectSources } from '../../collector/collect.js';
import { CLASSES, SOURCE_ALIASES, SOURCE_NAMES } from '../../collector/classes/index.js';
import { composeSource } from '../../collector/source-parts.js';
import { SourceSkipped, type Source, type SourceContext } from '../../collector/source.js';

describe('source names', () => {
  it('are the class names, one source per class, in registration order', () => {
    // Derived from the registry, so a new class adds its name without editing this test.
    expect(SOURCE_NAMES).toEqual(CLASSES.map((c) => c.name));
    expect(new Set(SOURCE_NAMES).size).toBe(CLASSES.length);
    // Which class comes first, and why: test/pci/source-order.test.ts.
  });

  it('--only/--skip accept the names of earlier releases and of parts, for the class that now collects them', () => {
    // Each class's own earlier names: test/<class>/source-names.test.ts.
    const aliases = [...SOURCE_ALIASES];
    expect(aliases.length).toBeGreaterThan(2);
    for (const [alias, name] of aliases) {
      expect(selectSources([alias]).run, alias).toEqual([name]);
      expect(selectSources(undefined, [alias]).run, alias).not.toContain(name);
    }
    const classes = new Set(aliases.map(([, name]) => name));
    expect(selectSources(aliases.map(([alias]) => alias)).run).toEqual(SOURCE_NAMES.filter((n) => classes.has(n)));
  });

  it('an unknown name is a usage error naming it and the known names', () => {
    expect(() => selectSources(['disks'])).toThrow(CollectError);
    expect(() => selectSources(['disks'])).toThrow(`unknown source "disks" (known: ${SOURCE_NAMES.join(', ')}; earlier names: ${[...SOURCE_ALIASES.keys()].join(', ')})`);
  });
});

describe('a source of parts', () => {
  const ctx = { skip: (reason: string): never => { throw new SourceSkipped(reason); } } as unknown as SourceContext;
  const part = (name: string, run: () => void, log: string[]): Source => ({ name, description: name, collect: () => { log.push(name); run(); } });
  const skips = (reason: string) => (): never => ctx.skip(reason);

  it('is skipped only when every part skipped, with each reason', async () => {
    const log: string[] = [];
    const s = composeSource('x', 'x', [part('a', skips('no a'), log), part('b', skips('no b'), log)]);
    await expect(s.collect(ctx)).rejects.toMatchObject({ reason: 'a: no a; b: no b' });
    expect(log).toEqual(['a', 'b']);
  });

  it('runs every part when one skips, and fails with the first error after running the rest', async () => {
    const log: string[] = [];
    await composeSource('x', 'x', [part('a', skips('no a'), log), part('b', () => undefined, log)]).collect(ctx);
    const failing = composeSource('x', 'x', [part('a', () => { throw new Error('boom'); }, log), part('b', () => undefined, log)]);
    await expect(failing.collect(ctx)).rejects.toThrow('boom');
    expect(log).toEqual(['a', 'b', 'a', 'b']);
  });
});
