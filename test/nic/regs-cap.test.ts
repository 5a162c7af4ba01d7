import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { REGISTER_ROWS_PER_DUMP } from '../../analyzer/classes/nic/net-loader.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

function regs(words: number): Buffer {
  const b = Buffer.alloc(12 + words * 4);
  b.writeUInt32LE(4, 0);
  b.writeUInt32LE(0x1234, 4);
  b.writeUInt32LE(words * 4, 8);
  for (let i = 0; i < words; i++) b.writeUInt32LE(i * 3, 12 + i * 4);
  return b;
}

const origin = (dev: string) => ({ kind: 'ioctl' as const, class: 'net', device: dev, request: 'SIOCETHTOOL', requestNumber: 0x8946, what: 'regs' });

describe('register dumps as rows', () => {
  it('keeps every word of a normal dump and caps a huge one, saying so', async () => {
    const path = join(tempDir(), 'r.tar.gz');
    await writeBundle(path, [
      { name: 'ioctl/net/eth0/regs.bin', data: regs(100), origin: origin('eth0') },
      { name: 'ioctl/net/eth1/regs.bin', data: regs(REGISTER_ROWS_PER_DUMP + 10), origin: origin('eth1') },
    ]);
    const db = openDatabase(':memory:');
    await loadBundle(db, path);
    const count = (dev: string) => (db.prepare(`SELECT COUNT(*) AS n, MAX(offset) AS top FROM registers WHERE device_key = ?`).get(dev) as { n: number; top: number });
    expect(count('net:eth0')).toEqual({ n: 100, top: 396 });
    expect(count('net:eth1')).toEqual({ n: REGISTER_ROWS_PER_DUMP, top: (REGISTER_ROWS_PER_DUMP - 1) * 4 });
    expect(db.prepare(`SELECT value FROM registers WHERE device_key = 'net:eth0' AND offset = 40`).get()).toEqual({ value: 30 });
    expect(db.prepare(`SELECT target, code FROM collection_issues WHERE code = 'REGS-CAPPED'`).all()).toEqual([{ target: 'ioctl/net/eth1/regs.bin', code: 'REGS-CAPPED' }]);
  });
});
