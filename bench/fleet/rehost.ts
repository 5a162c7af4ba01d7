import { readBundle } from '../../bundle/reader.js';
import { BundleWriter } from '../../bundle/writer.js';

/** Every occurrence of `from` in `data` replaced by `to` (same length in bytes: offsets in binary artifacts stay put). */
function replaceAll(data: Buffer, from: Buffer, to: Buffer): Buffer {
  let at = data.indexOf(from);
  if (at < 0) return data;
  const out = Buffer.from(data);
  for (; at >= 0; at = out.indexOf(from, at + from.length)) to.copy(out, at);
  return out;
}

/**
 * The bundle host `hostname` would give if it were collected from the same tree as `base` but for its name:
 * `base` read back and written again by the bundle writer (sizes and sha256 computed anew), the old hostname
 * replaced in every artifact and in the manifest's host facts. Names must have the same length (the fleet's
 * node-NNNNN), so that binary artifacts keep their layout.
 */
export async function rehostBundle(base: string, from: string, hostname: string, output: string): Promise<void> {
  if (Buffer.byteLength(from) !== Buffer.byteLength(hostname)) throw new Error(`hostnames of different lengths: ${from}, ${hostname}`);
  const entries = new Map<string, Buffer>();
  const read = await readBundle(base, (e) => void entries.set(e.name, e.data));
  if (!read.manifest || read.problems.length) throw new Error(`${base}: not a sound bundle (${read.problems.map((p) => p.kind).join(', ') || 'no manifest'})`);
  const { artifacts, ...head } = read.manifest;
  if (head.host.hostname !== from) throw new Error(`${base} is the bundle of ${head.host.hostname}, not ${from}`);
  const [oldName, newName] = [Buffer.from(from), Buffer.from(hostname)];
  const writer = new BundleWriter(output);
  try {
    for (const { size: _size, sha256: _sha256, ...record } of artifacts) {
      const data = entries.get(record.name);
      if (!data) throw new Error(`${base}: ${record.name} is listed but missing`);
      await writer.add(record, replaceAll(data, oldName, newName));
    }
    await writer.finish({ ...head, host: { ...head.host, hostname } });
  } catch (e) {
    await writer.abort();
    throw e;
  }
}
