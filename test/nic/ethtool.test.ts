import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseChannels, parseCoalesce, parseDrvinfo, parseFecparam, parseFeatures, parseGstrings, parsePauseparam, parsePrivFlags,
  parseRegsHeader, parseRingparam, regsWords,
} from '../../analyzer/classes/nic/ethtool.js';
import { drvinfo, gstrings, u32s } from './ethtool-structs.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

describe('ethtool drvinfo', () => {
  it('reads the strings and counts at their uapi offsets (ConnectX-6 Dx on a recent kernel)', () => {
    const d = parseDrvinfo(drvinfo({
      driver: 'mlx5_core', version: '6.14.0-63.fc42.x86_64', fw: '22.29.1016 (MT_0000000430)', bus: '0000:3b:00.0',
      counts: [11, 1140, 0, 0, 0],
    }));
    expect(d).toEqual({
      driver: 'mlx5_core', version: '6.14.0-63.fc42.x86_64', fwVersion: '22.29.1016 (MT_0000000430)', busInfo: '0000:3b:00.0',
      eromVersion: '', nPrivFlags: 11, nStats: 1140, testinfoLen: 0, eedumpLen: 0, regdumpLen: 0,
    });
  });

  it('keeps a 32-byte string that has no NUL, without reading into the next field', () => {
    const fw = '9.20 0x8000d8c5 1.3429.0 abcdefg'; // exactly 32 characters
    expect(fw).toHaveLength(32);
    const d = parseDrvinfo(drvinfo({ driver: 'i40e', fw, bus: '0000:5e:00.0', counts: [0, 0, 0, 0, 1234] }));
    expect(d.fwVersion).toBe(fw);
    expect(d.busInfo).toBe('0000:5e:00.0');
    expect(d.regdumpLen).toBe(1234);
  });

  it('refuses a short buffer and another command, naming the parser', () => {
    expect(() => parseDrvinfo(Buffer.alloc(100))).toThrow(/ethtool-drvinfo: input is 100 bytes, expected at least 196/);
    const b = drvinfo({ driver: 'x' });
    b.writeUInt32LE(4, 0);
    expect(() => parseDrvinfo(b)).toThrow(/command word is 0x4, expected 0x3/);
  });
});

describe('ethtool strings and private flags', () => {
  const mlx5Flags = ['rx_cqe_moder', 'tx_cqe_moder', 'rx_cqe_compress', 'rx_striding_rq', 'rx_no_csum_complete', 'xdp_tx_mpwqe',
    'skb_tx_mpwqe', 'tx_port_ts', 'dropless_rq', 'per_channel_stats', 'tx_xdp_hw_checksum'];

  it('pairs bit i of GPFLAGS with the i-th name', () => {
    const flags = parsePrivFlags(gstrings(2, mlx5Flags), u32s(0x27, [0b01_0110_1001]));
    expect(flags.filter((f) => f.enabled).map((f) => f.name)).toEqual(['rx_cqe_moder', 'rx_striding_rq', 'xdp_tx_mpwqe', 'skb_tx_mpwqe', 'dropless_rq']);
    expect(flags).toHaveLength(11);
  });

  it('rejects strings of another set and a count that overruns the buffer', () => {
    expect(() => parsePrivFlags(gstrings(1, ['rx_packets']), u32s(0x27, [1]))).toThrow(/expected 2/);
    const b = gstrings(2, ['a', 'b']);
    b.writeUInt32LE(3, 8);
    expect(() => parseGstrings(b)).toThrow(/3 strings need 108 bytes, have 76/);
  });
});

describe('ethtool ring, channel, coalesce, pause, fec', () => {
  it('reads ringparam as max/current pairs', () => {
    expect(parseRingparam(u32s(0x10, [8192, 0, 0, 8192, 1024, 0, 0, 1024]))).toEqual({
      rxMaxPending: 8192, rxMiniMaxPending: 0, rxJumboMaxPending: 0, txMaxPending: 8192, rxPending: 1024, rxMiniPending: 0, rxJumboPending: 0, txPending: 1024,
    });
  });

  it('reads channels', () => {
    expect(parseChannels(u32s(0x3c, [0, 0, 1, 63, 0, 0, 1, 8]))).toMatchObject({ maxCombined: 63, otherCount: 1, combinedCount: 8 });
  });

  it('reads all 22 coalesce fields by their kernel names', () => {
    const values = Array.from({ length: 22 }, (_, i) => i + 100);
    const c = parseCoalesce(u32s(0x0e, values));
    expect(c.rx_coalesce_usecs).toBe(100);
    expect(c.use_adaptive_rx_coalesce).toBe(109);
    expect(c.rate_sample_interval).toBe(121);
  });

  it('reads pause and fec bitmasks', () => {
    expect(parsePauseparam(u32s(0x12, [0, 1, 1]))).toEqual({ autoneg: false, rx: true, tx: true });
    expect(parseFecparam(u32s(0x50, [1 << 3, (1 << 1) | (1 << 3), 0]))).toEqual({ active: ['rs'], configured: ['auto', 'rs'] });
  });

  it('pairs feature names with the bits of their 32-name block', () => {
    const names = Array.from({ length: 41 }, (_, i) => `f${i}`);
    const feats = u32s(0x3a, [2, 1, 1, 1, 0, 0x100, 0, 0x100, 0]);
    const out = parseFeatures(gstrings(4, names), feats);
    expect(out[0]).toEqual({ name: 'f0', available: true, requested: true, active: true, neverChanged: false });
    expect(out[40]).toEqual({ name: 'f40', available: true, requested: false, active: true, neverChanged: false });
    expect(out.filter((f) => f.active).map((f) => f.name)).toEqual(['f0', 'f40']);
    expect(() => parseFeatures(gstrings(4, [...names, ...names]), feats)).toThrow(/82 feature names but only 2 blocks/);
  });
});

describe('ethtool regs', () => {
  it('keeps the dump version and yields words with byte offsets', () => {
    const b = Buffer.alloc(12 + 10);
    b.writeUInt32LE(4, 0);
    b.writeUInt32LE(0x12345, 4);
    b.writeUInt32LE(10, 8);
    b.writeUInt32LE(0xdeadbeef, 12);
    b.writeUInt32LE(7, 16);
    expect(parseRegsHeader(b)).toEqual({ version: 0x12345, len: 10, dataOffset: 12 });
    expect([...regsWords(b)]).toEqual([{ offset: 0, value: 0xdeadbeef }, { offset: 4, value: 7 }]);
  });

  it('rejects a length beyond the buffer', () => {
    expect(() => parseRegsHeader(u32s(4, [1, 64]))).toThrow(/header says 64 bytes of data, buffer holds 0/);
  });
});

describe('ethtool parsers on arbitrary bytes', () => {
  const parsers: [string, (b: Buffer) => unknown][] = [
    ['drvinfo', parseDrvinfo], ['gstrings', parseGstrings], ['ringparam', parseRingparam], ['channels', parseChannels],
    ['coalesce', parseCoalesce], ['pause', parsePauseparam], ['fec', parseFecparam], ['regs', (b) => [...regsWords(b)]],
    ['privflags', (b) => parsePrivFlags(b, b)], ['features', (b) => parseFeatures(b, b)],
  ];
  it.each(parsers)('%s returns or throws ParseError', (_, fn) => {
    const withCmd = fc.tuple(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: 0x60 })).map(([bytes, cmd]) => {
      const b = Buffer.from(bytes);
      if (b.length >= 4) b.writeUInt32LE(cmd, 0);
      return b;
    });
    expectOnlyParseErrors(withCmd, [fn], 300);
  });
});
