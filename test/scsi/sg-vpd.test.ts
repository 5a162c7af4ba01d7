/** The scsi class's sg_vpd reader, on real public outputs (their truth in the provenance files) and on the names people save them under. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSgVpd } from '../../analyzer/classes/scsi/sg-vpd.js';
import { savedSgVpdArgv } from '../../collector/classes/scsi/saved-sg-vpd.js';
import { REAL } from './real-samples.js';
import { replayScsi } from './replay-saved.js';

interface Truth {
  node: string;
  serial?: string;
  naa?: string;
  /** The logical unit's EUI-64 designator where it has no NAA (`eui.<hex>`), stored as its name as an NAA is. */
  eui64?: string;
  t10_vendor?: string;
  /** The logical unit's SCSI name string where it has neither (an NVMe namespace through a SCSI translation), stored as its name. */
  scsi_name?: string;
  model?: string | null;
  firmware?: string | null;
  drive?: boolean;
  line_issues: number;
}

const samples = readdirSync(REAL)
  .filter((f) => f.startsWith('sg_vpd') && f.endsWith('.txt'))
  .map((f) => {
    const name = f.slice(0, -'.txt'.length);
    const p = parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { saved_as: string; truth: Truth };
    return { name, text: readFileSync(`${REAL}${f}`, 'utf8'), savedAs: p.saved_as, truth: p.truth };
  });

async function replay(files: Record<string, string | Buffer>) {
  const r = await replayScsi(files);
  return {
    ...r,
    vpd: Object.fromEntries(r.q(`SELECT key, value FROM settings WHERE namespace = 'vpd'`).map((s) => [s.key, s.value])),
    lineIssues: r.q(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).length,
  };
}

