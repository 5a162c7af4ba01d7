import type { ClassLoader } from '../../load/types.js';
import { kernelLogArtifact } from '../core/kernel-messages.js';
import { recordLineIssues } from '../../load/loader-util.js';
import type { LineIssue } from '../../parsers/text-input.js';
import { kernelLogWriter } from './tables.js';

/** The kernel log into kernel_log, row by row: a log of millions of short lines never becomes one array. */
export const kernelLogLoader: ClassLoader = {
  name: 'kernel-log',
  load(ctx) {
    const log = kernelLogArtifact(ctx);
    if (!log) return;
    const issues: LineIssue[] = [];
    const out = ctx.sink.tables(kernelLogWriter);
    ctx.parse(log.name, log.parser, () => {
      for (const l of log.records(issues)) out.line({ seq: l.seq, usec: l.usec, level: l.level, text: l.text, deviceKey: l.device, artifact: log.name });
    });
    recordLineIssues(ctx, log.name, log.parser, issues);
  },
};
