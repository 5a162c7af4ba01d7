import { basename } from 'node:path';
import { pastedMstArgv } from '../../collector/classes/mlx5/pasted.js';
import type { SosCorpusPart } from '../import/sos-corpus-part.js';

const BDF = /^(?:([0-9a-f]{4}):)?([0-9a-f]{2}:[0-9a-f]{2}\.[0-7])$/;

export const mlx5SosCorpus: SosCorpusPart = {
  corpora: [new URL('./fixtures/real/', import.meta.url)],
  tools: ['mstflint', 'flint', 'mstconfig', 'mlxconfig'],
  required: ['mstflint', 'mstconfig'],
  // sos's mellanox_firmware plugin queries each device by its PCI address.
  sosCommand(tool, savedAs) {
    const argv = pastedMstArgv(tool, basename(savedAs));
    const d = argv ? argv.indexOf('-d') : -1;
    const m = d >= 0 ? BDF.exec(argv![d + 1]!) : null;
    if (!m) return undefined;
    const bdf = `${m[1] ?? '0000'}:${m[2]}`;
    const query = tool === 'mstconfig' || tool === 'mlxconfig' ? ['mstconfig', '-d', bdf, '-e', 'q'] : [tool, '-d', bdf, 'q'];
    return { plugin: 'mellanox_firmware', argv: query };
  },
};
