/** Builds ethtool command structs byte by byte, as the kernel fills them (x86_64 layouts). */
export function u32s(cmd: number, values: number[], size = 4 + 4 * values.length): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32LE(cmd, 0);
  values.forEach((v, i) => b.writeUInt32LE(v >>> 0, 4 + 4 * i));
  return b;
}

export interface DrvinfoFields {
  driver: string;
  version?: string;
  fw?: string;
  bus?: string;
  erom?: string;
  counts?: [number, number, number, number, number];
}

export function drvinfo(f: DrvinfoFields): Buffer {
  const b = Buffer.alloc(196);
  b.writeUInt32LE(3, 0);
  const put = (s: string | undefined, off: number): void => void b.write(s ?? '', off, 32, 'latin1');
  put(f.driver, 4);
  put(f.version, 36);
  put(f.fw, 68);
  put(f.bus, 100);
  put(f.erom, 132);
  (f.counts ?? [0, 0, 0, 0, 0]).forEach((v, i) => b.writeUInt32LE(v, 176 + 4 * i));
  return b;
}

export function gstrings(set: number, names: string[]): Buffer {
  const b = Buffer.alloc(12 + 32 * names.length);
  b.writeUInt32LE(0x1b, 0);
  b.writeUInt32LE(set, 4);
  b.writeUInt32LE(names.length, 8);
  names.forEach((n, i) => b.write(n, 12 + 32 * i, 32, 'latin1'));
  return b;
}
