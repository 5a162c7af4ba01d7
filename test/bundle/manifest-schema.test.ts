import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA } from '../../bundle/manifest-schema.js';

describe('docs/manifest.schema.json', () => {
  it('is the schema the reader enforces (regenerate it from bundle/manifest-schema.ts when this fails)', () => {
    expect(JSON.parse(readFileSync('docs/manifest.schema.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(MANIFEST_SCHEMA)));
  });
});
