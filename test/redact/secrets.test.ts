import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { redactBundle } from '../../bundle/redact/redact-bundle.js';
import { verifyBundle } from '../../bundle/verify.js';
import { collect } from '../../collector/collect.js';
import { hexIdNeedles, ipNeedles, searchBundle, stringNeedles, type Hit, type Needle } from './needles.js';
import { plantSecrets, SECRETS } from './secrets-host.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll } from 'vitest';
import { REDACTION } from '../../collector/classes/index.js';

const needles: Needle[] = [
  ...[...SECRETS.mac, ...SECRETS.eui64, ...SECRETS.uuid].flatMap(hexIdNeedles),
  ...[...SECRETS.serial, ...SECRETS.hostname].flatMap(stringNeedles),
  ...SECRETS.ip.flatMap(ipNeedles),
];
const allSecrets = [...SECRETS.mac, ...SECRETS.eui64, ...SECRETS.uuid, ...SECRETS.serial, ...SECRETS.hostname, ...SECRETS.ip];
const summarize = (hits: Hit[]): string[] => [...new Set(hits.map((h) => `${h.secret} in ${h.artifact} (${h.form})`))].sort();

describe('redaction of a fake host seeded with secrets', () => {
  let dir: string;
  let plain: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fwsnap-redact-'));
    const root = await plantSecrets();
    plain = join(dir, 'plain.tar.gz');
    await collect({ output: plain, root, isolation: 'inline' });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every planted secret in the unredacted bundle (the search works)', async () => {
    const found = new Set((await searchBundle(plain, needles)).map((h) => h.secret));
    expect(allSecrets.filter((s) => !found.has(s))).toEqual([]);
  });

  it('fwsnap redact leaves none of them, in any spelling, in any artifact or the manifest', async () => {
    const out = join(dir, 'redacted.tar.gz');
    const r = await redactBundle({ catalog: REDACTION, input: plain, output: out });
    expect(summarize(await searchBundle(out, needles))).toEqual([]);
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(r.manifest.options.redacted).toEqual({ policy: 'fwsnap-redact/1' });
    expect(r.manifest.dropped).toContainEqual(expect.objectContaining({ name: 'ioctl/net/ens2f0/regs.bin' }));
    expect(r.mapPath).toBe(`${out}.redaction-map.json`);
    expect(statSync(r.mapPath).mode & 0o777).toBe(0o600);
    const map = readFileSync(r.mapPath, 'utf8');
    for (const s of ['b8cef64a102e', 'S64HNE0R700123', 'zanzibar-db07', '10.20.30.40']) expect(map).toContain(s);
  });

  it('collect --redact leaves none of them either, in one pass', async () => {
    const out = join(dir, 'collected-redacted.tar.gz');
    const r = await collect({ output: out, root: await plantSecrets(), isolation: 'inline', redact: {} });
    expect(summarize(await searchBundle(out, needles))).toEqual([]);
    expect(r.manifest.options.redacted).toEqual({ policy: 'fwsnap-redact/1' });
    expect(r.mapPath).toBe(`${out}.redaction-map.json`);
    expect(statSync(r.mapPath!).mode & 0o777).toBe(0o600);
  });
});
