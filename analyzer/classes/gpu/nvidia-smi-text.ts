import { besideFailure, smiFailure } from './nvidia-smi-failure.js';
import { cleanText, looksLikeProse } from '../../parsers/text-input.js';
import { kernelBdf, NO_CUDA, type NvidiaSmiGpu, type NvidiaSmiLog } from './nvidia-smi-xml.js';

const ABSENT = new Set(['', 'N/A', 'n/a', '[N/A]', 'Not Available', 'Requested functionality has been deprecated', 'None']);
/** `nvidia-smi -q` label (under its section) → the `nvidia-smi -q -x` element path, so both forms give the same fields. */
const PATHS: Record<string, string> = {
  'Product Name': 'product_name',
  'Product Brand': 'product_brand',
  'Product Architecture': 'product_architecture',
  'Serial Number': 'serial',
  'GPU UUID': 'uuid',
  'VBIOS Version': 'vbios_version',
  'GSP Firmware Version': 'gsp_firmware_version',
  'Persistence Mode': 'persistence_mode',
  'Addressing Mode': 'addressing_mode',
  'Minor Number': 'minor_number',
  'Board ID': 'board_id',
  'GPU Part Number': 'gpu_part_number',
  'Inforom Version/Image Version': 'inforom_version/img_version',
  'Inforom Version/OEM Object': 'inforom_version/oem_object',
  'Inforom Version/ECC Object': 'inforom_version/ecc_object',
  'Inforom Version/Power Management Object': 'inforom_version/pwr_object',
  'Ecc Mode/Current': 'ecc_mode/current_ecc',
  'Ecc Mode/Pending': 'ecc_mode/pending_ecc',
  'MIG Mode/Current': 'mig_mode/current_mig',
  'MIG Mode/Pending': 'mig_mode/pending_mig',
  'GPU Reset Status/Reset Required': 'gpu_reset_status/reset_required',
  'PCI/Bus Id': 'pci/pci_bus_id',
};

const slug = (s: string): string => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/**
 * Tolerant reader of `nvidia-smi -q` text: `Key : Value` lines and section headers whose children are indented
 * deeper, one `GPU <bus id>` block per GPU. Labels fwsnap knows become the same field paths as the XML form's;
 * others are kept under a path made of their labels, so nothing is lost. A line of another shape is an issue with
 * its line number, never fatal.
 */
export function parseNvidiaSmiText(data: Buffer | string): NvidiaSmiLog {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const out: NvidiaSmiLog = { gpus: [], issues: [] };
  let gpu: { id: string; fields: Map<string, string> } | undefined;
  const sections: { indent: number; label: string }[] = [];
  const finish = (): void => {
    if (!gpu) return;
    const g: NvidiaSmiGpu = { id: gpu.id, bdf: kernelBdf(gpu.fields.get('pci/pci_bus_id')) ?? kernelBdf(gpu.id), fields: gpu.fields };
    out.gpus.push(g);
    gpu = undefined;
  };
  // As pasted: the shared text layer undoes prompts, log prefixes, quoting, markup and encodings, keeping line numbers.
  cleanText(text).lines.forEach(({ no, text: raw }) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || /^=+\s*NVSMI LOG\s*=+$/.test(line.trim())) return;
    const failed = smiFailure(line);
    if (failed) {
      (out.failures ??= []).push(failed);
      return;
    }
    if (out.failures && besideFailure(line)) return;
    const indent = line.length - line.trimStart().length;
    const start = /^GPU ([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-7])$/.exec(line.trim());
    if (start && indent === 0) {
      finish();
      gpu = { id: start[1]!, fields: new Map() };
      sections.length = 0;
      return;
    }
    // A person's sentence between two lines (`The values below were read after the reboot.`) closes no section:
    // nvidia-smi's own lines are `Key : Value` pairs and title-cased section names.
    if (!line.includes(' : ') && looksLikeProse(line)) {
      out.issues.push({ line: no, text: raw, message: "a person's words, not nvidia-smi's" });
      return;
    }
    while (sections.length && sections[sections.length - 1]!.indent >= indent) sections.pop();
    const kv = /^([^:]+?)\s+:\s?(.*)$/.exec(line.trim());
    if (kv) {
      const label = [...sections.map((s) => s.label), kv[1]!.trim()].join('/');
      const value = kv[2]!.trim();
      if (!gpu) {
        if (label === 'Driver Version' && !ABSENT.has(value)) out.driverVersion = value;
        else if (label === 'CUDA Version' && !ABSENT.has(value) && value !== NO_CUDA) out.cudaVersion = value;
        return;
      }
      const path = PATHS[label] ?? label.split('/').map(slug).join('/');
      if (!ABSENT.has(value) && !gpu.fields.has(path)) gpu.fields.set(path, value);
      return;
    }
    if (/^[A-Za-z][\w ()./+-]*$/.test(line.trim())) {
      sections.push({ indent, label: line.trim() });
      return;
    }
    out.issues.push({ line: no, text: raw, message: 'not a "Key : Value" line or a section header' });
  });
  finish();
  return out;
}
