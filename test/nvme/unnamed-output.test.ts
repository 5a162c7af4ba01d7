/**
 * An nvme-cli log or namespace identify pasted alone names no node (a smart-log's JSON, a fw-log without its
 * `Firmware Log for device:` heading, an id-ns): nothing of it can be stored as a device's, and the refusal says whose
 * output it is and how to name its node. Real outputs of the nvme corpus (their provenance files say where they were
 * published).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, NothingReadError } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = new URL('./fixtures/real/', import.meta.url).pathname;
const cases = [
  { sample: 'smart-log/crusoe-exporter-cli2-json-critical-warning-object.json', sub: 'smart-log', node: 'nvme0', artifact: 'cmd/nvme/smart-log_%2fdev%2fnvme0.out' },
  { sample: 'fw-log/kioxia-1tcrs105-rabbit-three-slots.txt', sub: 'fw-log', node: 'nvme0', artifact: 'cmd/nvme/fw-log_%2fdev%2fnvme0.out' },
  { sample: 'id-ns/samsung-7t68-issue2173-cli2.txt', sub: 'id-ns', node: 'nvme0n1', artifact: 'cmd/nvme/id-ns_%2fdev%2fnvme0n1.out' },
];

describe('an nvme-cli output naming no node, pasted alone', () => {
  it.each(cases)('$sample: refused as nvme $sub\'s, naming no device; read once named as the refusal says', async (c) => {
    const dir = tempDir();
    const pasted = join(dir, 'pasted.txt');
    copyFileSync(join(REAL, c.sample), pasted);
    const refused = await collect({ output: join(dir, 'a.tar.gz'), root: pasted, isolation: 'inline' }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(NothingReadError);
    const named = `nvme ${c.sub} ${c.node}.txt`;
    expect((refused as NothingReadError).reason).toContain(`text holding nvme ${c.sub}'s output, which names no device`);
    expect((refused as NothingReadError).reason).toContain(`(\`nvme ${c.sub} /dev/${c.node}\`)`);
    expect((refused as NothingReadError).reason).toContain(`(\`${named}\`)`);
    const file = join(dir, named);
    copyFileSync(join(REAL, c.sample), file);
    const r = await collect({ output: join(dir, 'b.tar.gz'), root: file, isolation: 'inline' });
    expect(r.manifest.artifacts.map((a) => a.name)).toContain(c.artifact);
  });

  it('an id-ctrl is known by its serial, not refused as naming no device', async () => {
    const dir = tempDir();
    const pasted = join(dir, 'pasted.txt');
    copyFileSync(join(REAL, 'id-ctrl/adata-sx8200pnp-mail-four-lines.txt'), pasted);
    const refused = await collect({ output: join(dir, 'a.tar.gz'), root: pasted, isolation: 'inline' }).then(() => undefined, (e: unknown) => e);
    if (refused !== undefined) expect((refused as NothingReadError).reason).not.toContain('names no device');
  });
});
