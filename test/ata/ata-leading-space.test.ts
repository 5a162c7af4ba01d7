import { describe, expect, it } from 'vitest';
import { parseAtaIdentify } from '../../analyzer/classes/ata/ata.js';

/** The kernel's sysfs `id` text: 256 words as 4-digit hex, 8 per line. */
function identifyText(model: string, firmware: string, serial: string): string {
  const words = new Uint16Array(256);
  const put = (first: number, count: number, text: string): void => {
    const padded = text.padEnd(count * 2, ' ');
    for (let i = 0; i < count; i++) words[first + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
  };
  put(10, 10, serial.padStart(20, ' '));
  put(23, 4, firmware);
  put(27, 20, model);
  const lines: string[] = [];
  for (let i = 0; i < 256; i += 8) lines.push([...words.slice(i, i + 8)].map((w) => w.toString(16).padStart(4, '0')).join(' '));
  return lines.join('\n') + '\n';
}

describe('ATA IDENTIFY strings as the kernel reads them', () => {
  it('keeps a model\'s leading space (libata quirks match " 2GB ATA Flash Disk") and drops trailing ones', () => {
    const id = parseAtaIdentify(identifyText(' 2GB ATA Flash Disk', 'ADMA0100', 'S123'));
    expect(id.model).toBe(' 2GB ATA Flash Disk');
    expect(id.firmware).toBe('ADMA0100');
    expect(id.serial).toBe('S123');
  });

  it('ends a string at its first NUL and trims only spaces, as ata_id_c_string() does', () => {
    const id = parseAtaIdentify(identifyText('Maxtor\0BANC junk', 'SD15\0ABC', 'S1'));
    expect(id.model).toBe('Maxtor');
    expect(id.firmware).toBe('SD15');
    expect(parseAtaIdentify(identifyText('INTEL SSD\t', 'X1', 'S1')).model).toBe('INTEL SSD\t');
  });
});
