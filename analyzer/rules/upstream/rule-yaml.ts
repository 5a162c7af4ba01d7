import { Document, isMap, isSeq, visit } from 'yaml';

/**
 * A generated rule file: the header comment lines, then one YAML document per rule. The conditions, the tests'
 * devices and the selection lists are written in flow style so that a generated rule reads like a hand-written one.
 */
export function generatedRulesYaml(head: readonly string[], rules: readonly object[]): string {
  const docs = rules.map((r) => {
    const doc = new Document(r);
    visit(doc, {
      Pair(_, pair) {
        const k = String((pair.key as { value?: unknown } | null)?.value ?? '');
        if (['devices', 'applies_to', 'when'].includes(k) && (isSeq(pair.value) || isMap(pair.value))) {
          for (const item of isSeq(pair.value) ? pair.value.items : [pair.value]) if (isMap(item) || isSeq(item)) item.flow = k !== 'applies_to' || item !== pair.value;
          if (k === 'applies_to' && isMap(pair.value)) for (const p of pair.value.items) if (isSeq(p.value)) p.value.flow = true;
        }
      },
    });
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
  });
  return `${head.join('\n')}\n${docs.join('\n---\n')}\n`;
}
