import type { SourceContext } from '../../source.js';
import { CXL_READ_COMMANDS } from './ioctls.js';
import { commandUsable, CXL_MEM_COMMAND_ID, memdevNode, queriedCommands, queryCommandsCall, SEND, sendCommandCall } from './mailbox-uapi.js';

/** Artifact names under ioctl/cxl/<memN>/. */
export const MAILBOX_ARTIFACTS = { query: 'query-commands', getFwInfo: 'get-fw-info' } as const;

/**
 * The firmware slots through the memory device's mailbox: CXL_MEM_QUERY_COMMANDS, then Get FW Info when the kernel
 * lets user space send it. sysfs has only the running revision; Get FW Info only reads (CXL 3.0 8.2.9.3.1) and is in
 * the kernel's user-space command table (drivers/cxl/core/mbox.c). The output payload is stored as the device sent
 * it, with the device's return code as the ioctl's status.
 */
export function collectMailbox(ctx: SourceContext, memdev: string): void {
  const path = memdevNode(memdev);
  const query = ctx.ioctl({ class: 'cxl', device: memdev, what: MAILBOX_ARTIFACTS.query, call: queryCommandsCall(path), answer: 'arg' });
  if (!query) return;
  const id = CXL_MEM_COMMAND_ID.getFwInfo;
  if (!commandUsable(queriedCommands(query.data), id)) return;
  const fw = ctx.ioctl({
    class: 'cxl', device: memdev, what: MAILBOX_ARTIFACTS.getFwInfo, call: sendCommandCall(path, id, CXL_READ_COMMANDS.get(id)!.outSize), answer: 0, statusAt: SEND.retval,
  });
  if (fw && fw.rc > 0) {
    ctx.issue(`${memdev}:${MAILBOX_ARTIFACTS.getFwInfo}`, 'CXL_MBOX_STATUS', `device completed Get FW Info with return code 0x${fw.rc.toString(16)}; the stored answer is not valid data`);
  }
}
