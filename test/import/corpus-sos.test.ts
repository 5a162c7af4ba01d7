import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedSmartctlArgv } from '../../collector/classes/ata/smartctl-source.js';
import { pastedMstArgv } from '../../collector/classes/mlx5/pasted.js';
import { savedDevlinkCommand } from '../../collector/classes/nic/devlink.js';
import { savedDriverInfoInterface } from '../../collector/classes/nic/net.js';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';
import { importReport } from '../../collector/import/import-report.js';
import { tempDir } from '../helpers/tmp.js';
import { sosFileName, sosMarkers, writeReport } from './report-builder.js';

/**
 * Every real public output of the project's corpora that a sosreport would hold (lspci, ethtool -i, devlink dev info
 * text, mstflint/flint and mstconfig queries of a PCI address, nvme id-ctrl and fw-log, smartctl without -d) is
 * put into a sosreport under the file name sos gives that command, in the plugin directory sos writes it to,
 * then imported and analysed. The rows must equal those of the same output replayed from a captured tree under
 * the name its provenance gives (what the corpora's own tests check against each sample's stated truth).
 */

const CORPORA = [...['nic', 'mlx5', 'nvme', 'ata'].map((c) => `../${c}/fixtures/real/`), '../pci/fixtures/real-lspci/'].map((d) => new URL(d, import.meta.url).pathname);

interface Sample {
  file: string;
  savedAs: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.provenance.yaml')) {
        const stem = join(d, e.name.replace(/\.provenance\.yaml$/, ''));
        const file = ['.txt', '.json'].map((x) => stem + x).find((p) => existsSync(p));
        const p = parseYaml(readFileSync(join(d, e.name), 'utf8')) as { saved_as?: string };
        if (file && p.saved_as) out.push({ file, savedAs: p.saved_as });
      }
    }
  };
  for (const c of CORPORA) walk(c);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

const BDF = /^(?:([0-9a-f]{4}):)?([0-9a-f]{2}:[0-9a-f]{2}\.[0-7])$/;

/** The command sos runs for the same thing, and its plugin; undefined when sos would never produce this output. */
function sosCommand(s: Sample, text: string): { plugin: string; argv: string[] } | undefined {
  const tool = s.savedAs.split('/')[1]!;
  const name = basename(s.savedAs);
  // sos's pci plugin runs `lspci -nnvv` whatever a person typed; the loader reads the text, not the options.
  if (tool === 'lspci') return { plugin: 'pci', argv: ['lspci', '-nnvv'] };
  if (tool === 'ethtool') {
    const ifname = savedDriverInfoInterface(s.savedAs);
    return ifname ? { plugin: 'networking', argv: ['ethtool', '-i', ifname] } : undefined;
  }
  if (tool === 'devlink') {
    const argv = savedDevlinkCommand(s.savedAs);
    // sos runs `devlink dev info` as text, without a handle.
    return argv?.join(' ') === 'devlink dev info' && !text.trimStart().startsWith('{') ? { plugin: 'networking', argv } : undefined;
  }
  if (['mstflint', 'flint', 'mstconfig', 'mlxconfig'].includes(tool)) {
    const argv = pastedMstArgv(tool, name);
    const d = argv ? argv.indexOf('-d') : -1;
    const m = d >= 0 ? BDF.exec(argv![d + 1]!) : null;
    if (!m) return undefined;
    const bdf = `${m[1] ?? '0000'}:${m[2]}`;
    const query = tool === 'mstconfig' || tool === 'mlxconfig' ? ['mstconfig', '-d', bdf, '-e', 'q'] : [tool, '-d', bdf, 'q'];
    return { plugin: 'mellanox_firmware', argv: query };
  }
  if (tool === 'nvme') {
    const c = savedNvmeCommand(s.savedAs, text);
    if (!c || !['id-ctrl', 'fw-log'].includes(c.argv[1]!) || c.argv.some((w) => w === 'json')) return undefined;
    return { plugin: 'nvme', argv: c.argv[1] === 'id-ctrl' ? ['nvme', 'id-ctrl', '-H', c.argv[2]!] : ['nvme', 'fw-log', c.argv[2]!] };
  }
  if (tool === 'smartctl') {
    const argv = savedSmartctlArgv(s.savedAs, text);
    if (!argv || argv.includes('-d') || argv.some((w) => w.startsWith('--device'))) return undefined;
    const dev = argv.at(-1)!;
    if (!dev.startsWith('/dev/')) return undefined;
    const json = argv.some((w) => w === '-j' || w.startsWith('--json') || /^-[a-z]*j/.test(w));
    return dev.startsWith('/dev/nvme')
      ? { plugin: 'nvme', argv: ['smartctl', '--all', dev, ...(json ? ['-j'] : [])] }
      : { plugin: 'ata', argv: ['smartctl', '-a', dev, ...(json ? ['-j'] : [])] };
  }
  return undefined;
}

