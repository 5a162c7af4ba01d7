import { resolve } from 'node:path';
import type { ArtifactRecord } from '../bundle/format.js';
import { checkMapPath, defaultMapPath, loadTokenMap, writeTokenMap } from '../bundle/redact/map-file.js';
import { Redactor } from '../bundle/redact/redactor.js';
import { seedFromRoot, type SeedReader } from '../bundle/redact/seed.js';
import { REDACTION } from './classes/index.js';
import { CollectError } from './collect.js';

export interface RedactOptions {
  /** Token map file (default `<output>.redaction-map.json`); an existing map is extended. */
  mapPath?: string;
  keepBinary?: boolean;
}

/** `collect --redact`: a redactor seeded from the host (or tree) before any artifact is written. */
export function startRedaction(o: RedactOptions, output: string, host: SeedReader, hostname: string) {
  const mapPath = resolve(o.mapPath ?? defaultMapPath(output));
  checkMapPath(mapPath, output);
  const redactor = new Redactor({ catalog: REDACTION, keepBinary: o.keepBinary, tokens: loadTokenMap(mapPath) });
  redactor.learnHostname(hostname);
  seedFromRoot(redactor, host);
  return {
    redactor,
    mapPath,
    /** Paths of the captured tree may name the host or its owner (set as the writer's record filter). */
    redactRecord(r: ArtifactRecord): ArtifactRecord {
      return r.replayedFrom ? { ...r, replayedFrom: redactor.redactString(r.replayedFrom, false) } : r;
    },
    writeMap(): void {
      try {
        writeTokenMap(mapPath, redactor.tokens, { bundle: output });
      } catch (e) {
        throw new CollectError(`${(e as Error).message}; no bundle was written`);
      }
    },
  };
}
