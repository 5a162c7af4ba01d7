/** What a controller's generated NQN holds: its PCI vendor and subsystem vendor ids, serial and model. */
export interface GeneratedNqn {
  vid: number;
  ssvid: number;
  serial: string;
  model: string;
}

const GENERATED = /^nqn\.2014\.08\.org\.nvmexpress:([0-9a-f]{4})([0-9a-f]{4})(.+)$/i;

/**
 * A controller that reports no subsystem NQN gets one made of its Identify data (NVMe 1.2.1, the kernel's
 * nvme_init_subnqn): `nqn.2014.08.org.nvmexpress:`, the vendor and subsystem vendor ids as four hex digits each, the
 * serial padded to 20 characters, the model (`…:80868086PHBT9135037D032P    INTEL MEMPEK1J032GAD`). A page that collapsed
 * the padding leaves one space between serial and model. Undefined for any other NQN: a vendor's own says nothing fixed.
 */
export function generatedNqn(nqn: string | undefined): GeneratedNqn | undefined {
  const m = nqn === undefined ? null : GENERATED.exec(nqn.trim());
  if (!m) return undefined;
  const rest = m[3]!;
  const gap = rest.slice(0, 20).search(/\s/);
  const serial = (gap < 0 ? rest.slice(0, 20) : rest.slice(0, gap)).trim();
  const model = (gap < 0 ? rest.slice(20) : rest.slice(gap)).trim();
  return serial && model ? { vid: parseInt(m[1]!, 16), ssvid: parseInt(m[2]!, 16), serial, model } : undefined;
}
