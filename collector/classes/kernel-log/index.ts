import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { savedDmesgArgv } from './saved.js';
import { dmesgShape } from './output-shape.js';
import { source } from './source.js';

/** dmesg where /dev/kmsg cannot be read; never an option that clears the buffer or changes the console. */
const DMESG_WRITES = ['-c', '-C', '--clear', '--read-clear', '-n', '--console-level', '-D', '-E', '--console-off', '--console-on'];

export const kernelLog: CollectorClass = { name: 'kernel-log', imports, sources: [source], commands: { dmesg: { run: (a) => !a.some((w) => DMESG_WRITES.includes(w)), saved: (n) => savedDmesgArgv(n) !== undefined, shape: dmesgShape } } };
