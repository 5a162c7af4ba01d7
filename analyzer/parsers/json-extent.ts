import { jsonSteps } from './json-scan.js';

/**
 * The index of the bracket that closes the JSON object or array opening at `start` (the bracket), strings and their
 * escapes skipped; -1 when the text ends first (a cut output).
 */
export function jsonValueEnd(text: string, start: number): number {
  for (const step of jsonSteps(text, start)) {
    if ((step.char === '}' || step.char === ']') && step.open === '') return step.at;
  }
  return -1;
}
