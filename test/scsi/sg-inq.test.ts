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
    const { firmware: _stored, ...printed } = s.truth;
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial }).toEqual(printed);
    expect(r.deviceType).toBe(0);
    expect(r.issues).toEqual([]);
  });

  it('pasted under its command line at a root prompt, older sg3_utils (Device_type=, MultiP=1 (VS=0)): the same fields', () => {
    const s = sample('sg_inq-st8000as0022');
    const older = s.text.replace('PDT=0', 'Device_type=0').replace('MultiP=0', 'MultiP=1 (VS=0)');
    const r = parseSgInq(`root@host:~# sg_inq /dev/sda\n${older}`);
    const { firmware: _stored, ...printed } = s.truth;
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial, type: r.deviceType }).toEqual({ ...printed, type: 0 });
    expect(r.issues).toEqual([]);
  });

  it('sg_inq -v: the trace of each INQUIRY sent (cdb, resid, the device opened) is sg_inq\'s own, not unread', () => {
    const s = sample('sg_inq-v-quantum-atlas-v-36-wls-lkml-2005');
    const r = parseSgInq(`open /dev/sg0 with flags=0x802\n${s.text}`);
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial }).toMatchObject({ vendor: 'QUANTUM', product: 'ATLAS_V_36_WLS', revision: '0230', serial: '143110652885' });
    expect(r.issues).toEqual([]);
    expect(parseSgInq('    inquiry: pass-through requested 252 bytes but got 11 bytes\n').issues).toEqual([]);
  });

  it("sg_inq's <none> for an empty product or revision (sg_inq.c, release-1.30 to release-1.48) is no value", () => {
    const s = sample('sg_inq-st8000as0022');
    const r = parseSgInq(s.text.replace(/Product identification: .*/, 'Product identification: <none>').replace(/Product revision level: .*/, 'Product revision level: <none>'));
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial }).toEqual({ vendor: s.truth.vendor, product: undefined, revision: undefined, serial: s.truth.serial });
    expect(r.issues).toEqual([]);
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
    const t = s.truth as { vendor?: string; product?: string; revision?: string; serial: string | null; line_issues?: number };
    expect({ vendor: r.vendor, product: r.product, revision: r.revision, serial: r.serial ?? null }).toEqual({ vendor: t.vendor, product: t.product, revision: t.revision, serial: t.serial });
    expect(r.issues).toHaveLength(t.line_issues ?? 0);
  });

  it("sg3_utils' report of a refused command (sense key, additional sense, raw sense bytes, driver status) is its own, not unread", () => {
    const r = parseSgInq(sample('sg_inq-v-sony-ddu1621-dvd-sense-lkml-2005').text);
    expect(r.deviceType).toBe(5);
    expect(r.issues).toEqual([]);
  });
});

// sg3_utils prints each designator of page 0x83 under its type; only the one under NAA is an NAA. The Areca ARC-1212
// volume of kernel bugzilla 215788 has one designator, EUI-64 (its sg_vpd -E in the corpus): here as sg_inq -p 0x83
// prints it, in the form of sg3_utils 1.45 on and in the older one (designator_type:, its value decoded over [0x…]).
describe("the addressed logical unit's designators, by the type sg_inq printed", () => {
  const areca = sample('sg_inq-areca-arc1212-bugzilla215788-quoted-printable').text;
  const newer = 'VPD INQUIRY: Device Identification VPD page\n  Designation descriptor number 1, descriptor length: 12\n    designator type: EUI-64 based,  code set: Binary\n    associated with the Addressed logical unit\n      0x001b4d2008231188\n';
  const older = 'VPD INQUIRY: Device Identification page\n  Designation descriptor number 1, descriptor length: 12\n    designator_type: EUI-64 based,  code_set: Binary\n    associated with the addressed logical unit\n      EUI-64 based 8 byte identifier\n      IEEE Company_id: 0x1b4d\n      Vendor Specific Extension Identifier: 0x2008231188\n      [0x001b4d2008231188]\n';

  it('an EUI-64 designator is no NAA: read as EUI-64 in both forms, every line known', () => {
    for (const page of [newer, older]) {
      const r = parseSgInq(page);
      expect({ naa: r.naa, eui64: r.eui64 }).toEqual({ naa: undefined, eui64: '0x001b4d2008231188' });
      expect(r.issues).toEqual([]);
    }
  });

  it('a T10 vendor identification before the NAA (a Hitachi array, quoted in a kernel commit): the NAA is the NAA, the T10 its own', () => {
    const r = parseSgInq(sample('sg_inq-p-0x83-hitachi-array-t10-before-naa-linux-scsi').text);
    expect({ naa: r.naa, eui64: r.eui64, t10: r.t10 }).toEqual({ naa: '0x60060e8007c350000030c35000002025', eui64: undefined, t10: { vendor: 'HITACHI', specific: '5030C3502025' } });
    expect(r.issues).toEqual([]);
  });

  it('saved with the standard INQUIRY above it, or alone: the volume stored with its logical unit name eui.…, never naa.…', async () => {
    for (const [name, text] of [['sg_inq sdb.txt', `${areca}\n${newer}`], ['sg_inq -p 0x83 sdb.txt', older]] as const) {
      const r = await replayScsi({ [name]: text });
      expect(r.notRead, name).toEqual([]);
      expect(r.q(`SELECT device_key, value FROM settings WHERE namespace = 'vpd' AND key = 'lu_name'`), name).toEqual([{ device_key: 'scsi:sdb', value: 'eui.001b4d2008231188' }]);
    }
  });

  it('a SCSI name string of the logical unit is its name when it has no NAA or EUI-64', () => {
    const r = parseSgInq('VPD INQUIRY: Device Identification page\n  Designation descriptor number 1, descriptor length: 40\n    designator type: SCSI name string,  code set: UTF-8\n    associated with the Addressed logical unit\n      SCSI name string:\n      eui.0025388a01234567\n');
    expect({ naa: r.naa, name: r.scsiName }).toEqual({ naa: undefined, name: 'eui.0025388a01234567' });
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
      expect(r.firmware, name).toEqual([{ device_key: 'scsi:sda', version: s.truth.firmware }]);
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
      const t = s.truth as { node?: string; product?: string; revision?: string; firmware?: string; serial: string | null; lu_name?: string };
      if (!p.saved_as || !t.node) return;
      const r = await tree({ [p.saved_as]: s.text });
      expect(r.notRead).toEqual([]);
      expect(r.devices).toEqual([{ device_key: `scsi:${t.node}`, model: t.product ?? null, serial: t.serial }]);
      // Behind SAT (vendor ATA) the revision is the firmware's last 4 characters, stored marked as cut (truth `firmware`).
      expect(r.firmware).toEqual(t.revision ? [{ device_key: `scsi:${t.node}`, version: t.firmware ?? t.revision }] : []);
      if (t.lu_name) expect(r.q(`SELECT value FROM settings WHERE namespace = 'vpd' AND key = 'lu_name'`)).toEqual([{ value: t.lu_name }]);
    },
  );

  it('a name with two nodes or no node is not read (what it holds cannot be told)', async () => {
    const r = await tree({ 'sg_inq sda sdb.txt': s.text, 'sg_inq.txt': s.text });
    expect(r.devices).toEqual([]);
  });
});
