import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

/** A hex dump as sg3_utils and openSeaChest print them (offsets absent), as bytes. */
export const hexBytes = (text: string): Buffer => Buffer.from(text.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex');

export interface VpdSample {
  name: string;
  bytes: Buffer;
  truth: Record<string, unknown>;
}

/** Every VPD page sample of the corpus with the truth its provenance file records. */
export function vpdSamples(page: 'pg80' | 'pg83'): VpdSample[] {
  return readdirSync(REAL)
    .filter((f) => f.startsWith(`vpd-${page}-`) && f.endsWith('.hex'))
    .map((f) => {
      const name = f.slice(0, -'.hex'.length);
      const provenance = parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { truth: Record<string, unknown> };
      return { name, bytes: hexBytes(readFileSync(`${REAL}${f}`, 'utf8')), truth: provenance.truth };
    });
}
