import { guessScheme } from './guess.js';
import { handlerFor } from './schemes.js';
import { sentinelReason } from './sentinels.js';
import { normalizeText } from './text.js';
import { VersionError, type ParsedVersion, type VersionContext, type VersionScheme } from './types.js';

/**
 * Reads a version string under a scheme (guessed from its shape when omitted). Never throws for odd data:
 * blanks, placeholders and strings that do not fit the scheme come back `unknown`, with the reason.
 */
export function parseVersion(raw: string, scheme?: VersionScheme, context: VersionContext = {}): ParsedVersion {
  if (typeof raw !== 'string') throw new VersionError(`parseVersion: version must be a string, got ${typeof raw}`);
  const name = scheme ?? guessScheme(raw);
  const handler = handlerFor(name);
  const contextFields: Record<string, number> = {};
  if (context.pciDeviceId !== undefined) contextFields.pciDeviceId = context.pciDeviceId;
  const text = normalizeText(raw);
  const reason = handler.keepsSentinels ? undefined : sentinelReason(text);
  if (reason) return { raw, scheme: name, unknown: true, unknownReason: reason, parts: [], fields: contextFields };
  const parsed = handler.parse(text, context);
  if (parsed.malformed !== undefined) {
    return {
      raw,
      scheme: name,
      unknown: true,
      unknownReason: 'malformed',
      problem: parsed.malformed,
      parts: [],
      fields: contextFields,
    };
  }
  const result: ParsedVersion = {
    raw,
    scheme: name,
    unknown: false,
    parts: parsed.parts,
    fields: { ...parsed.fields, ...contextFields },
  };
  if (parsed.family !== undefined) result.family = parsed.family;
  return result;
}
