import { IoctlRefused, pointerAt } from '../../ioctl/refused.js';
import type { IoctlCall, IoctlPolicies } from '../../source.js';
import {
  COMMAND_INFO_SIZE, CXL_MEM_COMMAND_ID, CXL_MEM_QUERY_COMMANDS, CXL_MEM_SEND_COMMAND, GET_FW_INFO_SIZE, QUERY_HEADER, SEND, SEND_COMMAND_SIZE,
} from './mailbox-uapi.js';

/**
 * Mailbox commands fwsnap sends, by uAPI id, with the exact output size the kernel's table gives them; none takes
 * input. Get FW Info (CXL 3.0 8.2.9.3.1, opcode 0200h) only reports the slots. RAW (id 2) is never sent.
 */
export const CXL_READ_COMMANDS: ReadonlyMap<number, { name: string; outSize: number }> = new Map([
  [CXL_MEM_COMMAND_ID.getFwInfo, { name: 'Get FW Info', outSize: GET_FW_INFO_SIZE }],
]);
/** Query answers larger than this are refused (the kernel's table has 21 to 30-odd ids). */
const MAX_QUERIED = 256;
const MEMDEV_NODE = /^\/dev\/cxl\/mem\d+$/;

function memdevTarget(call: IoctlCall): void {
  if (call.target.kind !== 'path' || !MEMDEV_NODE.test(call.target.path)) throw new IoctlRefused(`${call.name} needs a /dev/cxl/memN device`);
}

/** struct cxl_mem_query_commands with room for the n_commands it asks for; the kernel only writes into it. */
function checkQuery(call: IoctlCall): void {
  memdevTarget(call);
  if (call.arg.length < QUERY_HEADER) throw new IoctlRefused('cxl_mem_query_commands is at least 8 bytes');
  const n = call.arg.readUInt32LE(0);
  if (n === 0 || n > MAX_QUERIED || call.arg.length !== QUERY_HEADER + COMMAND_INFO_SIZE * n) {
    throw new IoctlRefused(`cxl_mem_query_commands must hold exactly the 1–${MAX_QUERIED} entries it asks for`);
  }
  if (call.arg.readUInt32LE(4) !== 0) throw new IoctlRefused('cxl_mem_query_commands rsvd must be 0');
  if (call.pointers?.length) throw new IoctlRefused('cxl_mem_query_commands carries no pointer');
}

/** struct cxl_send_command of a read-only command: no input, no flags, one output buffer of the command's size. */
function checkSend(call: IoctlCall): void {
  memdevTarget(call);
  const a = call.arg;
  if (a.length !== SEND_COMMAND_SIZE) throw new IoctlRefused(`cxl_send_command must be ${SEND_COMMAND_SIZE} bytes`);
  const id = a.readUInt32LE(SEND.id);
  const command = CXL_READ_COMMANDS.get(id);
  if (!command) throw new IoctlRefused(`CXL mailbox command id ${id} is not read-only`);
  for (const [field, at] of [['flags', SEND.flags], ['raw', SEND.raw], ['retval', SEND.retval], ['in.size', SEND.inSize], ['in.rsvd', SEND.inRsvd], ['out.rsvd', SEND.outRsvd]] as const) {
    if (a.readUInt32LE(at) !== 0) throw new IoctlRefused(`cxl_send_command ${field} must be 0`);
  }
  if (a.readBigUInt64LE(SEND.inPayload) !== 0n || a.readBigUInt64LE(SEND.outPayload) !== 0n) throw new IoctlRefused('cxl_send_command payload pointers are left for the transport');
  const outSize = a.readUInt32LE(SEND.outSize);
  if (outSize !== command.outSize) throw new IoctlRefused(`${command.name} answers ${command.outSize} bytes, not ${outSize}`);
  if (call.pointers?.length !== 1) throw new IoctlRefused('cxl_send_command needs exactly the output buffer');
  pointerAt(call, SEND.outPayload, outSize, 'out.payload');
}

/** The CXL memory-device mailbox: the command query, and sending the read-only commands above. */
export const ioctls: IoctlPolicies = {
  CXL_MEM_QUERY_COMMANDS: { request: CXL_MEM_QUERY_COMMANDS, check: checkQuery },
  CXL_MEM_SEND_COMMAND: { request: CXL_MEM_SEND_COMMAND, check: checkSend },
};
