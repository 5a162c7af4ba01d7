import type { IoctlCall } from '../../source.js';

/**
 * The CXL memory-device mailbox ioctls (include/uapi/linux/cxl_mem.h), sent to /dev/cxl/memN.
 * _IOR(0xCE, 1, struct cxl_mem_query_commands): 8 bytes (n_commands, rsvd) followed by the caller's array.
 */
export const CXL_MEM_QUERY_COMMANDS = 0x8008ce01;
/** _IOWR(0xCE, 2, struct cxl_send_command), 48 bytes. */
export const CXL_MEM_SEND_COMMAND = 0xc030ce02;

/** struct cxl_mem_query_commands: n_commands @0, rsvd @4, then struct cxl_command_info (16 bytes) per command. */
export const QUERY_HEADER = 8;
export const COMMAND_INFO_SIZE = 16;
/**
 * Entries asked for: more than any kernel's command table (21 ids in Linux 6.1). The kernel fills min(asked, table)
 * entries in table order; ids it leaves out of its table (RAW when CONFIG_CXL_MEM_RAW_COMMANDS is off) come back as 0.
 */
export const QUERY_CAPACITY = 64;

/** struct cxl_send_command offsets. */
export const SEND = {
  id: 0,
  flags: 4,
  raw: 8,
  retval: 12,
  inSize: 16,
  inRsvd: 20,
  inPayload: 24,
  outSize: 32,
  outRsvd: 36,
  outPayload: 40,
} as const;
export const SEND_COMMAND_SIZE = 48;

/** enum CXL_CMDS of cxl_mem.h: the position in the list is the id. */
export const CXL_MEM_COMMAND_ID = { identify: 1, raw: 2, getFwInfo: 4 } as const;
/** cxl_mem_commands[] in drivers/cxl/core/mbox.c: CXL_CMD(GET_FW_INFO, 0, 0x50, 0). */
export const GET_FW_INFO_SIZE = 0x50;

/** struct cxl_command_info flags, set by kernels after 6.1 (6.1 leaves 0). */
export const COMMAND_FLAG_ENABLED = 1;
export const COMMAND_FLAG_EXCLUSIVE = 2;

export const memdevNode = (memdev: string): string => `/dev/cxl/${memdev}`;

/** CXL_MEM_QUERY_COMMANDS with room for `capacity` entries; the answer is the argument itself. */
export function queryCommandsCall(path: string, capacity = QUERY_CAPACITY): IoctlCall {
  const arg = Buffer.alloc(QUERY_HEADER + COMMAND_INFO_SIZE * capacity);
  arg.writeUInt32LE(capacity, 0);
  return { target: { kind: 'path', path }, name: 'CXL_MEM_QUERY_COMMANDS', request: CXL_MEM_QUERY_COMMANDS, arg };
}

/** CXL_MEM_SEND_COMMAND of a command without input payload; pointers[0] receives the output payload. */
export function sendCommandCall(path: string, id: number, outSize: number): IoctlCall {
  const arg = Buffer.alloc(SEND_COMMAND_SIZE);
  arg.writeUInt32LE(id, SEND.id);
  arg.writeUInt32LE(outSize, SEND.outSize);
  return {
    target: { kind: 'path', path },
    name: 'CXL_MEM_SEND_COMMAND',
    request: CXL_MEM_SEND_COMMAND,
    arg,
    pointers: [{ offset: SEND.outPayload, buffer: Buffer.alloc(outSize) }],
  };
}

export interface CommandInfo {
  id: number;
  flags: number;
  sizeIn: number;
  sizeOut: number;
}

/** The entries of a CXL_MEM_QUERY_COMMANDS answer, without the zero ids of table slots the kernel left empty. */
export function queriedCommands(answer: Buffer): CommandInfo[] {
  const out: CommandInfo[] = [];
  for (let at = QUERY_HEADER; at + COMMAND_INFO_SIZE <= answer.length; at += COMMAND_INFO_SIZE) {
    const id = answer.readUInt32LE(at);
    if (id !== 0) out.push({ id, flags: answer.readUInt32LE(at + 4), sizeIn: answer.readUInt32LE(at + 8), sizeOut: answer.readUInt32LE(at + 12) });
  }
  return out;
}

/**
 * Whether the kernel lets user space send `id`: it is in the queried table, and, when the kernel reports
 * enablement (any entry flagged enabled; IDENTIFY always is), enabled for this device and not claimed by the kernel.
 */
export function commandUsable(commands: readonly CommandInfo[], id: number): boolean {
  const c = commands.find((x) => x.id === id);
  if (!c) return false;
  if ((c.flags & COMMAND_FLAG_EXCLUSIVE) !== 0) return false;
  const reportsEnabled = commands.some((x) => (x.flags & COMMAND_FLAG_ENABLED) !== 0);
  return !reportsEnabled || (c.flags & COMMAND_FLAG_ENABLED) !== 0;
}
