/**
 * smartctl's ATA attribute table is stored (`smartctl.attribute`, `<id>/<field>`): the long form of -A/-a, the brief
 * form of -x (`PO--CK`, `NOW`), -j's `ata_smart_attributes.table`, and the rows a filter kept (`| grep -i temp`), the
 * same keys and values whichever printed it. Before, none of it was stored: a FAILING_NOW attribute left no trace.
 * And an excerpt whose filter kept nothing read (`smartctl -a /dev/sda | grep -i temp` of SCT status lines) is stored
 * as an excerpt with nothing derived, no longer refused as "not smartctl output". The outputs are corpus samples.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${name}`, import.meta.url), 'utf8');

async function read(tree: Record<string, string>) {
  const { db } = await replayTree(tree);
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    const attrs = all<{ device_key: string; key: string; value: string }>(`SELECT device_key, key, value FROM settings WHERE namespace = 'smartctl.attribute'`);
    return {
      devices: all<{ device_key: string; class: string }>(`SELECT device_key, class FROM devices`),
      attr: (key: string): string | undefined => attrs.find((a) => a.key === key)?.value,
      ids: [...new Set(attrs.map((a) => Number(a.key.split('/')[0])))].sort((a, b) => a - b),
      parseErrors: all<{ e: string | null }>(`SELECT parse_error e FROM artifacts WHERE name LIKE 'cmd/smartctl/%.out'`).map((r) => r.e),
      issues: all<{ m: string }>(`SELECT code || ' ' || message AS m FROM collection_issues WHERE code NOT IN ('NOT_READ', 'PASTE-AROUND')`).map((i) => i.m),
    };
  } finally {
    db.close();
  }
}

describe('the ATA SMART attribute table', () => {
  it('long form (-a), FAILING_NOW: every row stored with its fields', async () => {
    const r = await read({ 'cmd/smartctl/-a_%2fdev%2fsda.out': real('samsung-hd204ui-failed-smartctl540-pyprobe.txt') });
    expect(r.attr('3/name')).toBe('Spin_Up_Time');
    expect(r.attr('3/when_failed')).toBe('FAILING_NOW');
    expect([r.attr('3/value'), r.attr('3/worst'), r.attr('3/thresh'), r.attr('3/type'), r.attr('3/updated'), r.attr('3/flags'), r.attr('3/raw')])
      .toEqual(['21', '21', '25', 'Pre-fail', 'Always', '0x0023', '24193']);
    expect(r.attr('1/when_failed')).toBe('-');
  });

  it("brief form (-x): NOW as FAILING_NOW, P and O flags as the long form's type and updated, --- left out", async () => {
    const r = await read({ 'cmd/smartctl/-x_%2fdev%2fsda.out': real('crucial-ct525mx300ssd1-failed-linuxhw-smartctl66.txt') });
    expect([r.attr('202/name'), r.attr('202/when_failed'), r.attr('202/value'), r.attr('202/thresh'), r.attr('202/type'), r.attr('202/updated'), r.attr('202/raw')])
      .toEqual(['Percent_Lifetime_Used', 'FAILING_NOW', '0', '1', 'Old_age', 'Offline', '100']);
    const m = await read({ 'cmd/smartctl/-x_%2fdev%2fsda.out': real('marvell-sd88sa024sa0-sun24g-linuxhw-smartctl70.txt') });
    expect([m.attr('12/name'), m.attr('12/value'), m.attr('12/worst'), m.attr('12/thresh'), m.attr('12/updated')]).toEqual(['Power_Cycle_Count', '0', '116', undefined, 'Always']);
  });

  it('-j: ata_smart_attributes.table, the same keys and values', async () => {
    const r = await read({ 'cmd/smartctl/-j_-a_%2fdev%2fsda.out': real('hgst-hms5c4040ble640-ata-libblockdev-json-smartctl73.json') });
    expect([r.attr('1/name'), r.attr('1/value'), r.attr('1/thresh'), r.attr('1/type'), r.attr('1/updated'), r.attr('1/flags'), r.attr('1/when_failed'), r.attr('1/raw')])
      .toEqual(['Raw_Read_Error_Rate', '100', '16', 'Pre-fail', 'Always', '0x000b', '-', '0']);
    expect(r.attr('2/updated')).toBe('Offline');
  });

  it('the table pasted alone, a maintainer\'s elided excerpt of it', async () => {
    const r = await read({ 'cmd/smartctl/smartctl -A.txt': real('attributes-excerpt-failing-now-smartmontools163.txt') });
    expect(r.ids).toEqual([232]);
    expect(r.attr('232/when_failed')).toBe('FAILING_NOW');
  });

  it("a grep of the output keeps attribute rows: read as the ATA drive's, named by the command's node", async () => {
    const rows = real('samsung-hd204ui-failed-smartctl540-pyprobe.txt').split('\n').filter((l) => /temp/i.test(l)).join('\n');
    const r = await read({ 'ticket.txt': `$ sudo smartctl -a /dev/sda | grep -i temp\n${rows}\n` });
    expect(r.parseErrors).toEqual([null]);
    expect(r.devices).toEqual([{ device_key: 'ata:sda', class: 'ata' }]);
    expect(r.attr('194/name')).toBe('Temperature_Celsius');
  });

  it('a grep that kept nothing read (SCT temperature lines): stored as an excerpt, nothing derived, not refused', async () => {
    const text = ['$ sudo smartctl -x /dev/sda | grep -i temp', 'SCT Temperature History Version:     2', 'Current Temperature:                    31 Celsius',
      'Power Cycle Min/Max Temperature:     29/31 Celsius', 'Lifetime    Min/Max Temperature:     18/45 Celsius', ''].join('\n');
    const r = await read({ 'ticket.txt': text });
    expect(r.parseErrors).toEqual([null]);
    expect(r.devices.filter((d) => d.class !== 'kernel')).toEqual([]);
    expect(r.issues.filter((m) => !m.startsWith('PASTE-FILTERED'))).toEqual([]);
  });

  it('-j through jq: a path puts its member back (`jq .ata_smart_attributes`); a document of no member read is an excerpt, not refused', async () => {
    const doc = JSON.parse(real('hgst-hms5c4040ble640-ata-libblockdev-json-smartctl73.json')) as Record<string, unknown>;
    const table = JSON.stringify(doc.ata_smart_attributes, null, 2);
    const r = await read({ 'ticket.txt': `$ sudo smartctl -j -a /dev/sda | jq .ata_smart_attributes\n${table}\n` });
    expect(r.parseErrors).toEqual([null]);
    expect(r.devices).toEqual([{ device_key: 'ata:sda', class: 'ata' }]);
    expect([r.attr('1/name'), r.attr('1/thresh')]).toEqual(['Raw_Read_Error_Rate', '16']);
    const t = await read({ 'ticket.txt': `$ sudo smartctl -j -a /dev/sda | jq '.temperature'\n${JSON.stringify(doc.temperature, null, 2)}\n` });
    expect(t.parseErrors).toEqual([null]);
    expect(t.devices.filter((d) => d.class !== 'kernel')).toEqual([]);
    expect(t.issues.filter((m) => !m.startsWith('PASTE-FILTERED'))).toEqual([]);
  });

  it('a row a terminal of 80 columns wrapped before its raw value: the raw value read from the next line', async () => {
    const r = await read({ 'cmd/smartctl/-a_%2fdev%2fsda.out': real('seagate-st3320613as-cc2j-windows-smartctl63-cmd-prompt-wrapped-80-columns.txt') });
    expect([r.attr('1/name'), r.attr('1/raw'), r.attr('190/raw'), r.attr('198/updated'), r.attr('198/raw')]).toEqual(['Raw_Read_Error_Rate', '82274666', '25 (Min/Max 21/25)', 'Offline', '0']);
  });

  it('rows a mail wrapped at 72 columns after their type (linux-raid reply quoting smartctl -a five deep: `… Pre-fail` then `Always  -  0`): every row read', async () => {
    // Before, none of the 17 rows was read: only a row wrapped right before its raw value was joined.
    const r = await read({ 'cmd/smartctl/-a_sdc.out': real('wdc-wd30ezrx-linux-raid-mail-quoted-five-deep-wrapped.txt') });
    expect(r.ids).toEqual([1, 3, 4, 5, 7, 9, 10, 11, 12, 192, 193, 194, 196, 197, 198, 199, 200]);
    expect([r.attr('1/type'), r.attr('1/raw'), r.attr('9/value'), r.attr('9/raw'), r.attr('193/raw'), r.attr('198/updated'), r.attr('200/when_failed')])
      .toEqual(['Pre-fail', '0', '75', '18577', '176661', 'Offline', '-']);
  });

  /** The real OpenBSD -x of an Apple HTS545050A7E362 (bsdhw/SMART), its long table's rows wrapped as a page, a mail or a terminal does. */
  const apple = real('apple-hts545050a7e362-bsdhw-openbsd.txt');
  const row194 = '194 Temperature_Celsius     0x0002   157   157   000    Old_age   Always       -       38 (Min/Max 14/47)';
  const row9 = '  9 Power_On_Hours          0x0012   085   085   000    Old_age   Always       -       6681';

  it('a raw value a mail broke inside its brackets (`38 (Min/Max` then `14/47)`): read whole', async () => {
    expect(apple).toContain(row194);
    const r = await read({ 'cmd/smartctl/-x_wd0.out': apple.replace(row194, '194 Temperature_Celsius     0x0002   157   157   000    Old_age   Always       -       38 (Min/Max\n14/47)') });
    expect([r.attr('194/raw'), r.attr('194/value')]).toEqual(['38 (Min/Max 14/47)', '157']);
    expect(r.ids).toContain(9);
  });

  it('rows a terminal cut at 80 columns (in the blanks before a raw value, and before a long raw value), or a page wrapped between name and flags: read whole', async () => {
    expect(row9.length).toBeGreaterThan(80);
    const cut = apple.replace(row9, `${row9.slice(0, 80)}\n${row9.slice(80)}`).replace(row194, `${row194.slice(0, 80)}\n${row194.slice(80)}`)
      .replace('  1 Raw_Read_Error_Rate     0x000b', '  1 Raw_Read_Error_Rate\n0x000b');
    const r = await read({ 'cmd/smartctl/-x_wd0.out': cut });
    expect([r.attr('9/raw'), r.attr('194/raw'), r.attr('1/name'), r.attr('1/thresh'), r.attr('1/raw')]).toEqual(['6681', '38 (Min/Max 14/47)', 'Raw_Read_Error_Rate', '62', '0']);
  });

  it('a row is never glued to the next row, nor to a line it does not complete', async () => {
    const open = apple.replace(row194, '194 Temperature_Celsius     0x0002   157   157   000    Old_age   Always       -       38 (Min/Max');
    const o = await read({ 'cmd/smartctl/-x_wd0.out': open });
    // The row after it is its own; the open bracket stays as printed.
    expect([o.attr('194/raw'), o.attr('196/raw')]).toEqual(['38 (Min/Max', '0']);
    const start = apple.replace(row9, '  9 Power_On_Hours          0x0012   085   085   000    Old_age\nthis drive is old');
    const s = await read({ 'cmd/smartctl/-x_wd0.out': start });
    expect(s.attr('9/raw')).toBeUndefined();
    expect(s.ids).toContain(10);
  });

  it("a ticket's excerpts filtered down to lines naming no drive (smartctl_exporter #118: jq of one -j member, grep of one SAS line): all stored, nothing derived, none refused", async () => {
    const ticket = readFileSync(new URL('./fixtures/smartctl-no-device/sas-grown-defects-smartctl-exporter118.txt', import.meta.url), 'utf8');
    const r = await read({ 'ticket.txt': ticket });
    expect(r.parseErrors.length).toBeGreaterThanOrEqual(3);
    expect(r.parseErrors.filter((e) => e !== null)).toEqual([]);
    expect(r.issues.filter((m) => m.startsWith('PARSE'))).toEqual([]);
  });
});
