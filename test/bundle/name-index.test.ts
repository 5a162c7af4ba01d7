import { describe, expect, it } from 'vitest';
import { BytesColumn, halfSipHash, NameIndex, NumberColumn } from '../../bundle/name-index.js';
import { EntrySpool } from '../../bundle/entry-spool.js';
import { SeenEntries, SELF_OK, VERIFIED } from '../../bundle/seen-entries.js';

/**
 * HalfSipHash-2-4 with a 32-bit output, from the SipHash reference implementation's test vectors
 * (github.com/veorq/SipHash, vectors.h, `vectors_hsip32`): key bytes 00 01 … 07, message the bytes 00 01 …
 * up to its length. Entry i is the message of i bytes; its 4 output bytes read little-endian.
 */
const REFERENCE_HSIP32: Record<number, number> = {
  0: 0x5b9f35a9, 2: 0x03a662fa, 4: 0x89466e2a, 6: 0x23fc6358, 8: 0x8f84b8d0,
  10: 0x3479b094, 12: 0x2f87f057, 14: 0x7cf8ffd6, 16: 0x84acb5d9,
};

/** The reference's message of `bytes` bytes (an even number) as the code units the hash reads. */
const message = (bytes: number): string => String.fromCharCode(...Array.from({ length: bytes / 2 }, (_, j) => (2 * j) | ((2 * j + 1) << 8)));

describe('halfSipHash', () => {
  it('gives the reference implementation’s values (2-4 rounds, key 00…07)', () => {
    for (const [bytes, want] of Object.entries(REFERENCE_HSIP32)) {
      expect(halfSipHash(message(Number(bytes)), 0x03020100, 0x07060504, 2, 4), `${bytes} bytes`).toBe(want);
    }
  });

  it('depends on the key, and on every code unit and the length', () => {
    const h = (s: string, k0 = 1, k1 = 2): number => halfSipHash(s, k0, k1);
    expect(h('sys/class/net/eth0/address')).not.toBe(h('sys/class/net/eth0/address', 1, 3));
    expect(h('sys/class/net/eth0/address')).not.toBe(h('sys/class/net/eth1/address'));
    expect(h('a')).not.toBe(h('a\0'));
    expect(h('')).not.toBe(h('\0'));
    expect(h('é✓')).toBe(h('é✓'));
  });
});

describe('NameIndex', () => {
  it('gives each name one ordinal, in the order first named, whatever string object names it', () => {
    const index = new NameIndex();
    expect(index.find('proc/version')).toBe(-1);
    expect(index.intern('proc/version')).toBe(0);
    expect(index.intern('sys/class/net/eth0/address')).toBe(1);
    expect(index.intern(Buffer.from('proc/version').toString())).toBe(0);
    expect(index.find(['proc', 'version'].join('/'))).toBe(0);
    expect(index.find('proc/versio')).toBe(-1);
    expect(index.find('sys/class/net/eth0/address')).toBe(1);
    expect(index.intern('proc/version')).toBe(0);
    expect(index.size).toBe(2);
    expect(index.name(1)).toBe('sys/class/net/eth0/address');
  });

  it('keeps finding every name as its table grows (100,000 names of one shape)', () => {
    const index = new NameIndex();
    const name = (i: number): string => `sys/devices/pci0000:00/0000:${(i >> 4).toString(16).padStart(4, '0')}:00.${i & 7}/attr${i & 15}`;
    const wrong: number[] = [];
    for (let i = 0; i < 100_000; i++) if (index.intern(name(i)) !== i) wrong.push(i);
    for (let i = 0; i < 100_000; i++) if (index.find(name(i)) !== i) wrong.push(i);
    expect(wrong).toEqual([]);
    expect(index.find(name(100_000))).toBe(-1);
    expect(index.size).toBe(100_000);
  });
});

describe('columns by ordinal', () => {
  it('read 0 (or zero bytes) where nothing was set, across chunk boundaries', () => {
    const n = new NumberColumn(Float64Array);
    n.set(70_000, 2 ** 40);
    n.set(16_383, 1.5);
    expect([n.get(70_000), n.get(16_383), n.get(16_384), n.get(5_000_000)]).toEqual([2 ** 40, 1.5, 0, 0]);
    const b = new BytesColumn(32);
    const sha = 'ab'.repeat(32);
    b.set(40_000, sha);
    expect(b.hex(40_000)).toBe(sha);
    expect(b.hex(39_999)).toBe('00'.repeat(32));
    expect(b.hex(1_000_000)).toBe('00'.repeat(32));
  });
});

describe('one index shared by the reader’s record and the spool', () => {
  it('each keeps its own entries by the shared ordinals', () => {
    const index = new NameIndex();
    const spool = new EntrySpool(16, 8, index);
    const seen = new SeenEntries(index);
    const store = (name: string, data: string): void => {
      const s = spool.sink(name, data.length);
      s.write(Buffer.from(data));
      void s.end('');
    };
    index.intern('named/by/the/sink/first');
    store('small', 'tiny');
    store('large', 'more than eight bytes');
    seen.add('large', 'cd'.repeat(32), 21, SELF_OK);
    seen.add('small', 'ef'.repeat(32), 4, 0);
    expect(index.size).toBe(3);
    expect([...spool.names()]).toEqual(['small', 'large']);
    expect(spool.size).toBe(2);
    expect(spool.get('small')?.toString()).toBe('tiny');
    expect(spool.get('large')?.toString()).toBe('more than eight bytes');
    expect(spool.sizeOf('large')).toBe(21);
    expect(spool.has('named/by/the/sink/first')).toBe(false);
    expect(seen.has('named/by/the/sink/first')).toBe(false);
    expect(seen.find('large')).toBe(index.find('large'));
    expect(seen.sha256(seen.find('large'))).toBe('cd'.repeat(32));
    spool.delete('small');
    expect([...spool.names()]).toEqual(['large']);
    expect(spool.get('small')).toBeUndefined();
    const own = seen.nameSet(SELF_OK);
    expect([own.size, own.has('large'), own.has('small'), [...own]]).toEqual([1, true, false, ['large']]);
    expect(seen.nameSet(VERIFIED).size).toBe(0);
    spool.dispose();
  });
});
