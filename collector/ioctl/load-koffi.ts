import { createRequire } from 'node:module';
import type { Koffi } from './native-memory.js';

/** koffi, loaded on first use (its native part costs start-up time). The single-file build replaces this module. */
export function loadKoffi(): Koffi {
  return createRequire(import.meta.url)('koffi') as Koffi;
}
