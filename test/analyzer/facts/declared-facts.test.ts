import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FactContract } from '../../../analyzer/facts/contract.js';
import { CLASSES, shippedFacts } from '../../../analyzer/classes/index.js';
import { factsDoc } from '../../../analyzer/facts/doc.js';
import type { ClassFacts } from '../../../analyzer/facts/types.js';

// The declared facts at work, class by class: the experiment (a key renamed in a loader, in a rule, in a
// declaration) in test/nvme/declared-facts-rename.test.ts, rule validation against them in test/ata/rule-validation.test.ts.
const CLASS_FACTS: ClassFacts[] = CLASSES.flatMap((c) => c.facts);

describe('the declarations', () => {
  it('declare each device class once, and every registered class declares its facts', () => {
    const first = CLASS_FACTS.find((f) => f.devices.length > 0)!;
    expect(() => new FactContract([...CLASS_FACTS, { ...first, name: 'again' }])).toThrow(`device class "${first.devices[0]!.class}" is declared by both ${first.name} and again`);
    for (const c of CLASSES) expect(c.facts.map((f) => f.name), c.name).toContain(c.name);
    // The device classes are the declarations' own, each declared once (a new class adds its own without editing this test).
    const declared = CLASS_FACTS.flatMap((f) => f.devices.map((d) => d.class)).sort();
    expect([...shippedFacts().deviceClasses].sort()).toEqual(declared);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.length).toBeGreaterThanOrEqual(CLASSES.length);
    // The kernel's own device, which the shared kernel facts declare.
    expect(declared).toContain('kernel');
  });

  it('are described by docs/facts.md, regenerated from them', () => {
    const committed = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/facts.md'), 'utf8');
    expect(committed, 'docs/facts.md is stale: run `fwsnap rules facts -o docs/facts.md`').toBe(factsDoc(CLASS_FACTS));
  });
});
