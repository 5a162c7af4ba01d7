import { type ClassRedaction, type Edit, under } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactHexId, redactIdentifier } from '../../../bundle/redact/values.js';

/** NVIDIA GPU and MIG UUIDs and board serials in nvidia-smi output (XML and text), the driver's proc information file and the Fabric Manager's log. */
function nvidiaIdentifiers(data: Buffer, t: TokenMap): Edit[] {
  const text = data.toString('utf8');
  for (const m of text.matchAll(/\b(?:GPU|MIG)-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\b/g)) redactHexId(t, 'uuid', m[1]!);
  for (const m of text.matchAll(/<serial>([^<]*)<\/serial>|^\s*Serial Number\s*:\s*(\S.*?)\s*$/gm)) redactIdentifier(t, (m[1] ?? m[2]!).trim(), 'serial', false);
  // A `--query-gpu` CSV asking for the serial: that column of each row under its header.
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const column = line.split(/\s*,\s*/).findIndex((c) => c.trim() === 'serial' || c.trim() === 'gpu_serial');
    if (column < 0) return;
    for (const row of lines.slice(i + 1)) {
      const value = row.split(/\s*,\s*/)[column]?.trim();
      if (value && /^\d{6,}$/.test(value)) redactIdentifier(t, value, 'serial', false);
    }
  });
  return [];
}

/**
 * AMD GPU identifiers in saved rocm-smi and amd-smi outputs: board serials (rocm-smi `Serial Number`, amd-smi
 * `PRODUCT_SERIAL`, `ASIC_SERIAL`, as text lines, JSON members or a CSV column) and the chip's `Unique ID` and amd-smi's
 * `UUID`. A serial amdgpu's sysfs `serial_number` also holds gets the same token.
 */
function amdIdentifiers(data: Buffer, t: TokenMap): Edit[] {
  const text = data.toString('utf8');
  const label = String.raw`(?:Serial Number|PRODUCT_SERIAL|ASIC_SERIAL|Unique ID|UUID|product_serial|asic_serial|uuid)`;
  for (const m of text.matchAll(new RegExp(String.raw`(?:^|[\s:"])${label}"?\s*:\s*"?\s*([^\s",]+)`, 'gm'))) redactIdentifier(t, m[1]!, 'serial', false);
  // `rocm-smi --showserial --csv`: the serial column of each card's row.
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const column = line.split(',').findIndex((c) => /^(?:Serial Number|Unique ID)$/.test(c.trim()));
    if (column < 0 || !/^device,/.test(line.trim())) return;
    for (const row of lines.slice(i + 1)) {
      const value = row.split(',')[column]?.trim();
      if (value) redactIdentifier(t, value, 'serial', false);
    }
  });
  return [];
}

export const redaction: ClassRedaction = {
  layouts: [
    { name: 'amd gpu identifiers', test: under(/^cmd\/(?:rocm-smi|amd-smi)\/[^/]+\.out$/), binary: false, learn: amdIdentifiers },{ name: 'nvidia gpu identifiers', test: under(/^(?:cmd\/nvidia-smi\/.*\.out|proc\/driver\/nvidia\/gpus\/[^/]+\/information|var\/log\/(?:[^/]+\/)*[^/]*fabricmanager[^/]*\.log)$/), binary: false, learn: nvidiaIdentifiers }],
};
