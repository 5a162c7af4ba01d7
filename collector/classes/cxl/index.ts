import type { CollectorClass } from '../../source.js';
import { ioctls } from './ioctls.js';
import { redaction } from './redaction.js';
import { source } from './source.js';

const CXL_LIST_FLAGS = new Set(['-M', '-F', '-H', '-I', '-i', '-u']);

/**
 * ndctl's cxl is never run: libcxl writes /sys/bus/cxl/flush while it walks the ports, and -vvv lists media
 * errors (writing trigger_poison_list) from ndctl v80. A saved listing of memory devices is read.
 */
export const cxl: CollectorClass = {
  name: 'cxl', sources: [source], redaction, ioctls,
  commands: { cxl: { replay: (a) => a[0] === 'list' && a.length > 1 && a.slice(1).every((w) => CXL_LIST_FLAGS.has(w)) && new Set(a).size === a.length } },
};
