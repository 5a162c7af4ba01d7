import { FORMAT_NAME, FORMAT_VERSION, type ArtifactOrigin, type Manifest } from '../../bundle/format.js';
import { BundleWriter } from '../../bundle/writer.js';

export interface FakeArtifact {
  name: string;
  data: Buffer | string;
  origin?: ArtifactOrigin;
  source?: string;
}

/** Writes a bundle with the given artifacts (origins default to mirrored files). */
export async function writeBundle(path: string, artifacts: FakeArtifact[], patch: Partial<Manifest> = {}): Promise<Manifest> {
  const w = new BundleWriter(path);
  for (const a of artifacts) {
    await w.add(
      { name: a.name, source: a.source ?? 'test', origin: a.origin ?? { kind: 'file', path: `/${a.name}` }, truncated: false },
      typeof a.data === 'string' ? Buffer.from(a.data) : a.data,
    );
  }
  return w.finish({ ...testManifest(), ...patch });
}

/** A manifest's fields but its artifact list, as a test's bundle states them. */
export function testManifest(): Omit<Manifest, 'artifacts'> {
  return {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    tool: { name: 'fwsnap', version: 'test' },
    host: { hostname: 'testhost', kernelRelease: '6.1.0-test', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom: 'tree' },
    options: { timeoutSeconds: 10, includeEeprom: false, replayTree: true },
    sources: [],
    issues: [],
  };
}
