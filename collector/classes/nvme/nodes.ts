/**
 * The nodes nvme-cli is run on: Linux's controller and namespace nodes (`nvme0`, `nvme0n1`, a partition `nvme0n1p3`,
 * a multipath path `nvme0c1n1`, the generic character node `ng0n1`), FreeBSD's namespace node (`nvme0ns1`) and
 * FreeBSD's NVMe disks (`nvd1`, `nda0`), which name no controller.
 */
const NODE_NAME = String.raw`nvme\d+(?:c\d+)?(?:n\d+(?:p\d+)?)?|ng\d+n\d+|nvme\d+ns\d+|nvd\d+|nda\d+`;

/**
 * The link udev makes to an NVMe namespace by its model and serial (`disk/by-id/nvme-<model>_<serial>`, with `_<nsid>`
 * after it from systemd 254, `-part<n>` for a partition) or by its world wide name (`nvme-eui.…`), which nvme-cli opens
 * as it opens the node.
 */
const LINK_NAME = String.raw`disk\/by-id\/nvme-[^/]+`;
/** A node's word in a saved name or a command line, with or without `/dev/`, or the by-id link to one. */
export const NODE = new RegExp(String.raw`^(?:\/?dev\/)?(?:${NODE_NAME})$|^\/?dev\/${LINK_NAME}$`);
/** A node as nvme-cli's argument. */
export const DEV_NODE = new RegExp(String.raw`^\/dev\/(?:${NODE_NAME}|${LINK_NAME})$`);
/** The node nvme-cli's own heading names (`Smart Log for NVME device:nvd1 namespace-id:ffffffff`). */
export const HEADING_NODE = new RegExp(String.raw`for (?:NVME )?device:\s*(${NODE_NAME})\b`, 'gi');
/** Any node named in a text, in any form (`/dev/nvme0n1`, `nvme1`, `device:nvd0`, `/dev/ng1n1`). */
export const NODE_IN_TEXT = /(?:^|[^A-Za-z0-9])(?:nvme|nvd|nda|ng(?=\d+n\d))\d+/;

/** The parts of a Linux node: `nvme<subsystem or controller>[c<controller>][n<namespace>[p<partition>]]`, `ng<ctrl>n<ns>`. */
const LINUX_NODE = /^(?:nvme|ng)(\d+)(?:c(\d+))?(?:n\d+(?:p\d+)?|ns\d+)?$/;

/**
 * The controller a node reaches, which its outputs are stored under: `nvme0` of `nvme0`, `nvme0n1`, `nvme0n1p3`, `ng0n1`
 * and FreeBSD's `nvme0ns1`; `nvme1` of the multipath path `nvme0c1n1` (the kernel names it subsystem 0, controller 1,
 * namespace 1); the disk itself where the node names no controller (`nvd1`), as smartctl's output of such a node is keyed,
 * and the link itself (`disk/by-id/nvme-…`), whose drive the loader names by its serial.
 * The one place the nvme class maps a node to its controller.
 */
export function controllerOf(node: string): string | undefined {
  const word = node.replace(/^\/?dev\//, '');
  if (!NODE.test(word) && !NODE.test(`/dev/${word}`)) return undefined;
  const m = LINUX_NODE.exec(word);
  return m ? `nvme${m[2] ?? m[1]}` : word;
}
