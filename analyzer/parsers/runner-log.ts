// The prefixes are undone by one module for the analyzer and the collector's naming of saved outputs (see collector/pasted-lines.ts).
export { loggedLines, unwrapLinePrefixes, unwrapRunnerLog } from '../../collector/log-line-prefixes.js';
