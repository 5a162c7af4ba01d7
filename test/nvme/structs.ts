/** A 4096-byte Identify Controller structure holding the values the Micron 9200 printed (micron-9200-id-ctrl.txt). */
export function micronIdCtrl(): Buffer {
  const b = Buffer.alloc(4096);
  b.writeUInt16LE(0x1344, 0);
  b.writeUInt16LE(0x1344, 2);
  b.write('18161E7964B7'.padEnd(20), 4, 'latin1');
  b.write('Micron_9200_MTFDHAL1T6TCU'.padEnd(40), 24, 'latin1');
  b.write('101008P0', 64, 'latin1');
  b.set([0xcf, 0xe0, 0x00], 73); // ieee "00e0cf": nvme-cli prints the bytes last to first
  b.writeUInt8(5, 77); // mdts
  b.writeUInt16LE(1, 78);
  b.writeUInt32LE(0x10200, 80);
  b.writeUInt16LE(0xe, 256);
  b.writeUInt8(0x7, 260);
  b.writeUInt8(0x2, 261); // lpa
  b.writeUInt8(0, 263);
  b.writeUInt16LE(348, 266);
  b.writeUInt16LE(353, 268);
  b.writeBigUInt64LE(1600321314816n, 280);
  b.writeUInt16LE(0x14, 520);
  b.writeUInt16LE(2500, 2048); // ps 0: mp 25.00 W
  b.writeUInt32LE(100, 2052);
  b.writeUInt32LE(100, 2056);
  return b;
}

