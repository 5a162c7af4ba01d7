/**
 * Saved smartctl outputs that stand for one device name: two runs of one drive with different options (smartctl -j
 * prints the options it ran with), and two drives of two hosts both called sda (each prints its own serial). Each is
 * an output of its own, stored and read; before, the second of each pair shared the first's stored name and was left
 * unread ("another output of the same command was read instead").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedSmartctlArgv } from '../../collector/classes/ata/smartctl-source.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${p}`, import.meta.url), 'utf8');
// henrygd/beszel's smartctl 7.5 -aj of a P3-2TB on /dev/sda, and the same drive's run with -x instead of -a.
const P3_A = real('p3-2tb-sat-beszel-json-smartctl75.json');
const P3_X = P3_A.replace('"-aj"', '"-xj"');
// AnalogJ/scrutiny's smartctl -x -j of a Samsung 840 on /dev/sda (serial S14LNEACC02756X).
const SAMSUNG_840 = real('samsung-840-scrutiny-failed-json.json');
// A Transcend MTS420S's smartctl -x text, on another host's sda (serial F110980780).
const TRANSCEND = real('transcend-mts420s-jmb39x-attribute-check.txt');

async function replay(files: Record<string, string>): Promise<{ stored: string[]; notRead: string[]; devices: { device_key: string; serial: string | null }[] }> {
  const out = join(tempDir(), 'b.tar.gz');
  const r = await collect({ output: out, root: treeOf(files), only: ['ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return {
    stored: r.manifest.artifacts.filter((a) => a.name.startsWith('cmd/smartctl/') && a.name.endsWith('.out')).map((a) => a.replayedFrom ?? '').sort(),
    notRead: r.manifest.issues.filter((i) => i.code === 'NOT_READ').map((i) => i.target),
    devices: db.prepare(`SELECT device_key, serial FROM devices ORDER BY device_key`).all() as { device_key: string; serial: string | null }[],
  };
}

describe('one device name, several smartctl outputs', () => {
  it('a JSON output whose name gives no option is stored under the options it prints it ran with', () => {
    expect(savedSmartctlArgv('cmd/smartctl/sda.json', P3_A)).toEqual(['smartctl', '-aj', '/dev/sda']);
    expect(savedSmartctlArgv('cmd/smartctl/sda-x.json', P3_X)).toEqual(['smartctl', '-xj', '/dev/sda']);
    // Options the name gives are the name's.
    expect(savedSmartctlArgv('cmd/smartctl/smartctl -a sda.json', P3_X)).toEqual(['smartctl', '-a', '/dev/sda']);
  });

  it('two JSON runs of one drive with different options are both read, one drive', async () => {
    const r = await replay({ 'cmd/smartctl/sda.json': P3_A, 'cmd/smartctl/sda-x.json': P3_X });
    expect(r.stored).toEqual(['cmd/smartctl/sda-x.json', 'cmd/smartctl/sda.json']);
    expect(r.notRead).toEqual([]);
    expect(r.devices).toEqual([{ device_key: 'ata:sda', serial: '9C40918040082' }]);
  });

  it('two outputs resolving to one /dev name (one by its name, one by its JSON) with different serials are two drives', async () => {
    const r = await replay({ 'cmd/smartctl/smartctl -x sda.txt': TRANSCEND, 'cmd/smartctl/smartctl -x host2.json': SAMSUNG_840 });
    expect(r.stored).toEqual(['cmd/smartctl/smartctl -x host2.json', 'cmd/smartctl/smartctl -x sda.txt']);
    expect(r.notRead).toEqual([]);
    expect(r.devices.map((d) => d.serial).sort()).toEqual(['F110980780', 'S14LNEACC02756X']);
    expect(r.devices.map((d) => d.device_key)).toContain('ata:sda');
  });

  it('two outputs of one drive under one command stay one output read', async () => {
    const r = await replay({ 'cmd/smartctl/smartctl -x sda.txt': TRANSCEND, 'cmd/smartctl/smartctl -x sda again.txt': TRANSCEND });
    expect(r.stored).toHaveLength(1);
    expect(r.notRead).toHaveLength(1);
    expect(r.devices).toEqual([{ device_key: 'ata:sda', serial: 'F110980780' }]);
  });
});
