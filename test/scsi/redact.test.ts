import { describe, expect, it } from 'vitest';
import { parseVpdDesignators, parseVpdSerial } from '../../analyzer/classes/scsi/vpd.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { vpdSamples } from './real-samples.js';

const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');
const sample = (page: 'pg80' | 'pg83', name: string): Buffer => vpdSamples(page).find((s) => s.name === name)!.bytes;
const DEV = 'sys/bus/scsi/devices/1:0:0:0';

describe('redaction of SCSI, SAS and FC identifiers', () => {
  it('VPD 0x83: NAA designators become tokens, the same ones as the wwid and SAS address spellings; port numbers stay', () => {
    const r = new Redactor({ catalog: REDACTION });
    const page = sample('pg83', 'vpd-pg83-sas-disk');
    const out = Buffer.from(r.redact(`${DEV}/vpd_pg83`, undefined, page)!);
    expect(out.length).toBe(page.length);
    const before = parseVpdDesignators(page);
    const after = parseVpdDesignators(out);
    expect(after.map((d) => d.typeName)).toEqual(before.map((d) => d.typeName));
    for (const i of [0, 1, 3]) expect(after[i]!.value, before[i]!.value).not.toBe(before[i]!.value);
    expect(after[2]!.value).toBe('1'); // relative target port
    expect(after[4]!.value).not.toContain('5000C5003011CB28');
    const wwid = text(r.redact(`${DEV}/wwid`, undefined, Buffer.from('naa.5000c5003011cb2b\n')));
    expect(wwid).toBe(`${after[0]!.value}\n`);
    const sas = text(r.redact(`${DEV}/sas_address`, undefined, Buffer.from('0x5000c5003011cb29\n')));
    expect(sas).toBe(`0x${after[1]!.value.slice('naa.'.length)}\n`);
  });

  it('VPD 0x83 T10 vendor ID: the vendor stays, model-and-serial part is replaced in place', () => {
    const page = sample('pg83', 'vpd-pg83-ata-behind-sas3008');
    const out = Buffer.from(new Redactor({ catalog: REDACTION }).redact(`${DEV}/vpd_pg83`, undefined, page)!);
    const v = parseVpdDesignators(out)[0]!.value;
    expect(v.startsWith('ATA     ')).toBe(true);
    expect(v).not.toContain('MJ78N707311609142');
    expect(out.length).toBe(page.length);
  });

  it('VPD 0x80: the serial replaced, with the token the same serial gets in a sysfs serial file', () => {
    const r = new Redactor({ catalog: REDACTION });
    const page = sample('pg80', 'vpd-pg80-hgst-sas');
    const out = Buffer.from(r.redact(`${DEV}/vpd_pg80`, undefined, page)!);
    const serial = parseVpdSerial(out);
    expect(serial).not.toContain('PENBJV');
    expect(out.readUInt16BE(2)).toBe(page.readUInt16BE(2));
    expect(text(r.redact('sys/block/sdb/device/serial', undefined, Buffer.from('001619PENBJV        VKJENBJV\n'))).trim()).toBe(serial);
  });

  it('SAS host addresses, FC port and node names, HBA serials; firmware versions and models stay', () => {
    const r = new Redactor({ catalog: REDACTION });
    const red = (name: string, v: string): string => text(r.redact(name, undefined, Buffer.from(`${v}\n`))).trim();
    expect(red('sys/class/scsi_host/host1/host_sas_address', '0x500605b00a1b2c3d')).not.toBe('0x500605b00a1b2c3d');
    expect(red('sys/class/fc_host/host2/port_name', '0x21000024ff4b1a2c')).not.toBe('0x21000024ff4b1a2c');
    expect(red('sys/class/fc_host/host2/node_name', '0x20000024ff4b1a2c')).toMatch(/^0x[0-9a-f]{16}$/);
    expect(red('sys/class/scsi_host/host1/board_tracer', 'SP61409562')).not.toBe('SP61409562');
    expect(red('sys/class/scsi_host/host2/serial_num', 'RFD1234K56789')).not.toBe('RFD1234K56789');
    expect(red('sys/class/scsi_host/host1/version_fw', '16.00.10.00')).toBe('16.00.10.00');
    expect(red(`${DEV}/rev`, 'HPD6')).toBe('HPD6');
    expect(red(`${DEV}/model`, 'EK0800JVYPN')).toBe('EK0800JVYPN');
  });
});
