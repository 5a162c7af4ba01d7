import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fwsnap } from '../../cli/cli-helpers.js';
import { collectTree, suiteDir } from '../../cli/fake-bundle.js';

// docs/schema.md promises what users query: its example queries run on a real database, and the device tree it
// describes (parent_key from child to parent) is the one the loaders write.
const doc = readFileSync('docs/schema.md', 'utf8');
const examples = [...doc.matchAll(/```sql\n([^]*?)```/g)].map((m) => m[1]!.trim());

describe('docs/schema.md on the fake host', () => {
  let db = '';
  const query = (sql: string): Record<string, unknown>[] => {
    // '--': an example may open with an SQL comment, which would otherwise read as an option.
    const r = fwsnap(['query', '--format', 'json', '--', db, sql]);
    expect(r.stderr, sql).toBe('');
    return JSON.parse(r.stdout) as Record<string, unknown>[];
  };
  beforeAll(() => {
    ensureBuilt();
    const dir = suiteDir();
    db = `${dir}/kept.db`;
    const r = fwsnap(['analyze', '-q', '--db', db, collectTree(dir, 'fake.tar.gz')]);
    expect(r.status, r.stderr).toBe(1);
  });

  it('every example query runs and each finds what it describes', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const results = examples.map((sql) => ({ sql, rows: query(sql) }));
    const of = (needle: string) => results.find((r) => r.sql.includes(needle))!.rows;
    // The fake host's ConnectX runs 22.39.1002: nothing older.
    expect(of("fw_cmp(version, '22.39.1002'")).toEqual([]);
    expect(of('each SATA drive')).toEqual([{ drive: 'ata:dev1.0', disk: 'block:sda', controller: '0000:00:17.0', model: 'Crucial_CT512MX100SSD1', version: 'MU01' }]);
    // The fake host's driver messages are warnings, not errors: the query runs (a renamed column fails it) and finds none.
    expect(of('FROM kernel_log')).toEqual([]);
    expect(of("result = 'fail'")[0]).toMatchObject({ severity: 'high' });
    // The fake host's NICs answer ETHTOOL_GREGS: their dumps read word by word through the registers view.
    expect(of('first words of each ethtool register dump').length).toBeGreaterThan(0);
    for (const r of of('first words of each ethtool register dump')) expect(r.value).toMatch(/^0x[0-9a-f]{8}$/);
    // The fake host's ConnectX functions: their Express capability decoded from the stored config space when read.
    const mrrs = of('MaxReadReq of every function');
    expect(mrrs.length).toBeGreaterThan(0);
    for (const r of mrrs) expect([128, 256, 512, 1024, 2048, 4096]).toContain(r.max_read_request);
  });

  it('parent_key points from child to parent: every parent exists, no device is its own ancestor', () => {
    const devices = query('SELECT device_key, class, parent_key FROM devices') as { device_key: string; class: string; parent_key: string | null }[];
    const byKey = new Map(devices.map((d) => [d.device_key, d]));
    for (const d of devices) {
      const seen = new Set<string>([d.device_key]);
      for (let p = d.parent_key; p; p = byKey.get(p)!.parent_key) {
        expect(byKey.has(p), `${d.device_key} → ${p}`).toBe(true);
        expect(seen.has(p), `${d.device_key}: cycle at ${p}`).toBe(false);
        seen.add(p);
      }
    }
    const pairs = new Set(devices.filter((d) => d.parent_key).map((d) => `${d.class} → ${byKey.get(d.parent_key!)!.class}`));
    expect([...pairs].sort()).toEqual(['ata → pci', 'block → ata', 'block → nvme', 'devlink → pci', 'fwctl → pci', 'net → pci', 'nvme → pci', 'pci → pci', 'rdma → pci']);
  });
});
