/**
 * The nodes nvme-cli is run on: Linux's controller and namespace nodes (`nvme0`, `nvme0n1`, `nvme0c1n1`), FreeBSD's
 * namespace node (`nvme0ns1`) and FreeBSD's NVMe disks (`nvd1`, `nda0`), which name no controller.
 */
const NODE_NAME = String.raw`nvme\d+(?:c\d+)?(?:n\d+)?|nvme\d+ns\d+|nvd\d+|nda\d+`;

/** A node's word in a saved name or a command line, with or without `/dev/`. */
export const NODE = new RegExp(String.raw`^(?:\/?dev\/)?(?:${NODE_NAME})$`);
/** A node as nvme-cli's argument. */
export const DEV_NODE = new RegExp(String.raw`^\/dev\/(?:${NODE_NAME})$`);
/** The node nvme-cli's own heading names (`Smart Log for NVME device:nvd1 namespace-id:ffffffff`). */
export const HEADING_NODE = new RegExp(String.raw`for (?:NVME )?device:\s*(${NODE_NAME})\b`, 'gi');
/** Any node named in a text, in any form (`/dev/nvme0n1`, `nvme1`, `device:nvd0`). */
export const NODE_IN_TEXT = /(?:^|[^A-Za-z0-9])(?:nvme|nvd|nda)\d+/;

/**
 * What a node's outputs are stored under: its controller (`nvme0` of `/dev/nvme0n1` and `nvme0ns1`), or the disk
 * itself where the node names no controller (`nvd1`), as smartctl's output of such a node is keyed.
 */
export function controllerOf(node: string): string | undefined {
  const word = node.replace(/^\/?dev\//, '');
  if (!NODE.test(word)) return undefined;
  return /^nvme\d+/.exec(word)?.[0] ?? word;
}
