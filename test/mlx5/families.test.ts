import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familiesOfMajor, fwMajor, MLX_FAMILIES } from '../../analyzer/classes/mlx5/families.js';
import { parseFwctlInfo, parseMlx5Answer, parseMlx5InfoData, parseMnvda } from '../../analyzer/classes/mlx5/fwctl.js';

/** Device names of vendor 15b3 in the system pci.ids (the pci.ids package CI installs). */
function pciIdsMellanox(): Map<number, string> {
  const out = new Map<number, string>();
  let inVendor = false;
  for (const line of readFileSync('/usr/share/misc/pci.ids', 'utf8').split('\n')) {
    if (/^[0-9a-f]{4}\s/.test(line)) inVendor = line.startsWith('15b3 ');
    else if (inVendor && /^\t[0-9a-f]{4}\s/.test(line)) out.set(Number.parseInt(line.slice(1, 5), 16), line.slice(7).trim());
  }
  return out;
}

describe('ConnectX families', () => {
  it('name each device ID as pci.ids does', () => {
    const ids = pciIdsMellanox();
    for (const [id, f] of MLX_FAMILIES) {
      const name = ids.get(id);
      expect(name, `15b3:${id.toString(16)}`).toBeDefined();
      expect(name!.replace(/[[\]]/g, ' ')).toMatch(new RegExp(`(^|\\s)${f.name.replace(/[-\s]/g, '[-\\s]')}(\\s|$)`));
    }
  });
  it('read the major of every firmware spelling', () => {
    expect(fwMajor('22.39.1002')).toBe(22);
    expect(fwMajor('16.35.2000 (MT_0000000012)')).toBe(16);
    expect(fwMajor('N/A')).toBeUndefined();
    expect(familiesOfMajor(16)).toEqual(['ConnectX-5', 'ConnectX-5 Ex']);
    expect(familiesOfMajor(40)).toEqual(['ConnectX-8']);
  });
});

describe('fwctl answers', () => {
  it('struct fwctl_info and fwctl_info_mlx5', () => {
    const b = Buffer.alloc(24);
    b.writeUInt32LE(1, 8);
    b.writeUInt32LE(8, 12);
    expect(parseFwctlInfo(b)).toEqual({ deviceType: 1, deviceTypeName: 'mlx5', deviceDataLength: 8 });
    b.writeUInt32LE(9, 8);
    expect(parseFwctlInfo(b)).toEqual({ deviceType: 9, deviceDataLength: 8 });
    expect(() => parseFwctlInfo(Buffer.alloc(16))).toThrow(/24 bytes, got 16/);
    expect(parseMlx5InfoData(Buffer.from('0700000004000000', 'hex'))).toEqual({ uid: 7, uctxCaps: 4, toolsResources: true });
  });
  it('mlx5 output mailboxes and MNVDA items', () => {
    const out = Buffer.alloc(16 + 12 + 4);
    out.writeUInt8(0, 0);
    out.writeUInt32BE((1 << 22) | (9 << 16) | 4, 16); // CURRENT, writer ICMD_mlxconfig, 4 bytes
    out.writeUInt32BE(129, 20);
    out.writeUInt32BE(0xdeadbeef, 28);
    const a = parseMlx5Answer(out);
    expect(a.status).toBe(0);
    expect(parseMnvda(a.data)).toMatchObject({ length: 4, accessMode: 1, writerId: 9, typeIndex: 129, typeClass: 0, data: Buffer.from('deadbeef', 'hex') });
    expect(() => parseMnvda(Buffer.alloc(12, 0xff))).toThrow(/says 511 data bytes, only 0 present/);
    expect(() => parseMlx5Answer(Buffer.alloc(8))).toThrow(/16-byte header/);
  });
});
