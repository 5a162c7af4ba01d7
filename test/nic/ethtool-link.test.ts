import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLinkSettings } from '../../analyzer/classes/nic/ethtool-link.js';
import { LINK_MODE_NAMES } from '../../analyzer/classes/nic/ethtool-link-modes.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

function linkSettings(o: { speed: number; duplex: number; port: number; autoneg: number; nwords: number; masks: number[][] }): Buffer {
  const b = Buffer.alloc(48 + 12 * Math.max(o.nwords, 0));
  b.writeUInt32LE(0x4c, 0);
  b.writeUInt32LE(o.speed >>> 0, 4);
  b.writeUInt8(o.duplex, 8);
  b.writeUInt8(o.port, 9);
  b.writeUInt8(o.autoneg, 11);
  b.writeInt8(o.nwords, 15);
  o.masks.flat().forEach((w, i) => b.writeUInt32LE(w >>> 0, 48 + 4 * i));
  return b;
}

describe('ethtool link settings', () => {
  it('names link modes across bitmap words (a 100G ConnectX port, 3 words)', () => {
    // supported: 1000baseKX(17), 10000baseKR(19), 25000baseCR(31), 100000baseCR4(38), Autoneg(6), FIBRE(10), Pause(13)
    const supported = [(1 << 17) | (1 << 19) | (1 << 31) | (1 << 6) | (1 << 10) | (1 << 13), 1 << (38 - 32), 0];
    const advertising = [1 << 6, 1 << (38 - 32), 0];
    const lp = [0, 0, 1 << (92 - 64)];
    const s = parseLinkSettings(linkSettings({ speed: 100000, duplex: 1, port: 3, autoneg: 1, nwords: 3, masks: [supported, advertising, lp] }));
    expect(s).toMatchObject({ speed: 100000, duplex: 'full', port: 'fibre', autoneg: true, nwords: 3 });
    expect(s.supported).toEqual(['Autoneg', 'FIBRE', 'Pause', '1000baseKX_Full', '10000baseKR_Full', '25000baseCR_Full', '100000baseCR4_Full']);
    expect(s.advertising).toEqual(['Autoneg', '100000baseCR4_Full']);
    expect(s.lpAdvertising).toEqual(['10baseT1L_Full']);
  });

  it('names bits beyond the 6.1 header by number', () => {
    const s = parseLinkSettings(linkSettings({ speed: 0, duplex: 0, port: 0, autoneg: 0, nwords: 4, masks: [[0, 0, 0, 1 << 5], [0, 0, 0, 0], [0, 0, 0, 0]] }));
    expect(s.supported).toEqual(['bit101']);
    expect(LINK_MODE_NAMES).toHaveLength(93);
  });

  it('reads a link-down answer: SPEED_UNKNOWN, DUPLEX_UNKNOWN, PORT_OTHER (as ethtool shows for virtio_net)', () => {
    const s = parseLinkSettings(linkSettings({ speed: 0xffffffff, duplex: 0xff, port: 0xff, autoneg: 0, nwords: 3, masks: [] }));
    expect(s).toMatchObject({ speed: null, duplex: 'unknown', port: 'other', autoneg: false, supported: [] });
  });

  it('treats the negative nwords of the size handshake as no bitmaps', () => {
    const s = parseLinkSettings(linkSettings({ speed: 25000, duplex: 1, port: 5, autoneg: 0, nwords: -3, masks: [] }));
    expect(s).toMatchObject({ nwords: 0, port: 'da', supported: [] });
  });

  it('rejects bitmaps that overrun the buffer', () => {
    const b = linkSettings({ speed: 1, duplex: 1, port: 0, autoneg: 0, nwords: 1, masks: [[0], [0], [0]] });
    b.writeInt8(2, 15);
    expect(() => parseLinkSettings(b)).toThrow(/2-word link mode bitmaps need 72 bytes, have 60/);
  });

  it('returns or throws ParseError on arbitrary bytes', () => {
    const bytes = fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.boolean()).map(([raw, setCmd]) => {
      const b = Buffer.from(raw);
      if (setCmd && b.length >= 4) b.writeUInt32LE(0x4c, 0);
      return b;
    });
    expectOnlyParseErrors(bytes, [parseLinkSettings], 500);
  });
});
