import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Real `ethtool -m` outputs (fixtures/real-ethtool-m/: an SFP's and a QSFP28's, whose shapes differ), each with where
 * it was published and what a person reads off it, saved in a captured tree as a person would, collected and analysed:
 * the plugged module's identity is the interface's `ethtool.module` settings.
 */

const ROOT = new URL('./fixtures/real-ethtool-m/', import.meta.url).pathname;

interface Provenance {
  saved_as: string;
  truth: { device: string; issues: number; module: Record<string, string> };
}

const SAMPLES = readdirSync(ROOT).filter((f) => f.endsWith('.provenance.yaml')).map((f) => f.replace(/\.provenance\.yaml$/, '')).sort();

async function analysed(files: Record<string, string>): Promise<Awaited<ReturnType<typeof analyze>>['db']> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, 'tree', name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  const bundle = join(dir, 'b.tar.gz');
  await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
  return (await analyze({ bundles: [bundle], minSeverity: 'info' })).db;
}

const moduleOf = (db: Awaited<ReturnType<typeof analyze>>['db'], device: string): Record<string, string> =>
  Object.fromEntries((db.prepare(`SELECT key, value FROM settings WHERE device_key = ? AND namespace = 'ethtool.module'`).all(device) as { key: string; value: string }[]).map((r) => [r.key, r.value]));

describe('a pasted ethtool -m gives the plugged module as the interface has it', () => {
  it('has an SFP and a QSFP28 sample', () => expect(SAMPLES.length).toBeGreaterThanOrEqual(2));

  for (const name of SAMPLES) {
    it(name, async () => {
      const p = parseYaml(readFileSync(join(ROOT, `${name}.provenance.yaml`), 'utf8')) as Provenance;
      const db = await analysed({ [p.saved_as]: readFileSync(join(ROOT, `${name}.txt`), 'utf8') });
      try {
        expect(db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('PARSE-LINE', 'UNKNOWN_NAME', 'NOT_READ', 'NO-INTERFACE')`).all()).toHaveLength(p.truth.issues);
        expect(db.prepare('SELECT class FROM devices WHERE device_key = ?').get(p.truth.device)).toEqual({ class: 'net' });
        expect(moduleOf(db, p.truth.device)).toEqual(p.truth.module);
      } finally {
        db.close();
      }
    }, 60_000);
  }

  it('typed in a ticket above the ethtool -i of the same interface, both are read onto it', async () => {
    const module = readFileSync(join(ROOT, 'sfp-jdsu-cumulus-docs.txt'), 'utf8');
    const ticket = `Link flaps on swp3, module and driver below.\n\n${module}cumulus@switch$ sudo ethtool -i swp3\ndriver: mlxsw_spectrum\nversion: 1.0\nfirmware-version: 13.2008.2406\nbus-info: 0000:01:00.0\n`;
    const db = await analysed({ 'ticket.txt': ticket });
    try {
      expect(moduleOf(db, 'net:swp3')).toMatchObject({ vendor_name: 'JDSU', vendor_pn: 'PLRXPL-VI-S24-22', vendor_rev: '1' });
      expect(db.prepare('SELECT driver FROM devices WHERE device_key = ?').get('net:swp3')).toEqual({ driver: 'mlxsw_spectrum' });
    } finally {
      db.close();
    }
  }, 60_000);
});
