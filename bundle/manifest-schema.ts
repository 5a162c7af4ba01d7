import { FORMAT_NAME, FORMAT_VERSION, MAX_NAME_BYTES } from './format.js';

/** Longest host path, argv element, device or hostname a manifest may hold (characters). */
export const MAX_PATH_CHARS = 8192;
/** Longest message, reason or other free text a manifest may hold (characters). */
export const MAX_TEXT_CHARS = 16384;
/** Longest identifier (source, class, code, status, version) a manifest may hold (characters). */
export const MAX_ID_CHARS = 256;

const name = { type: 'string', minLength: 1, maxLength: MAX_NAME_BYTES } as const;
const path = { type: 'string', maxLength: MAX_PATH_CHARS } as const;
const text = { type: 'string', maxLength: MAX_TEXT_CHARS } as const;
const id = { type: 'string', maxLength: MAX_ID_CHARS } as const;
const count = { type: 'integer', minimum: 0 } as const;

const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const origin = {
  oneOf: [
    obj({ kind: { enum: ['file', 'link', 'dir'] }, path }),
    obj({ kind: { const: 'cmd' }, argv: { type: 'array', minItems: 1, maxItems: 256, items: path }, stream: { enum: ['stdout', 'stderr'] } }),
    obj({ kind: { const: 'ioctl' }, class: id, device: path, request: id, requestNumber: { type: 'integer' }, what: id }),
    obj({ kind: { const: 'status' }, of: name }),
  ],
};

/** One record of the manifest's artifact list (checked one at a time as the list streams past). */
export const ARTIFACT_RECORD_SCHEMA = obj(
  {
    name,
    source: id,
    origin,
    size: count,
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    truncated: { type: 'boolean' },
    exitStatus: { type: 'integer' },
    replayedFrom: path,
    imported: obj({ path, derived: { type: 'boolean' } }, ['path']),
  },
  ['name', 'source', 'origin', 'size', 'sha256', 'truncated'],
);

/**
 * The JSON Schema of manifest.json, format version 1 (published as docs/manifest.schema.json; a test keeps
 * the two equal). Every object is closed: a field this version does not know makes the manifest invalid,
 * so a writer that adds one must bump the format version. Strings have length caps, checked before any
 * other code touches them.
 */
export const MANIFEST_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: `fwsnap bundle manifest (${FORMAT_NAME}, format version ${FORMAT_VERSION})`,
  ...obj(
    {
      format: { const: FORMAT_NAME },
      formatVersion: { const: FORMAT_VERSION },
      tool: obj({ name: id, version: id }),
      host: obj({
        hostname: path,
        kernelRelease: path,
        machine: path,
        time: id,
        uid: { type: 'integer' },
        root: { type: 'boolean' },
        collectedFrom: { enum: ['host', 'tree', 'import'] },
      }),
      options: obj(
        {
          only: { type: 'array', maxItems: 256, items: id },
          skip: { type: 'array', maxItems: 256, items: id },
          timeoutSeconds: { type: 'number', exclusiveMinimum: 0 },
          includeEeprom: { type: 'boolean' },
          includeGpu: { type: 'boolean' },
          replayTree: { type: 'boolean' },
          redacted: { oneOf: [{ const: false }, obj({ policy: id })] },
          imported: obj({ report: { enum: ['sosreport', 'supportconfig'] }, version: id }, ['report']),
        },
        ['timeoutSeconds', 'includeEeprom', 'replayTree'],
      ),
      sources: {
        type: 'array',
        items: obj(
          {
            name: id,
            status: { enum: ['ok', 'partial', 'failed', 'timed_out', 'skipped'] },
            reason: text,
            durationMs: { type: 'number', minimum: 0 },
            devices: { type: 'object', maxProperties: 1024, propertyNames: { maxLength: MAX_ID_CHARS }, additionalProperties: count },
            artifacts: count,
          },
          ['name', 'status', 'durationMs', 'devices', 'artifacts'],
        ),
      },
      artifacts: { type: 'array', items: ARTIFACT_RECORD_SCHEMA },
      issues: { type: 'array', items: obj({ source: id, target: path, code: id, message: text }) },
      dropped: { type: 'array', items: obj({ name, reason: text }) },
    },
    ['format', 'formatVersion', 'tool', 'host', 'options', 'sources', 'artifacts', 'issues'],
  ),
} as const;

/** Ajv's options for both schemas, the same at run time and in the validators compiled at build time. */
export const AJV_OPTIONS = { allErrors: false, strict: true } as const;
