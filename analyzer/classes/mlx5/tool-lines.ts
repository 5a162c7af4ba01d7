import { mstText } from './mst-text.js';
import { toolVersionOf } from './tool-messages.js';

/** One line of an mst tool's output: as printed (`text`), trimmed (`s`), the tool version a `-v` line above it named, and the command line it is the output of. */
export interface ToolLine {
  no: number;
  text: string;
  s: string;
  version?: string;
  command?: string;
}

/** An mst tool's output line by line, its `-v` lines (`mlxconfig, mft 4.22.1-11, built on …`) taken out as versions. */
export function toolLines(text: string): { lines: ToolLine[]; version?: string } {
  const lines: ToolLine[] = [];
  let version: string | undefined;
  for (const l of mstText(text).lines) {
    const s = l.text.trim();
    const named = toolVersionOf(s);
    if (named !== undefined) version = named;
    else lines.push({ no: l.no, text: l.text, s, ...(version !== undefined ? { version } : {}), ...(l.command !== undefined ? { command: l.command } : {}) });
  }
  return { lines, ...(version !== undefined ? { version } : {}) };
}

/** The message of the tool's `-E-` line (`-E- Failed to open device`), undefined for any other line. */
export const toolError = (s: string): string | undefined => (s.startsWith('-E-') ? s.replace(/^-E-\s*/, '') : undefined);
