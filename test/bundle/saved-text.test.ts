import { describe, expect, it } from 'vitest';
import { asUtf8, utf16Text } from '../../bundle/saved-text.js';

const TEXT = 'driver: e1000e\r\nversion: 3.2.6-k\r\nfirmware-version: 0.13-4 ·\r\n';
const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]);

describe('an output saved on Windows as UTF-16 with a BOM', () => {
  it('is read as the text it holds, little- or big-endian', () => {
    expect(utf16Text(le)).toBe(TEXT);
    expect(utf16Text(be)).toBe(TEXT);
    expect(asUtf8(le).toString('utf8')).toBe(TEXT);
  });

  it('cut after half a character: the whole characters before it are read', () => {
    expect(utf16Text(le.subarray(0, le.length - 1))).toBe(TEXT.slice(0, -1));
  });

  it('bytes that only start like a BOM (a binary answer, a register dump) are left as they are', () => {
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x86, 0x80, 0x01, 0x00]);
    expect(utf16Text(binary)).toBeUndefined();
    expect(asUtf8(binary)).toBe(binary);
    const utf8 = Buffer.from('\ufeffdriver: e1000e\n', 'utf8');
    expect(asUtf8(utf8)).toBe(utf8);
    expect(utf16Text(Buffer.from([0xff]))).toBeUndefined();
  });
});
