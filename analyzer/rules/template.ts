const PLACEHOLDER = /\{([A-Za-z0-9_.:/-]+)\}/g;

function fill(template: string, values: Record<string, unknown>): { text: string; complete: boolean } {
  let complete = true;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const v = values[name];
    if (v === undefined) {
      complete = false;
      return `{${name}?}`;
    }
    if (v === null || v === '') {
      complete = false;
      return 'unknown';
    }
    return typeof v === 'number' && name.endsWith('_id') ? `0x${v.toString(16).padStart(4, '0')}` : String(v);
  });
  return { text, complete };
}

/**
 * Fills `{name}` and `{a.b.c}` placeholders; a name with no value at all stays visible as `{name?}` so a broken
 * template shows, and a known value the bundle lacks (null or empty: a device with no model) reads `unknown`.
 * A `[[...]]` segment is optional: it is kept (without the brackets) only when every placeholder in it has a value,
 * so a message can mention a setting the bundle may lack.
 */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  return template
    .split(/(\[\[[\s\S]*?\]\])/)
    .map((part) => {
      if (!(part.startsWith('[[') && part.endsWith(']]'))) return fill(part, values).text;
      const r = fill(part.slice(2, -2), values);
      return r.complete ? r.text : '';
    })
    .join('');
}
