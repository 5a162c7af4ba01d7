import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { looksLikeReport } from '../../collector/import/detect.js';
import { tempDir } from '../helpers/tmp.js';
import { packReport, sosMarkers, writeReport } from './report-builder.js';

describe('analyze tells a report from a bundle', () => {
  it('by its layout and compression, never by its name', async () => {
    const dir = tempDir();
    const sos = writeReport(dir, 'sosreport-h-2026-12-01-x', { ...sosMarkers('4.0'), 'sos_commands/pci/lspci_-nnvv': '00:00.0 Host bridge [0600]: x\n' });
    const scc = writeReport(dir, 'scc_h_261201_1130', { 'basic-environment.txt': '', 'hardware.txt': '' });
    expect(await looksLikeReport(sos)).toBe(true);
    expect(await looksLikeReport(scc)).toBe(true);
    expect(await looksLikeReport(packReport(dir, 'sosreport-h-2026-12-01-x', 'gzip', join(dir, 'bundle-looking-name.tar.gz')))).toBe(true);
    expect(await looksLikeReport(packReport(dir, 'scc_h_261201_1130', 'xz', join(dir, 's.txz')))).toBe(true);
    expect(await looksLikeReport(packReport(dir, 'scc_h_261201_1130', 'bzip2', join(dir, 's.tbz')))).toBe(true);

    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'proc'), { recursive: true });
    writeFileSync(join(tree, 'proc/cmdline'), 'quiet\n');
    const bundle = join(dir, 'sosreport-named.tar.gz');
    await collect({ output: bundle, root: tree, isolation: 'inline', only: ['platform'] });
    expect(await looksLikeReport(bundle)).toBe(false);
    expect(await looksLikeReport(tree)).toBe(false);
    expect(await looksLikeReport(join(dir, 'missing'))).toBe(false);
  });
});
