/**
 * A ticket's `smartctl -a /dev/nvme0 | grep -i firmware` or `smartctl -i /dev/sda | grep -iE "model|firmware"`, followed
 * by the lines the filter kept: an excerpt of the output (collector/output-filter.ts). Before, an excerpt that kept no
 * line smartctl's older grep handling took for the start of its information (a `Firmware Version:` alone) was refused:
 * "no information section and no health line". The outputs are the corpus samples nvme/…/smartctl/samsung-970-evo-plus-pve
 * (a Samsung 970 EVO Plus, smartctl 7.2) and ata/…/smartctl/apacer-as340-windows (an Apacer AS340, smartctl 7.3) filtered
 * as a person would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const lines = (path: string): string[] => readFileSync(new URL(path, import.meta.url), 'utf8').split(/\r?\n/);
const NVME = lines('../nvme/fixtures/real/smartctl/samsung-970-evo-plus-pve.txt');
const ATA = lines('./fixtures/real/smartctl/apacer-as340-windows.txt');
const grep = (output: string[], re: RegExp): string => output.filter((l) => re.test(l)).join('\n');

async function read(ticket: string) {
  const { db } = await replayTree({ 'ticket.txt': ticket });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      devices: all<{ device_key: string; class: string; model: string | null; serial: string | null }>(`SELECT device_key, class, model, serial FROM devices`),
      rows: all<{ f: string }>(`SELECT 'firmware ' || device_key || ' ' || version || ' ' || state AS f FROM firmware UNION ALL SELECT 'setting ' || device_key || ' ' || namespace || ' ' || key || ' ' || value FROM settings ORDER BY 1`).map((r) => r.f),
      issues: all<{ m: string }>(`SELECT code || ' ' || message AS m FROM collection_issues WHERE code NOT IN ('NOT_READ', 'PASTE-AROUND')`).map((i) => i.m),
    };
  } finally {
    db.close();
  }
}

const FILTERED = (line: number, filter: string): string =>
  `PASTE-FILTERED line ${line}: the output was filtered by \`${filter}\`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent`;

describe('a smartctl output filtered by a pipe', () => {
  it("an NVMe drive's firmware line alone: stored for the controller the command names, NVMe by its node, no model or serial made up", async () => {
    const r = await read(`Which firmware is this?\n\n$ sudo smartctl -a /dev/nvme0 | grep "Firmware Version"\n${grep(NVME, /Firmware Version/)}\n`);
    expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', class: 'nvme', model: null, serial: null }]);
    expect(r.rows).toEqual([
      'firmware nvme:nvme0 2B2QEXM7 running',
      'setting nvme:nvme0 smartctl firmware_version 2B2QEXM7',
      'setting nvme:nvme0 smartctl protocol NVMe',
    ]);
    expect(r.issues).toEqual([FILTERED(3, 'grep "Firmware Version"')]);
  });

  it('grep -i firmware keeps the Firmware Updates line too: its slots are stored', async () => {
    const r = await read(`# smartctl -a /dev/nvme0 | grep -i firmware\n${grep(NVME, /firmware/i)}\n`);
    expect(r.rows).toContain('firmware nvme:nvme0 2B2QEXM7 running');
    expect(r.rows).toContain('setting nvme:nvme0 smartctl firmware_slots 3');
    expect(r.issues).toEqual([FILTERED(1, 'grep -i firmware')]);
  });

  it("an ATA drive's model and firmware lines (read before too: Model Family opened the older grep handling's information)", async () => {
    const r = await read(`$ smartctl -i /dev/sda | grep -iE "model|firmware"\n${grep(ATA, /model|firmware/i)}\n`);
    expect(r.devices).toEqual([{ device_key: 'ata:sda', class: 'ata', model: 'Apacer AS340 240GB', serial: null }]);
    expect(r.rows).toEqual([
      'firmware ata:sda V4.25.0 running',
      'setting ata:sda smartctl firmware_version V4.25.0',
      'setting ata:sda smartctl model Apacer AS340 240GB',
      'setting ata:sda smartctl model_family Apacer AS340 SSDs',
      'setting ata:sda smartctl protocol ATA',
    ]);
    expect(r.issues).toEqual([FILTERED(1, 'grep -iE "model|firmware"')]);
  });

  it("an ATA drive's serial and firmware lines: stored for the disk the command names, no protocol guessed from /dev/sda", async () => {
    const r = await read(`$ smartctl -i /dev/sda | grep -iE "serial|firmware"\n${grep(ATA, /serial|firmware/i)}\n`);
    expect(r.devices).toEqual([{ device_key: 'block:sda', class: 'block', model: null, serial: 'LKC125R001176' }]);
    expect(r.rows).toEqual([
      'firmware block:sda V4.25.0 running',
      'setting block:sda smartctl firmware_version V4.25.0',
      'setting block:sda smartctl serial LKC125R001176',
    ]);
    expect(r.issues).toEqual([FILTERED(1, 'grep -iE "serial|firmware"')]);
  });

  it('a serial and the health verdict kept of an ATA drive: no protocol is guessed from /dev/sda', async () => {
    const r = await read(`$ sudo smartctl -a /dev/sda | grep -iE "serial|result"\n${grep(ATA, /serial|result/i)}\n`);
    expect(r.rows).toEqual([
      'setting block:sda smartctl health PASSED',
      'setting block:sda smartctl serial LKC125R001176',
    ]);
    expect(r.issues).toEqual([FILTERED(1, 'grep -iE "serial|result"')]);
  });
});
