import type { ParseIssue } from './nvidia-smi-xml.js';

/** `nv-fabricmanager --version`: one line, "Fabric Manager version is : 450.102.04" (blank lines around it are ignored). */
export interface FabricManagerVersion {
  version?: string;
  issues: ParseIssue[];
}

const LINE = /^Fabric Manager version is\s*:\s*(\S+)$/;

export function parseFabricManagerVersion(text: string): FabricManagerVersion {
  const out: FabricManagerVersion = { issues: [] };
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (!l) return;
    const m = LINE.exec(l);
    if (m && out.version === undefined) out.version = m[1]!;
    else out.issues.push({ line: i + 1, text: l, message: m ? 'a second version line' : 'not "Fabric Manager version is : <version>"' });
  });
  return out;
}
