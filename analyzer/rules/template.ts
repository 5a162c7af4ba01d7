/** Fills `{name}` and `{a.b.c}` placeholders; unknown names stay visible as `{name?}` so a broken template shows. */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([A-Za-z0-9_.:/-]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === null) return `{${name}?}`;
    return typeof v === 'number' && name.endsWith('_id') ? `0x${v.toString(16).padStart(4, '0')}` : String(v);
  });
}
