import { COMMAND_INFO_SIZE, QUERY_CAPACITY, QUERY_HEADER } from './mailbox-uapi.js';

const VARIABLE = 0xffffffff;

/**
 * cxl_mem_commands[] of Linux 6.1 (drivers/cxl/core/mbox.c), indexed by uAPI id: [size_in, size_out]. Index 0
 * (INVALID) and 2 (RAW, without CONFIG_CXL_MEM_RAW_COMMANDS) are empty slots the query answers with id 0. The lab's
 * Debian 6.1 kernel answered exactly this table (test/cxl/fixtures/real/).
 */
export const LINUX_61_COMMANDS: readonly (readonly [number, number] | undefined)[] = [
  undefined, [0, 0x43], undefined, [0, VARIABLE], [0, 0x50], [0, 0x20], [0x8, VARIABLE], [0, 0x12], [0x18, VARIABLE], [0x0a, 0],
  [VARIABLE, 0], [0, 0x10], [0xc, 0], [0, 0x1], [0x1, 0], [0x10, VARIABLE], [0x8, 0], [0x48, 0], [0x10, 0x4], [0x11, 0], [0, VARIABLE],
];

/**
 * The CXL_MEM_QUERY_COMMANDS answer a Linux 6.1 kernel writes into a buffer of `capacity` entries: n_commands as the
 * caller set it, then the table. `flags` gives each id's flags as later kernels set them (6.1: 0).
 */
export function queryAnswer(capacity = QUERY_CAPACITY, flags: (id: number) => number = () => 0): Buffer {
  const b = Buffer.alloc(QUERY_HEADER + COMMAND_INFO_SIZE * capacity);
  b.writeUInt32LE(capacity, 0);
  LINUX_61_COMMANDS.slice(0, capacity).forEach((c, id) => {
    if (!c) return;
    const at = QUERY_HEADER + COMMAND_INFO_SIZE * id;
    b.writeUInt32LE(id, at);
    b.writeUInt32LE(flags(id), at + 4);
    b.writeUInt32LE(c[0], at + 8);
    b.writeUInt32LE(c[1], at + 12);
  });
  return b;
}

export interface FwInfoFields {
  slots: number;
  active: number;
  /** 0 or absent: nothing staged. */
  staged?: number;
  online?: boolean;
  /** slot number → revision (at most 16 ASCII characters). */
  revisions: Record<number, string>;
}

/** A Get FW Info output payload (CXL 3.0 8.2.9.3.1): slots supported, active and staged slot, activation caps, revisions. */
export function fwInfoPayload(o: FwInfoFields): Buffer {
  const b = Buffer.alloc(0x50);
  b[0] = o.slots;
  b[1] = (o.active & 7) | (((o.staged ?? 0) & 7) << 3);
  b[2] = o.online ? 1 : 0;
  for (const [slot, r] of Object.entries(o.revisions)) b.write(r, 0x10 + (Number(slot) - 1) * 0x10, 16, 'latin1');
  return b;
}
