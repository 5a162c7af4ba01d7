/** The scsi class's sg_inq reader, on real public outputs (their truth in the provenance files) and on the forms around them. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSgInq } from '../../analyzer/classes/scsi/sg-inq.js';
import { REAL } from './real-samples.js';
import { replayScsi } from './replay-saved.js';

const sample = (name: string): { text: string; truth: Record<string, unknown> } => ({
  text: readFileSync(`${REAL}${name}.txt`, 'utf8'),
  truth: (parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { truth: Record<string, unknown> }).truth,
});

describe('sg_inq', () => {
  it('a SATA drive behind SAT: vendor, product, revision and unit serial number as the provenance reads them, every line known', () => {
    const s = sample('sg_inq-st8000as0022');
    const r = parseSgInq(s.text);
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial }).toEqual(s.truth);
    expect(r.deviceType).toBe(0);
    expect(r.issues).toEqual([]);
  });

  it('pasted under its command line at a root prompt, older sg3_utils (Device_type=, MultiP=1 (VS=0)): the same fields', () => {
    const s = sample('sg_inq-st8000as0022');
    const older = s.text.replace('PDT=0', 'Device_type=0').replace('MultiP=0', 'MultiP=1 (VS=0)');
    const r = parseSgInq(`root@host:~# sg_inq /dev/sda\n${older}`);
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial, type: r.deviceType }).toEqual({ ...s.truth, type: 0 });
    expect(r.issues).toEqual([]);
  });

  it('sg_inq -v: the trace of each INQUIRY sent (cdb, resid, the device opened) is sg_inq\'s own, not unread', () => {
    const s = sample('sg_inq-v-quantum-atlas-v-36-wls-lkml-2005');
    const r = parseSgInq(`open /dev/sg0 with flags=0x802\n${s.text}`);
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial }).toMatchObject({ vendor: 'QUANTUM', product: 'ATLAS_V_36_WLS', revision: '0230', serial: '143110652885' });
    expect(r.issues).toEqual([]);
    expect(parseSgInq('    inquiry: pass-through requested 252 bytes but got 11 bytes\n').issues).toEqual([]);
  });

  it('its own command line typed bare above the output (a Windows drive name, no prompt) is not unread', () => {
    const s = sample('sg_inq-st8000as0022');
    expect(parseSgInq(`sg_inq pd8\n${s.text}`).issues).toEqual([]);
    expect(parseSgInq(`sudo sg_inq -p 0x80 /dev/sdb\n${s.text}`).issues).toEqual([]);
  });

  it('a line of something else is named with its line number, the rest still read', () => {
    const s = sample('sg_inq-st8000as0022');
    const r = parseSgInq(`${s.text}Segfault in the middle of nowhere 42\n`);
    expect(r.serial).toBe(s.truth.serial);
    expect(r.issues.map((i) => i.line)).toEqual([13]);
  });
});

describe('sg_inq on every real public output of the corpus', () => {
  const all = readdirSync(REAL).filter((f) => f.startsWith('sg_inq') && f.endsWith('.txt')).map((f) => f.slice(0, -'.txt'.length));

  it.each(all.map((n) => [n] as const))('%s: its INQUIRY strings and serial as its truth reads them, no line unread', (n) => {
    const s = sample(n);
    const r = parseSgInq(s.text);
    const t = s.truth as { vendor: string; product: string; revision: string; serial: string | null; line_issues?: number };
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial ?? null }).toEqual({ vendor: t.vendor, product: t.product, revision: t.revision, serial: t.serial });
    expect(r.issues).toHaveLength(t.line_issues ?? 0);
  });

  it("sg3_utils' report of a refused command (sense key, additional sense, raw sense bytes, driver status) is its own, not unread", () => {
    const r = parseSgInq(sample('sg_inq-v-sony-ddu1621-dvd-sense-lkml-2005').text);
    expect(r.deviceType).toBe(5);
    expect(r.issues).toEqual([]);
  });
});

describe('a saved sg_inq output in a captured tree', () => {
  const tree = async (files: Record<string, string | Buffer>) => {
    const r = await replayScsi(files);
    return { ...r, vendor: r.q(`SELECT device_key, value FROM settings WHERE namespace = 'scsi' AND key = 'vendor' ORDER BY device_key`) };
  };

  const s = sample('sg_inq-st8000as0022');

  it('is read under the names a person saves it as: the drive at its node, with its INQUIRY strings and serial', async () => {
    for (const name of ['sg_inq sda.txt', 'cmd/sg_inq/_dev_sda.out', 'sudo sg_inq -p 0x80 dev_sda.log']) {
      const r = await tree({ [name]: s.text });
      expect(r.notRead, name).toEqual([]);
      expect(r.devices, name).toEqual([{ device_key: 'scsi:sda', model: s.truth.product, serial: s.truth.serial }]);
      expect(r.firmware, name).toEqual([{ device_key: 'scsi:sda', version: s.truth.revision }]);
    }
  });

  it('is the SCSI device sysfs names at H:C:T:L with the same unit serial number: one device', async () => {
    const dir = 'sys/bus/scsi/devices/0:0:1:0';
    const r = await tree({
      [`${dir}/vendor`]: 'ATA     \n', [`${dir}/model`]: 'ST8000AS0022-1WL\n', [`${dir}/rev`]: 'SN01\n',
      [`${dir}/vpd_pg80`]: Buffer.concat([Buffer.from([0, 0x80, 0, 20]), Buffer.from('            Z840Y0FY')]),
      'sys/class/scsi_host/host0/proc_name': 'mpt3sas\n',
      'sg_inq sg1.txt': s.text,
    });
    expect(r.devices.map((d) => d.device_key)).toEqual(['scsi:0:0:1:0']);
    expect(r.vendor).toEqual([{ device_key: 'scsi:0:0:1:0', value: 'ATA' }]);
  });

  it('sg_inq -v saved under its name (sg_inq -v sg0.txt) is read: the verbose flag changes nothing read', async () => {
    const v = sample('sg_inq-v-quantum-atlas-v-36-wls-lkml-2005');
    for (const name of ['sg_inq -v sg0.txt', 'sg_inq -vv sg0.txt', 'sg_inq --verbose -p 0x80 sg0.txt']) {
      const r = await tree({ [name]: v.text });
      expect(r.notRead, name).toEqual([]);
      expect(r.devices, name).toEqual([{ device_key: 'scsi:sg0', model: 'ATLAS_V_36_WLS', serial: '143110652885' }]);
    }
  });

  it('from a mail still in quoted-printable (=3D, soft line breaks): the same fields', async () => {
    const q = sample('sg_inq-areca-arc1212-bugzilla215788-quoted-printable');
    const r = await tree({ 'sg_inq sdb.txt': q.text });
    expect(r.devices).toEqual([{ device_key: 'scsi:sdb', model: q.truth.product, serial: q.truth.serial }]);
    expect(r.firmware).toEqual([{ device_key: 'scsi:sdb', version: q.truth.revision }]);
    expect(r.vendor).toEqual([{ device_key: 'scsi:sdb', value: q.truth.vendor }]);
  });

  it.each(readdirSync(REAL).filter((f) => f.startsWith('sg_inq') && f.endsWith('.provenance.yaml')).map((f) => [f.slice(0, -'.provenance.yaml'.length)] as const))(
    '%s: saved under the name its provenance gives, the device at its node with its truth',
    async (n) => {
      const s = sample(n);
      const p = parse(readFileSync(`${REAL}${n}.provenance.yaml`, 'utf8')) as { saved_as?: string };
      const t = s.truth as { node?: string; product: string; revision: string; serial: string | null };
      if (!p.saved_as || !t.node) return;
      const r = await tree({ [p.saved_as]: s.text });
      expect(r.notRead).toEqual([]);
      expect(r.devices).toEqual([{ device_key: `scsi:${t.node}`, model: t.product, serial: t.serial }]);
      expect(r.firmware).toEqual([{ device_key: `scsi:${t.node}`, version: t.revision }]);
    },
  );

  it('a name with two nodes or no node is not read (what it holds cannot be told)', async () => {
    const r = await tree({ 'sg_inq sda sdb.txt': s.text, 'sg_inq.txt': s.text });
    expect(r.devices).toEqual([]);
  });
});
