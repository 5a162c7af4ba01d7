import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textId } from '../../../analyzer/db/text-ids.js';

// A text's id (analyzer/db/text-ids.ts) is by definition the first 64 bits of its sha256 as a signed number, shifted right by
// 11. Databases written by earlier builds hold such ids, so the computation may get faster but never different.
const defined = (...parts: string[]): number => Number(createHash('sha256').update(parts.join('\0')).digest().readBigInt64BE(0) >> 11n);

describe('textId', () => {
  it('is the first 64 bits of the sha256 of the parts joined by NUL, shifted right by 11, for any parts', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 3 }), (parts) => textId(...parts) === defined(...parts)), { numRuns: 2000 });
  });

  it('gives the ids earlier builds stored, negative ones included', () => {
    expect(textId('dev/kmsg')).toBe(defined('dev/kmsg'));
    const ids = Array.from({ length: 64 }, (_, i) => textId(`line ${i}`));
    expect(ids.some((id) => id < 0) && ids.some((id) => id > 0)).toBe(true);
    for (const id of ids) expect(Number.isSafeInteger(id) && Math.abs(id) < 2 ** 52).toBe(true);
    expect(textId('namespace', 'key', 'mode')).toBe(defined('namespace\0key\0mode'));
  });
});
