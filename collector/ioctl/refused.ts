import type { IoctlCall } from '../source.js';

export class IoctlRefused extends Error {
  constructor(message: string) {
    super(`ioctl refused: ${message}`);
  }
}

export interface AllowPolicy {
  includeEeprom: boolean;
}

/** The pointed-to buffer at `offset`, at least `len` bytes long. */
export function pointerAt(call: IoctlCall, offset: number, len: number, what: string): Buffer {
  const p = call.pointers?.find((x) => x.offset === offset);
  if (!p || p.buffer.length < len) throw new IoctlRefused(`${call.name}: ${what} buffer missing or shorter than ${len} bytes`);
  return p.buffer;
}