describe('sg_vpd on real public outputs', () => {
  it('has the corpus: sg_vpd -a of two USB bridges, page 0x89 behind libata and an LSI SAT layer', () => {
    expect(samples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s: every field its truth names, unread lines counted', (_, s) => {
    const r = parseSgVpd(s.text);
    if (s.truth.serial !== undefined) expect(r.ata?.serial ?? r.serial).toBe(s.truth.serial);
    if (s.truth.naa !== undefined) expect(`naa.${r.naa?.slice(2)}`).toBe(s.truth.naa);
    if (s.truth.eui64 !== undefined) expect(`eui.${r.eui64?.slice(2)}`).toBe(s.truth.eui64);
    if (s.truth.t10_vendor !== undefined) expect(r.t10?.vendor).toBe(s.truth.t10_vendor);
    if (s.truth.model) expect(r.ata?.model).toBe(s.truth.model);
    if (s.truth.firmware) expect(r.ata?.firmware).toBe(s.truth.firmware);
    expect(r.issues.length).toBe(s.truth.line_issues);
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s: saved under its name, collected and loaded, the drive at its node as its truth says', async (_, s) => {
    const r = await replay({ [s.savedAs]: s.text });
    expect(r.notRead).toEqual([]);
    const key = `scsi:${s.truth.node}`;
    expect(r.devices).toEqual([{ device_key: key, model: s.truth.model ?? null, serial: s.truth.serial ?? null }]);
    expect(r.firmware).toEqual(s.truth.firmware ? [{ device_key: key, version: s.truth.firmware }] : []);
    expect(r.vpd.lu_name ?? null, 'the logical unit\'s name').toBe(s.truth.naa ?? s.truth.eui64 ?? s.truth.scsi_name ?? null);
    expect(r.lineIssues).toBe(s.truth.line_issues);
  });
});

describe('a person\'s line at the margin in the middle of an indented sg_vpd paste', () => {
  // The real LSI SATL page 0x89 paste is indented as a whole; a line at the paste's own margin keeps the text layer from
  // taking that indentation off, so the page headings are as indented as the page's lines: the drive was lost.
  const s = samples.find((x) => x.name === 'sg_vpd-p-0x89-wd2005fbyz-lsi-satl-linux-scsi')!;
  it.each(['The lines below are the ones that changed after the update.', 'Firmware: updated last week'])('%s: the page read as without it', (extra) => {
    const lines = s.text.split('\n');
    const at = lines.findIndex((l) => l.includes('Device signature'));
    const r = parseSgVpd([...lines.slice(0, at), extra, ...lines.slice(at)].join('\n'));
    expect(r.ata).toEqual(parseSgVpd(s.text).ata);
    expect(r.ata?.model).toBe('WDC WD2005FBYZ-01YCBB2');
  });
});

describe('sg_vpd saved under the names people give it', () => {
  it('reads -a, one page read by number or acronym, -l and -v, and one node', () => {
    expect(savedSgVpdArgv('sg_vpd -a sdc.txt')).toEqual(['sg_vpd', '-a', '/dev/sdc']);
    expect(savedSgVpdArgv('cmd/sg_vpd/-p_0x89_sdc.out')).toEqual(['sg_vpd', '-p', '0x89', '/dev/sdc']);
    expect(savedSgVpdArgv('sudo sg_vpd --page=ai dev_sg2.log')).toEqual(['sg_vpd', '--page=ai', '/dev/sg2']);
    expect(savedSgVpdArgv('sg_vpd-p-sn-sdb.txt')).toEqual(['sg_vpd', '-p', 'sn', '/dev/sdb']);
    expect(savedSgVpdArgv('sg_vpd -l sda.txt')).toEqual(['sg_vpd', '-l', '/dev/sda']);
    // sg3_utils on illumos: a Solaris disk (rdsk_c2t4d0 for /dev/rdsk/c2t4d0).
    expect(savedSgVpdArgv('sg_vpd -p ai rdsk_c2t4d0.txt')).toEqual(['sg_vpd', '-p', 'ai', '/dev/c2t4d0']);
    // -E (--examine): every page code from 0x80 on, each page under its heading as -a prints it.
    expect(savedSgVpdArgv('sg_vpd -E sdb.txt')).toEqual(['sg_vpd', '-E', '/dev/sdb']);
    expect(savedSgVpdArgv('cmd/sg_vpd/--examine_sdb.out')).toEqual(['sg_vpd', '--examine', '/dev/sdb']);
  });

  it('leaves unread a name with no node or two, a hex or raw dump, or a page it does not read', () => {
    for (const name of ['sg_vpd -a.txt', 'sg_vpd -a sda sdb.txt', 'sg_vpd -H -p 0x89 sda.txt', 'sg_vpd -r -p di sda.txt', 'sg_vpd -p 0xb7 sda.txt', 'sg_vpd -p ai -p sn sda.txt']) {
      expect(savedSgVpdArgv(name), name).toBeUndefined();
    }
  });

  it('is the SCSI device sysfs names at H:C:T:L with the same unit serial number: one device', async () => {
    const s = samples.find((x) => x.name.includes('sabrent'))!;
    const dir = 'sys/bus/scsi/devices/6:0:0:0';
    const r = await replay({
      [`${dir}/vendor`]: 'SABRENT \n', [`${dir}/model`]: 'DISK03          \n', [`${dir}/rev`]: '0204\n',
      [`${dir}/vpd_pg80`]: Buffer.concat([Buffer.from([0, 0x80, 0, 13]), Buffer.from('DB98765432146')]),
      'sys/class/scsi_host/host6/proc_name': 'uas\n',
      [s.savedAs]: s.text,
    });
    expect(r.devices.map((d) => d.device_key)).toEqual(['scsi:6:0:0:0']);
  });

  it('a line of something else is named with its line number, the rest still read', () => {
    const s = samples.find((x) => x.name.includes('wd2005fbyz'))!;
    const r = parseSgVpd(`${s.text}Segfault in the middle of nowhere 42\n`);
    expect(r.ata?.firmware).toBe('RR07');
    expect(r.issues.map((i) => i.line)).toEqual([12]);
  });
});
