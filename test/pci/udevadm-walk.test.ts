import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { parseUdevadmWalk } from '../../analyzer/classes/core/udevadm-walk.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Real `udevadm info -a` outputs (fixtures/real-udevadm/, each with where it was published and what a person reads
 * off it), replayed as a user would: saved under the provenance's name in a captured tree, collected with
 * `collect --root`, analysed. The walk gives what sysfs would: the PCI functions it passes through and the interface.
 */

const ROOT = new URL('./fixtures/real-udevadm/', import.meta.url).pathname;

interface Provenance {
  saved_as: string;
  truth: {
    issues: number;
    interface?: { key: string; pci: string; driver: string; address: string; mtu: string; speed: string };
    functions: { bdf: string; vendor: number; device: number; subsystem_vendor: number; subsystem_device: number; class: number; revision: number; driver: string | null; parent: string | null }[];
  };
}

const SAMPLES = readdirSync(ROOT).filter((f) => f.endsWith('.provenance.yaml')).map((f) => f.replace(/\.provenance\.yaml$/, ''));

describe('a pasted udevadm info -a reaches the analyzer with the facts sysfs would give', () => {
  it('has samples', () => expect(SAMPLES.length).toBeGreaterThan(0));

  for (const name of SAMPLES) {
    it(name, async () => {
      const p = parseYaml(readFileSync(join(ROOT, `${name}.provenance.yaml`), 'utf8')) as Provenance;
      const text = readFileSync(join(ROOT, `${name}.txt`), 'utf8');
      expect(parseUdevadmWalk(text).issues).toEqual([]);
      const dir = tempDir();
      const file = join(dir, 'tree', p.saved_as);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
      const bundle = join(dir, 'b.tar.gz');
      await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
      const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
      try {
        const lines = db.prepare(`SELECT message FROM collection_issues WHERE code IN ('PARSE-LINE', 'UNKNOWN_NAME', 'NOT_READ')`).all();
        expect(lines).toHaveLength(p.truth.issues);
        for (const f of p.truth.functions) {
          const row = db.prepare('SELECT vendor_id, device_id, subsystem_vendor_id, subsystem_device_id, class_code, revision, driver, parent_key FROM devices WHERE device_key = ?').get(f.bdf);
          expect(row, f.bdf).toEqual({
            vendor_id: f.vendor, device_id: f.device, subsystem_vendor_id: f.subsystem_vendor, subsystem_device_id: f.subsystem_device,
            class_code: f.class, revision: f.revision, driver: f.driver, parent_key: f.parent,
          });
        }
        const i = p.truth.interface;
        if (i) {
          expect(db.prepare('SELECT pci_address, driver FROM devices WHERE device_key = ?').get(i.key)).toEqual({ pci_address: i.pci, driver: i.driver });
          const settings = Object.fromEntries((db.prepare(`SELECT key, value FROM settings WHERE device_key = ? AND namespace = 'sysfs'`).all(i.key) as { key: string; value: string }[]).map((r) => [r.key, r.value]));
          expect({ address: settings.address, mtu: settings.mtu, speed: settings.speed }).toEqual({ address: i.address, mtu: i.mtu, speed: i.speed });
          expect(Object.keys(settings).some((k) => k.includes('/'))).toBe(false);
        }
      } finally {
        db.close();
      }
    }, 60_000);
  }

  it('a ticket holding the typed command over the walk, and prose around it, gives the same facts', async () => {
    const walk = readFileSync(join(ROOT, 'e1000-vmware-ens33-walk.txt'), 'utf8');
    const dir = tempDir();
    mkdirSync(join(dir, 'tree'), { recursive: true });
    writeFileSync(join(dir, 'tree', 'ticket.txt'), `The NIC keeps its name, here is the walk:\n\n$ udevadm info -a -p /sys/class/net/ens33\n${walk}\nThanks\n`);
    const bundle = join(dir, 'b.tar.gz');
    await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
    const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
    try {
      expect(db.prepare('SELECT pci_address, driver FROM devices WHERE device_key = ?').get('net:ens33')).toEqual({ pci_address: '0000:02:01.0', driver: 'e1000' });
      expect(db.prepare('SELECT vendor_id, device_id FROM devices WHERE device_key = ?').get('0000:02:01.0')).toEqual({ vendor_id: 0x8086, device_id: 0x100f });
      // The writer's words above and below are told apart as such; udevadm's own explanation is no command typed.
      expect(db.prepare(`SELECT code, message FROM collection_issues`).all()).toEqual([{ code: 'PASTE-AROUND', message: 'text around the output, 2 lines, not read (lines 1, 203)' }]);
    } finally {
      db.close();
    }
  }, 60_000);
});