interface Rows {
  devices: string[];
  firmware: string[];
  settings: number;
  links: string[];
}

async function rows(bundle: string): Promise<Rows> {
  const db = openDatabase(':memory:');
  try {
    await loadBundle(db, bundle);
    return {
      devices: (db.prepare('SELECT device_key, class, driver FROM devices ORDER BY device_key').all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)),
      firmware: (db.prepare('SELECT device_key, component, state, version FROM firmware ORDER BY 1, 2, 3, 4').all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)),
      settings: (db.prepare('SELECT count(*) AS n FROM settings').get() as { n: number }).n,
      links: (db.prepare('SELECT device_key, max_speed_gts, max_width, speed_gts, width FROM pci_links ORDER BY 1, 2, 3, 4, 5').all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)),
    };
  } finally {
    db.close();
  }
}

const ALL = samples().flatMap((s) => {
  const cmd = sosCommand(s, readFileSync(s.file, 'latin1'));
  return cmd ? [{ ...s, ...cmd }] : [];
});

describe('real corpus outputs inside sosreports', () => {
  it('covers every tool a sosreport holds that the classes read', () => {
    const tools = new Set(ALL.map((s) => s.argv[0]));
    for (const t of ['lspci', 'ethtool', 'devlink', 'mstflint', 'mstconfig', 'nvme', 'smartctl']) expect(tools, t).toContain(t);
    expect(ALL.length).toBeGreaterThanOrEqual(80);
  });

  for (const [i, s] of ALL.entries()) {
    const layout = i % 2 === 0 ? '4.0' : '4.12';
    it(`${basename(dirname(s.file))}/${basename(s.file)} as sos_commands/${s.plugin}/${sosFileName(s.argv)} (sos ${layout})`, async () => {
      const dir = tempDir();
      const data = readFileSync(s.file);
      const reportPath = `sos_commands/${s.plugin}/${sosFileName(s.argv)}`;
      const report = writeReport(dir, 'sosreport-host-2026-12-01-abcdefg', { ...sosMarkers(layout), [reportPath]: data });
      const imported = await importReport({ input: report, output: join(dir, 'imported.tar.gz'), isolation: 'inline' });
      const stored = imported.manifest.artifacts.find((a) => a.imported?.path === reportPath);
      expect(stored, `${reportPath} reached the bundle`).toBeDefined();
      expect(stored!.source, 'a class read it, not only the import').not.toBe('import');
      expect(imported.manifest.host.collectedFrom).toBe('import');
      expect(imported.manifest.options.imported).toEqual({ report: 'sosreport', version: layout === '4.0' ? '4.0' : '4.12.0' });

      const tree = join(dir, 'tree');
      mkdirSync(dirname(join(tree, s.savedAs)), { recursive: true });
      writeFileSync(join(tree, s.savedAs), data);
      await collect({ output: join(dir, 'replayed.tar.gz'), root: tree, isolation: 'inline' });

      const a = await rows(join(dir, 'imported.tar.gz'));
      const b = await rows(join(dir, 'replayed.tar.gz'));
      expect(a.firmware.length + a.devices.length, 'the output gave rows').toBeGreaterThan(0);
      expect(a.devices).toEqual(b.devices);
      expect(a.firmware).toEqual(b.firmware);
      expect(a.settings).toBe(b.settings);
      expect(a.links).toEqual(b.links);
    });
  }
});
