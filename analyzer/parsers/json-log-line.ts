// The decoding lives beside the collector's naming of saved outputs, which reads the same pastes (see collector/pasted-lines.ts).
export { decodeJsonLogLine } from '../../collector/json-log-line.js';
