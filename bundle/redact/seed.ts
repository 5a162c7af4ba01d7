import { fileArtifactName } from '../format.js';
import type { Redactor } from './redactor.js';

/** Files whose secrets may show up in artifacts collected before the file itself (kernel log, node descriptions). */
const SEED_FILES = [
  '/proc/sys/kernel/hostname',
  '/etc/hostname',
  ...['product_serial', 'board_serial', 'chassis_serial', 'product_uuid', 'board_asset_tag', 'chassis_asset_tag'].map((f) => `/sys/class/dmi/id/${f}`),
  // Model names are kept whole (a host named like its model must not change the model), so learn them first.
  ...['product_name', 'product_version', 'board_name', 'sys_vendor', 'board_vendor', 'bios_version'].map((f) => `/sys/class/dmi/id/${f}`),
];
const SEED_PER_ENTRY: [dir: string, files: string[]][] = [
  ['/sys/class/net', ['address']],
  ['/sys/class/infiniband', ['node_guid', 'sys_image_guid']],
  ['/sys/class/nvme', ['serial', 'model', 'firmware_rev']],
  ['/sys/class/ata_device', ['id']],
  ['/sys/bus/pci/devices', ['config']],
];

/** How the host (or its captured tree) is read: the collector's host reader. */
export interface SeedReader {
  list(path: string): string[];
  readFile(path: string, req: { maxBytes: number }): { data: Buffer; truncated: boolean };
}

const SEED_MAX_BYTES = 65536;

function read(host: SeedReader, hostPath: string): Buffer | undefined {
  try {
    const r = host.readFile(hostPath, { maxBytes: SEED_MAX_BYTES });
    return r.truncated ? undefined : r.data;
  } catch {
    return undefined;
  }
}

/**
 * For `collect --redact`, which redacts in one streaming pass: learns the secrets of a few small, safe
 * files up front (never VPD, whose reads can stall), so that they are replaced even in artifacts written
 * before the file they come from.
 */
export function seedFromRoot(redactor: Redactor, host: SeedReader): void {
  const paths = [...SEED_FILES];
  for (const [dir, files] of SEED_PER_ENTRY) {
    let entries: string[] = [];
    try {
      entries = host.list(dir).sort().slice(0, 4096);
    } catch {
      continue;
    }
    for (const e of entries) for (const f of files) paths.push(`${dir}/${e}/${f}`);
  }
  for (const p of paths) {
    const data = read(host, p);
    if (data) redactor.learn(fileArtifactName(p), { kind: 'file', path: p }, data);
  }
}
