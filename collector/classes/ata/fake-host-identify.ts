/** ATA strings: two characters per word, the first in the high byte, padded with spaces. */
export function putAtaString(w: number[], first: number, count: number, text: string): void {
  const padded = text.padEnd(count * 2, ' ');
  for (let i = 0; i < count; i++) w[first + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
}

/** The kernel's format of /sys/class/ata_device/<dev>/id: "%04x" per word, eight per line. */
export const identifyText = (w: readonly number[]): string => w.map((x, i) => x.toString(16).padStart(4, '0') + ((i + 1) % 8 ? ' ' : '\n')).join('');

/** A SATA SSD's full IDENTIFY (ACS-3): serial, firmware, model, capacity (LBA48), WWN, TRIM, non-rotating, integrity word. */
export function buildIdentify(o: { serial: string; firmware: string; model: string; sectors: number; wwn: readonly number[] }): number[] {
  const w = new Array<number>(256).fill(0);
  Object.assign(w, { 0: 0x0040, 1: 0x3fff, 2: 0xc837, 3: 0x0010, 6: 0x003f, 47: 0x8010, 49: 0x2f00, 50: 0x4000, 53: 0x0007, 54: 0x3fff, 55: 0x0010, 56: 0x003f, 57: 0xfc10, 58: 0x00fb, 59: 0xb910 });
  putAtaString(w, 10, 10, o.serial);
  putAtaString(w, 23, 4, o.firmware);
  putAtaString(w, 27, 20, o.model);
  Object.assign(w, { 60: 0xffff, 61: 0x0fff, 63: 0x0407, 64: 0x0003, 65: 0x0078, 66: 0x0078, 67: 0x0078, 68: 0x0078, 69: 0x4020 });
  Object.assign(w, { 75: 0x001f, 76: 0x870e, 77: 0x0006, 78: 0x014c, 79: 0x0040, 80: 0x03f0, 81: 0x0028, 82: 0x746b, 83: 0x7d09, 84: 0x6163, 85: 0x7469, 86: 0xbc01, 87: 0x6163, 88: 0x407f });
  const lba = BigInt(o.sectors);
  for (let i = 0; i < 4; i++) w[100 + i] = Number((lba >> BigInt(16 * i)) & 0xffffn);
  w[106] = 0x6003; // 8 logical sectors per physical sector
  for (let i = 0; i < 4; i++) w[108 + i] = o.wwn[i]!;
  w[169] = 0x0001; // DATA SET MANAGEMENT (TRIM) supported
  w[217] = 0x0001; // non-rotating media
  w[222] = 0x107f;
  let sum = 0xa5;
  for (let i = 0; i < 255; i++) sum += (w[i]! & 0xff) + (w[i]! >> 8);
  w[255] = (((0x100 - (sum & 0xff)) & 0xff) << 8) | 0xa5;
  return w;
}
