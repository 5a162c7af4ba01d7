/**
 * One saved file holding two controllers' `nvme smart-log`: a loop a person typed, each output under their own
 * `-- nvme0 --` heading (echoed by the loop) or only under nvme-cli's heading. Each is read as its controller's.
 * The fixture is a reply on platform-driver-x86 (Corey Hickey, 2024-10-15, "Re: please help with intermittent s2idle
 * problem on AMD laptop", Message-ID <f9937da3-6ce6-487c-8d4b-7001dfe212e3@fatooh.org>): the loop's command line and its
 * output, as the mail printed them (nvme-cli 2 set to Fahrenheit: `86 °F (303 K)`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { controllerSection, sectionControllers } from '../../collector/classes/nvme/node-sections.js';
import { replaySaved } from '../helpers/replay-tree.js';

const MAIL = readFileSync(new URL('./fixtures/smart-log-loop-two-controllers-fahrenheit.txt', import.meta.url), 'utf8');

async function smartRows(text: string): Promise<{ rows: Record<string, Record<string, string | null>>; unread: number; issues: string[] }> {
  const r = await replaySaved('cmd/nvme/smart-log.txt', text);
  const rows: Record<string, Record<string, string | null>> = {};
  const all = r.db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'nvme.smart'`).all() as { device_key: string; key: string; value: string | null }[];
  for (const x of all) (rows[x.device_key] ??= {})[x.key] = x.value;
  const issues = r.db.prepare(`SELECT code FROM collection_issues`).all() as { code: string }[];
  return { rows, unread: issues.filter((i) => i.code === 'PARSE-LINE').length, issues: issues.map((i) => i.code) };
}

describe('smart-logs of two controllers in one saved file', () => {
  it('are read each under its controller, from the loop with echoed headings', async () => {
    const { rows, unread, issues } = await smartRows(MAIL);
    expect(Object.keys(rows).sort()).toEqual(['nvme:nvme0', 'nvme:nvme1']);
    expect(rows['nvme:nvme0']).toMatchObject({ power_cycles: '157', power_on_hours: '8', unsafe_shutdowns: '8', data_units_read: '5322091' });
    expect(rows['nvme:nvme1']).toMatchObject({ power_cycles: '5745', power_on_hours: '45', unsafe_shutdowns: '5597', data_units_written: '3422763' });
    expect(unread).toBe(0);
    expect(issues).not.toContain('UNKNOWN_NAME');
  });

  it('a temperature printed in Fahrenheit is stored in Celsius, from the Kelvin beside it', async () => {
    const { rows } = await smartRows(MAIL);
    expect(rows['nvme:nvme0']!.temperature_c).toBe('30');
  });

  it('are read each under its controller with nvme-cli\'s headings only (no echo in the loop)', async () => {
    const bare = MAIL.split('\n').filter((l) => !/^-- nvme\d --$/.test(l)).join('\n').replace('echo "-- $i --" ; ', '');
    const { rows, unread } = await smartRows(bare);
    expect(Object.keys(rows).sort()).toEqual(['nvme:nvme0', 'nvme:nvme1']);
    expect(rows['nvme:nvme1']).toMatchObject({ power_cycles: '5745', unsafe_shutdowns: '5597' });
    expect(unread).toBe(0);
  });

  it('a section keeps its lines at their numbers; one controller\'s file is not split', () => {
    expect(sectionControllers(MAIL)).toEqual(['nvme0', 'nvme1']);
    const one = controllerSection(MAIL, 'nvme1').split('\n');
    expect(one).toHaveLength(MAIL.split('\n').length);
    expect(one.findIndex((l) => l.startsWith('Smart Log'))).toBe(MAIL.split('\n').findIndex((l) => l.startsWith('Smart Log for NVME device:nvme1')));
    const first = MAIL.slice(0, MAIL.indexOf('-- nvme1 --'));
    expect(sectionControllers(first)).toEqual([]);
    expect(controllerSection(first, 'nvme0')).toBe(first);
  });
});
