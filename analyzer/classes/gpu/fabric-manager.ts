import { cleanText } from '../../parsers/text-input.js';
import type { ParseIssue } from './nvidia-smi-xml.js';

/** `nv-fabricmanager --version`: one line, "Fabric Manager version is : 450.102.04" (blank lines around it are ignored). */
export interface FabricManagerVersion {
  version?: string;
  issues: ParseIssue[];
}

const LINE = /^Fabric Manager version is\s*:\s*(\S+)$/;

export function parseFabricManagerVersion(text: string): FabricManagerVersion {
  const out: FabricManagerVersion = { issues: [] };
  // As pasted too: colour codes, a prompt, a JSON log line, CRLF (line numbers are the input's).
  cleanText(text).lines.forEach(({ no, text: raw }) => {
    const l = raw.trim();
    const m = LINE.exec(l);
    if (m && out.version === undefined) out.version = m[1]!;
    else out.issues.push({ line: no, text: l, message: m ? 'a second version line' : 'not "Fabric Manager version is : <version>"' });
  });
  return out;
}
