/** `tpm2_getcap properties-fixed` (tpm2-tools 4+ YAML; 3.x prints the same names with `: value` on one line). */
export interface Tpm2Properties {
  /** Property name → raw value (the 32-bit number) and printed value where tpm2_getcap gives one. */
  properties: Map<string, { raw?: number; value?: string }>;
  issues: { line: number; text: string }[];
}

const NAME = /^(TPM2?_PT_[A-Z0-9_]+):\s*(.*)$/;

export function parseTpm2Properties(text: string): Tpm2Properties {
  const properties = new Map<string, { raw?: number; value?: string }>();
  const issues: Tpm2Properties['issues'] = [];
  let current: { raw?: number; value?: string } | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const name = NAME.exec(line.trim());
    if (name && !/^\s/.test(line)) {
      current = {};
      properties.set(name[1]!.replace(/^TPM_PT_/, 'TPM2_PT_'), current);
      const inline = name[2]!.trim();
      if (/^0x[0-9a-f]+$/i.test(inline)) current.raw = parseInt(inline, 16);
      else if (inline) current.value = inline.replace(/^"(.*)"$/, '$1');
      return;
    }
    const field = /^\s+(raw|value):\s*(.*)$/.exec(line);
    if (field && current) {
      const v = field[2]!.trim();
      if (field[1] === 'raw') {
        if (/^(0x[0-9a-f]+|\d+)$/i.test(v)) current.raw = Number(v);
        else issues.push({ line: i + 1, text: line });
      } else current.value = v.replace(/^"(.*)"$/, '$1');
      return;
    }
    issues.push({ line: i + 1, text: line });
  });
  return { properties, issues };
}

/** The four ASCII bytes of a TPM2_PT_MANUFACTURER or vendor string, trailing spaces and NULs dropped. */
export function tpmAscii(raw: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(raw >>> 0);
  return b.toString('latin1').replace(/[\0 ]+$/, '').replace(/[^\x20-\x7e]/g, '');
}

/** major.minor of TPM2_PT_FIRMWARE_VERSION_1 (the two 16-bit halves), as TPM vendors and Windows' Get-Tpm print it. */
export function tpmFirmwareVersion(v1: number): string {
  return `${(v1 >>> 16) & 0xffff}.${v1 & 0xffff}`;
}
