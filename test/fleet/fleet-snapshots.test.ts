/**
 * Bundles of one host collected at different times (a daily collection, a bundle before and after an update) are one
 * host to `fwsnap fleet`: the newest is compared and the others are named as left out. Before, each bundle was a host,
 * so a host updated between two snapshots was "the same model with other firmware" against itself.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fleet } from '../../analyzer/fleet/model.js';
import { collect } from '../../collector/collect.js';
import { suiteDir } from '../cli/fake-bundle.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { writeTree } from '../helpers/tmp.js';

const ethtool = (fw: string): string =>
  `driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: ${fw}\nexpansion-rom-version:\nbus-info: 0000:01:00.0\nsupports-statistics: yes\n`;

/** A tree of one host: its hostname, DMI (a PowerEdge R640 with its BIOS and, when given, serial) and an ixgbe port's `ethtool -i`. */
const host = (hostname: string, fw: string, bios: string, serial?: string): Record<string, string> => ({
  'proc/sys/kernel/hostname': `${hostname}\n`,
  'cmd/ethtool/-i_eth0.out': ethtool(fw),
  'sys/class/dmi/id/sys_vendor': 'Dell Inc.\n',
  'sys/class/dmi/id/product_name': 'PowerEdge R640\n',
  'sys/class/dmi/id/bios_vendor': 'Dell Inc.\n',
  'sys/class/dmi/id/bios_version': `${bios}\n`,
  ...(serial ? { 'sys/class/dmi/id/product_serial': `${serial}\n` } : {}),
});

const OLD = '0x800003e7';
const NEW = '0x80000aee';
const OLD_BIOS = '2.10.2';
const NEW_BIOS = '2.19.1';

describe('fwsnap fleet: older snapshots of one host', () => {
  const dir = suiteDir();
  const bundle = (name: string): string => join(dir, `${name}.tar.gz`);
  const fleet = (args: string[]): { status: number | null; f: Fleet; stderr: string } => {
    const r = fwsnap(['fleet', '--format', 'json', ...args]);
    return { status: r.status, f: JSON.parse(r.stdout) as Fleet, stderr: r.stderr };
  };
  const firmware = (f: Fleet): string[] => f.models.flatMap((m) => m.firmware.map((v) => `${v.version}×${v.hosts}`));

  beforeAll(async () => {
    ensureBuilt();
    // Collected one after the other: node7 before its update, node7 after it, node8 (already on the new firmware).
    const trees: [string, Record<string, string>][] = [
      ['node7-monday', host('node7', OLD, OLD_BIOS)],
      ['node7-tuesday', host('node7', NEW, NEW_BIOS)],
      ['node8', host('node8', NEW, NEW_BIOS)],
      ['twin-a', host('localhost', OLD, OLD_BIOS, 'CZJ1234ABC')],
      ['twin-b', host('localhost', NEW, NEW_BIOS, 'CZJ9876XYZ')],
    ];
    for (const [name, files] of trees) await collect({ output: bundle(name), root: writeTree(join(dir, name), files), isolation: 'inline' });
    for (const name of ['node7-monday', 'node8']) expect(fwsnap(['redact', '-q', bundle(name), bundle(`${name}.redacted`)]).status).toBe(0);
  }, 120_000);

  it('compares the newest bundle of a host and names the older one', () => {
    const { status, f, stderr } = fleet([bundle('node7-monday'), bundle('node7-tuesday'), bundle('node8')]);
    expect(f.hosts.map((h) => `${h.hostname} ${h.path}`)).toEqual([`node7 ${bundle('node7-tuesday')}`, `node8 ${bundle('node8')}`]);
    expect(f.olderSnapshots.map((o) => [o.path, o.hostname, o.newer.path])).toEqual([[bundle('node7-monday'), 'node7', bundle('node7-tuesday')]]);
    expect(f.summary.olderSnapshots).toBe(1);
    expect(firmware(f)).toEqual([`${NEW_BIOS}×2`, `${NEW}×2`]);
    expect(f.findings).toEqual([]);
    expect(status).toBe(0);
    expect(stderr).toContain('1 bundle(s) left out as older snapshots');
  });

  it('says so in text: the summary line and the list of what was left out', () => {
    const r = fwsnap(['fleet', bundle('node7-monday'), bundle('node7-tuesday'), bundle('node8')]);
    expect(r.stdout.split('\n')[0]).toMatch(/^fleet of 2 host\(s\) \(1 older snapshot\(s\) of them left out\): /);
    expect(r.stdout).toContain(`OLDER SNAPSHOTS LEFT OUT (1; --every-bundle compares them too)\n  ${bundle('node7-monday')} (node7, collected `);
  });

  it('--every-bundle compares every bundle, the update then standing out as before', () => {
    const { status, f } = fleet(['--every-bundle', bundle('node7-monday'), bundle('node7-tuesday'), bundle('node8')]);
    expect(f.hosts).toHaveLength(3);
    expect(f.olderSnapshots).toEqual([]);
    expect(firmware(f)).toEqual([`${NEW_BIOS}×2`, `${OLD_BIOS}×1`, `${NEW}×2`, `${OLD}×1`]);
    expect(f.summary.mixedModels).toBe(2);
    // node7 against itself: its BIOS before the update is "other firmware" than the fleet's.
    expect(f.findings.map((x) => `${x.rule} ${x.message.split(';')[0]}`)).toEqual([`fleet.firmware-differs-same-model node7 platform (Dell Inc. PowerEdge R640) runs ${OLD_BIOS}`]);
    expect(status).toBe(1);
  });

  it('chooses the same from a database holding every snapshot', () => {
    const db = join(dir, 'fleet.db');
    expect(fwsnap(['analyze', '-q', bundle('node7-tuesday'), bundle('node8'), bundle('node7-monday'), '--db', db]).status).not.toBe(2);
    const { status, f } = fleet([db]);
    expect(f.hosts.map((h) => h.hostname)).toEqual(['node7', 'node8']);
    expect(f.hosts[0]!.path).toBe(bundle('node7-tuesday'));
    expect(f.olderSnapshots.map((o) => o.path)).toEqual([bundle('node7-monday')]);
    expect(status).toBe(0);
    expect(fleet(['--every-bundle', db]).f.hosts).toHaveLength(3);
  });

  it('keeps two machines that share a hostname apart by their DMI serial', () => {
    const { f } = fleet([bundle('twin-a'), bundle('twin-b')]);
    expect(f.hosts.map((h) => h.hostname)).toEqual(['localhost', 'localhost']);
    expect(f.olderSnapshots).toEqual([]);
  });

  it('keeps redacted bundles apart: each redaction map gives its host the same token', () => {
    const { f } = fleet([bundle('node7-monday.redacted'), bundle('node8.redacted')]);
    const [a, b] = f.hosts.map((h) => h.hostname);
    expect(a).toMatch(/^h0*1$/);
    expect(b).toBe(a);
    expect(f.olderSnapshots).toEqual([]);
    // A database merged them into one host by that token before.
    const db = join(dir, 'redacted.db');
    expect(fwsnap(['analyze', '-q', bundle('node7-monday.redacted'), bundle('node8.redacted'), '--db', db]).status).not.toBe(2);
    expect(fleet([db]).f.hosts).toHaveLength(2);
  });
});
