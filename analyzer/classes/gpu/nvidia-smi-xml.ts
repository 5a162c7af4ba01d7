import type { SmiFailure } from './nvidia-smi-failure.js';
import { cleanText } from '../../parsers/text-input.js';
/** What `nvidia-smi -q -x` says per GPU: the leaf elements under <gpu>, by path (`inforom_version/img_version`). */
export interface NvidiaSmiGpu {
  /** The <gpu id="…"> attribute as printed (00000000:01:00.0). */
  id: string;
  /** The PCI address in the kernel's spelling (0000:01:00.0), from pci/pci_bus_id or the id; null when neither parses. */
  bdf: string | null;
  /** First value of each leaf path; "N/A" and empty values are left out. */
  fields: ReadonlyMap<string, string>;
}

export interface ParseIssue {
  line: number;
  text: string;
  message: string;
}

export interface NvidiaSmiLog {
  driverVersion?: string;
  cudaVersion?: string;
  gpus: NvidiaSmiGpu[];
  issues: ParseIssue[];
  /** What nvidia-smi printed instead of output: a GPU it could not open, or the driver not answering. */
  failures?: SmiFailure[];
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<[^>]*>?/g;
const ABSENT = new Set(['', 'N/A', 'n/a', '[N/A]', 'Not Available', 'Requested functionality has been deprecated']);
/** What nvidia-smi prints for the CUDA version where no CUDA driver library is installed (a vGPU host's driver). */
export const NO_CUDA = 'Not Found';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!).trim();
}

/** `00000000:01:00.0` / `0000:01:00.0` / `01:00.0` → `0000:01:00.0`. */
export function kernelBdf(s: string | undefined): string | null {
  const m = /^(?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])$/.exec((s ?? '').trim());
  if (!m) return null;
  const domain = (m[1] ?? '0000').slice(-4);
  return `${domain}:${m[2]}:${m[3]}.${m[4]}`.toLowerCase();
}

/**
 * The document as nvidia-smi printed it, however it was pasted (parsers/text-input.ts), each line where it was. HTML
 * character references are decoded only when no tag is left unescaped (a web page escaped the whole document): a real
 * document's own `&amp;` stays for the reader below.
 */
function unpasted(text: string): string {
  const c = cleanText(text, { document: true, keepEntities: /<nvidia_smi_log\b/.test(text) });
  const lines = new Array<string>(c.lines.at(-1)?.no ?? 0).fill('');
  for (const l of c.lines) lines[l.no - 1] = l.text;
  return lines.join('\n');
}

/**
 * Tolerant reader of `nvidia-smi -q -x` (DTDs nvsmi_device_v4 … v13): a tag that does not close what is open, or text
 * that is not XML, is an issue with its line number, and the rest is still read. Elements unknown to fwsnap are kept as
 * fields by path, so newer DTDs lose nothing.
 */
export function parseNvidiaSmiXml(data: Buffer | string): NvidiaSmiLog {
  const text = unpasted(typeof data === 'string' ? data : data.toString('utf8'));
  const out: NvidiaSmiLog = { gpus: [], issues: [] };
  const stack: string[] = [];
  let gpu: { id: string; fields: Map<string, string> } | undefined;
  let gpuDepth = -1;
  let lastEnd = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (i: number): number => {
    for (; counted < i; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  let pendingText = '';
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const between = text.slice(lastEnd, m.index);
    lastEnd = TOKEN.lastIndex;
    pendingText += between;
    const [whole, close, name, attrs, selfClose] = m;
    if (!name) {
      if (whole.startsWith('<') && !whole.startsWith('<!') && !whole.startsWith('<?')) {
        out.issues.push({ line: lineAt(m.index), text: whole.slice(0, 80), message: 'not an XML tag' });
      }
      continue;
    }
    // A page's elements around the document (GitHub's <details><summary>…</summary>): the log is where nvidia_smi_log opens.
    const root = stack.indexOf('nvidia_smi_log');
    if (!close) {
      if (root >= 0 && stack.length === root + 1 && name === 'gpu') {
        gpu = { id: /\bid\s*=\s*"([^"]*)"/.exec(attrs ?? '')?.[1] ?? '', fields: new Map() };
        gpuDepth = stack.length;
        out.gpus.push({ id: gpu.id, bdf: null, fields: gpu.fields });
      }
      if (!selfClose) stack.push(name);
      pendingText = '';
      continue;
    }
    const open = stack.lastIndexOf(name);
    if (open < 0) {
      out.issues.push({ line: lineAt(m.index), text: whole, message: 'closes an element that is not open' });
      continue;
    }
    if (open !== stack.length - 1) {
      out.issues.push({ line: lineAt(m.index), text: whole, message: `closes ${name} while ${stack.slice(open + 1).join(', ')} is still open` });
    }
    const value = decode(pendingText);
    const path = stack.slice(0, open + 1);
    if (open === stack.length - 1 && !ABSENT.has(value)) {
      if (gpu && path.length > gpuDepth + 1) {
        const key = path.slice(gpuDepth + 1).join('/');
        if (!gpu.fields.has(key)) gpu.fields.set(key, value);
      } else if (root >= 0 && path.length === root + 2) {
        if (name === 'driver_version') out.driverVersion = value;
        else if (name === 'cuda_version' && value !== NO_CUDA) out.cudaVersion = value;
      }
    }
    stack.length = open;
    pendingText = '';
    if (gpu && stack.length <= gpuDepth) gpu = undefined;
  }
  const after = text.slice(lastEnd);
  const tail = after.trim();
  // The line the text starts on, not the one the last tag ends on.
  if (tail) out.issues.push({ line: lineAt(lastEnd + after.length - after.trimStart().length), text: tail.slice(0, 80), message: 'text after the last tag' });
  const open = stack.slice(Math.max(0, stack.indexOf('nvidia_smi_log')));
  if (open.length) out.issues.push({ line: lineAt(text.length), text: '', message: `output ends inside ${open.join('/')} (truncated?)` });
  out.gpus = out.gpus.map((g) => ({ ...g, bdf: kernelBdf(g.fields.get('pci/pci_bus_id')) ?? kernelBdf(g.id) }));
  return out;
}
