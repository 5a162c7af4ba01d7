// NVIDIA/Mellanox ConnectX/BlueField: `MM.mm.ssss`, optionally followed by the PSID in parentheses as
// `ethtool -i` prints it (`%d.%d.%04d (%.16s)`). The major number names the product family, so versions
// of different majors are never ordered.
import { decimal, orderedScheme } from '../../version/index.js';
import { BRANCH_TAG } from './fw-branch.js';

const SHAPE = /^(\d+)\.(\d+)\.(\d+)(?:\s*\(([^()]*)\))?$/;

export const mlx5Scheme = orderedScheme((text) => {
  const m = SHAPE.exec(text);
  const [major, minor, subminor] = [decimal(m?.[1]), decimal(m?.[2]), decimal(m?.[3])];
  // A development branch's tag: ordered by its number among its own branch's tags only.
  const branch = m ? null : BRANCH_TAG.exec(text);
  if (branch) {
    const n = Number(branch[2] ?? branch[3]);
    return { parts: [n], family: `branch-${branch[1]!.replace(/[^\w.-]/g, '-')}`, order: [n] };
  }
  if (!m || major === undefined || minor === undefined || subminor === undefined) {
    return { parts: [], malformed: `not an mlx5 firmware version (MM.mm.ssss [(PSID)]): ${JSON.stringify(text)}` };
  }
  const psid = m[4]?.trim();
  return {
    parts: [major, minor, subminor],
    family: String(major),
    fields: psid ? { psid } : undefined,
    order: [minor, subminor],
  };
});
