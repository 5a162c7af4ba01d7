import type { Source, SourceContext } from '../../source.js';
import { savedDmesgArgv } from './saved.js';
import { replaySavedOutputs, type SavedReplay } from '../../replay-saved.js';

export const KERNEL_LOG_MAX = 4 * 1024 * 1024;
export const DMESG_ARGV = ['dmesg', '--raw'];

/** A captured tree's saved dmesg outputs, however named (saved.ts). */
const SAVED_DMESG: SavedReplay = {
  tool: 'dmesg',
  argvOf: savedDmesgArgv,
  unknownWhy: 'saved dmesg output: the name says an option that does not print the whole log (a filter, a clear), or no dmesg option',
  maxBytes: KERNEL_LOG_MAX,
};

/** /dev/kmsg read without consuming (never /proc/kmsg); dmesg only when /dev/kmsg cannot be read. */
function collectKernelLog(ctx: SourceContext): void {
  const log = ctx.exists('/dev/kmsg') ? ctx.collectFile('/dev/kmsg', { maxBytes: KERNEL_LOG_MAX, tail: true, records: true }) : undefined;
  if (log !== undefined) return;
  if (!ctx.hasCommand('dmesg')) {
    // A captured tree (collect --root, and every import) runs nothing: say what the tree lacks. An imported
    // report's plain dmesg text is stored by the import itself (cmd/dmesg/_.out or -T.out) and read by the analyzer.
    ctx.skip(ctx.replay ? 'the captured tree holds neither dev/kmsg nor a saved dmesg output (cmd/dmesg/, or dmesg.txt at its top)' : '/dev/kmsg cannot be read and dmesg is not installed');
  }
  if (ctx.replay && replaySavedOutputs(ctx, SAVED_DMESG) > 0) return;
  ctx.runCommand(DMESG_ARGV, { maxBytes: KERNEL_LOG_MAX });
}

export const source: Source = {
  name: 'kernel-log',
  description: 'the kernel log (/dev/kmsg, or dmesg --raw where it cannot be read)',
  collect(ctx) {
    collectKernelLog(ctx);
  },
};
