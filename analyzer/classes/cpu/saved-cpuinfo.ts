import { cleanText, couldWrapBefore, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { cpuInfoOf, type CpuInfo } from './cpuinfo.js';

export interface SavedCpuinfo {
  cpus: CpuInfo[];
  issues: LineIssue[];
}

const FIELD = /^([A-Za-z][\w ()/-]*?)\s*:\s?(.*)$/;

/**
 * A /proc/cpuinfo a person saved or pasted (`cat /proc/cpuinfo`, or lines of it: `grep microcode /proc/cpuinfo`,
 * `grep -E 'model|microcode'`), through the text layer: a `processor` line opens a CPU's block, and so does a field
 * the block already has (grep's matches of the next CPU, with no `processor` line among them). A line that is no
 * `key : value` is an issue with its number; the CPUs around it are kept. A processor number seen before starts another
 * host's copy (two hosts' files in one paste): one issue at its line, and only the first host's CPUs are read.
 */
export function parseSavedCpuinfo(text: string): SavedCpuinfo {
  const out: SavedCpuinfo = { cpus: [], issues: [] };
  let block: Record<string, string> | undefined;
  const blocks: Record<string, string>[] = [];
  const processors = new Set<string>();
  for (const { no, text: line } of cleanText(text).lines) {
    const m = FIELD.exec(line.trim());
    if (!m) {
      if (line.trim() !== '') out.issues.push({ line: no, text: line.trim(), message: 'not a /proc/cpuinfo "key : value" line' });
      continue;
    }
    const [, key, value] = m as unknown as [string, string, string];
    // A processor number again (`processor : 0` after 0–7): another host's copy pasted below, not more of this one's.
    if (key === 'processor' && processors.has(value.trim())) {
      out.issues.push({ line: no, text: line.trim(), message: `processor ${value.trim()} again: another host's /proc/cpuinfo from here on, not read with the first` });
      break;
    }
    if (key === 'processor') processors.add(value.trim());
    if (!block || key === 'processor' || key in block) blocks.push((block = {}));
    block[key] = value.trim();
  }
  blocks.forEach((fields, i) => {
    // grep's lines name no processor: the n-th block is the n-th CPU.
    const cpu = cpuInfoOf(fields.processor === undefined ? { processor: String(i), ...fields } : fields);
    if (cpu) out.cpus.push(cpu);
  });
  return out;
}

/** lscpu's `Key: value` lines the cpu facts need (util-linux 2.2x and later). */
const LSCPU_FIELDS: Record<string, string> = {
  Architecture: 'architecture', 'Vendor ID': 'vendor_id', 'CPU family': 'cpu family', Model: 'model', Stepping: 'stepping', 'Model name': 'model name',
  'BIOS Model name': 'bios model name', Flags: 'flags',
};

/**
 * lscpu on ARM: `Model` is the core's revision and `Stepping` its variant (`r3p1` for Arm's own cores, `0x1` for
 * others'), `Vendor ID` the implementer's name (its hex id where lscpu knows no name); cpuinfo's ARM lines say so,
 * and no x86 model or stepping is left to be taken for one.
 */
function armFieldsOf(fields: Record<string, string>): boolean {
  const rp = /^r(\d+)p(\d+)$/.exec(fields.stepping ?? '');
  if (!rp && !/^(?:aarch64|arm)/i.test(fields.architecture ?? '')) return false;
  if (rp) [fields['CPU variant'], fields['CPU revision']] = [rp[1]!, rp[2]!];
  else if (fields.stepping !== undefined) fields['CPU variant'] = fields.stepping;
  if (fields['CPU revision'] === undefined && fields.model !== undefined) fields['CPU revision'] = fields.model;
  if (fields.vendor_id !== undefined && /^0x[0-9a-f]+$/i.test(fields.vendor_id)) fields['CPU implementer'] = fields.vendor_id;
  delete fields.model;
  delete fields.stepping;
  return true;
}

export interface Lscpu {
  /** What lscpu says of the processors, in cpuinfo's terms (one CPU, processor 0). */
  cpu?: CpuInfo;
  hypervisor?: boolean;
  issues: LineIssue[];
}

/**
 * A saved `lscpu` output (util-linux's flat layout, or 2.38's tree of indented sections): its family, model, stepping,
 * vendor and name (and the BIOS's name of it), ARM's variant and revision, and whether it names a hypervisor. A line lscpu wrapped (`Flags:` and the vulnerabilities, indented
 * under their value) continues the field above it, and so does the rest of a line a mail client broke at a space (at the
 * margin, right under a line it could have wrapped); another line with no `Key:` is an issue.
 */
export function parseLscpu(text: string): Lscpu {
  const out: Lscpu = { issues: [] };
  const fields: Record<string, string> = { processor: '0' };
  let hypervisor: boolean | undefined;
  let last: string | undefined;
  // The line read just before, a field or its continuation: a mail client's wrap of it continues it at the margin.
  let previous: TextLine | undefined;
  for (const l of cleanText(text).lines) {
    const { no, text: line } = l;
    const i = line.indexOf(':');
    if (i <= 0) {
      // lscpu breaks a long value at the terminal's width, mid-word, and indents the rest under it.
      if (last !== undefined && /^\s/.test(line)) {
        if (last === 'flags' && fields.flags !== undefined) fields.flags += line.trim();
        previous = l;
        continue;
      }
      // A mail client breaks a long line at a space and puts the rest at the margin (`Flags: … crc32` / `atomics fphp …`):
      // lscpu prints no line without a key there.
      if (last !== undefined && previous?.no === no - 1 && /^\S/.test(line) && couldWrapBefore(previous.text, line)) {
        if (last === 'flags' && fields.flags !== undefined) fields.flags += ` ${line.trim()}`;
        previous = l;
        continue;
      }
      if (line.trim() !== '') out.issues.push({ line: no, text: line.trim(), message: 'not an lscpu "Key: value" line' });
      previous = undefined;
      continue;
    }
    previous = l;
    const key = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (key === 'Hypervisor vendor') hypervisor = true;
    const own = LSCPU_FIELDS[key];
    last = own ?? key;
    // `Model name: -`: lscpu knows no name for a cluster's cores.
    if (own !== undefined && fields[own] === undefined && !(own === 'model name' && value === '-')) fields[own] = value;
  }
  const arm = armFieldsOf(fields);
  if (Object.keys(fields).some((k) => k !== 'processor' && k !== 'architecture')) {
    const cpu = cpuInfoOf(fields);
    if (cpu) out.cpu = cpu;
    // ARM's flags have no hypervisor flag: only a Hypervisor vendor line tells there.
    out.hypervisor = hypervisor ?? (fields.flags !== undefined && !arm ? /(?:^|\s)hypervisor(?:\s|$)/.test(fields.flags) : undefined);
  }
  return out;
}
