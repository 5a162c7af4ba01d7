import type { IoctlCall, IoctlOutcome } from '../source.js';

/** Performs ioctls. The real one goes through koffi; tests inject fakes that check the exact bytes sent. */
export interface IoctlTransport {
  call(call: IoctlCall): IoctlOutcome;
  close?(): void;
}
