import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const host = (rel: string): Buffer => readFileSync(join(FAKEHOST, rel));
const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');

describe('the rdma class\'s redaction layouts', () => {
  it('InfiniBand: node GUID, PCI DSN (little-endian) and link-local GID share a token; IPv4-mapped GIDs get documentation addresses', () => {
    const r = new Redactor({ catalog: REDACTION });
    const guid = text(r.redact('sys/class/infiniband/mlx5_0/node_guid', undefined, Buffer.from('b83f:d203:00a1:b2c0\n')));
    const config = Buffer.from(r.redact('sys/bus/pci/devices/0000:3b:00.0/config', undefined, host('sys/bus/pci/devices/0000:3b:00.0/config'))!);
    const gid0 = text(r.redact('sys/class/infiniband/mlx5_0/ports/1/gids/0', undefined, Buffer.from('fe80:0000:0000:0000:b83f:d203:00a1:b2c0\n')));
    const gid1 = text(r.redact('sys/class/infiniband/mlx5_0/ports/1/gids/1', undefined, Buffer.from('0000:0000:0000:0000:0000:ffff:0a14:1e2a\n')));
    expect(guid).toBe('0200:0000:0000:0001\n');
    expect(Buffer.from(config.subarray(0x14c, 0x154)).reverse().toString('hex')).toBe('0200000000000001');
    expect(gid0).toBe('fe80:0000:0000:0000:0200:0000:0000:0001\n');
    expect(gid1).toBe('0000:0000:0000:0000:0000:ffff:c000:0201\n');
  });
});
