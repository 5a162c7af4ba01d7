import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import { AJV_OPTIONS, ARTIFACT_RECORD_SCHEMA, MANIFEST_SCHEMA } from './manifest-schema.js';

export type Validators = { manifest: ValidateFunction; record: ValidateFunction };

/**
 * The schema checks compiled at build time (scripts/manifest-validators.mjs, beside this module in dist/),
 * or compiled here when that file is absent (the tests' TypeScript, an esbuild bundle elsewhere). The
 * single-file executable replaces this module (scripts/build-collector.mjs): it has no import.meta.url.
 */
export function loadValidators(): Validators {
  const require = createRequire(import.meta.url);
  try {
    return require('./manifest-schema.compiled.cjs') as Validators;
  } catch {
    const { Ajv } = require('ajv') as { Ajv: new (o: typeof AJV_OPTIONS) => AjvClass };
    const ajv = new Ajv(AJV_OPTIONS);
    return { manifest: ajv.compile(MANIFEST_SCHEMA), record: ajv.compile(ARTIFACT_RECORD_SCHEMA) };
  }
}
