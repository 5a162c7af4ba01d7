import type { ClassRedaction } from '../../../bundle/redact/layout.js';

/** /proc/cpuinfo is full of dotted numbers (bogomips, versions) and holds no address. */
export const redaction: ClassRedaction = { noIps: [/^proc\/cpuinfo$/] };
