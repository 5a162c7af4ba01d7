import { describe, expect, it } from 'vitest';
import { loadAdb, parseAdb } from '../../analyzer/classes/mlx5/adb.js';
import { decodeRegister, type DecodedField } from '../../analyzer/classes/mlx5/register-decode.js';
import { XmlSyntaxError, xmlTags } from '../../analyzer/classes/mlx5/xml-tags.js';
import { fakeMgir } from './fixtures/registers.js';

const adb = loadAdb();
const field = (fs: DecodedField[], path: string): DecodedField => {
  const f = fs.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path}`);
  return f;
};

describe('ADB register database', () => {
  it('holds what the reference counted in this file', () => {
    expect(adb.nodes.size).toBe(312);
    expect([...adb.nodes.values()].reduce((n, x) => n + x.fields.length, 0)).toBe(2878);
    expect([...adb.nodes.values()].filter((n) => n.union)).toHaveLength(21);
    expect(adb.registerNodes.size).toBe(192);
    expect(adb.registerIds.get('MGIR')).toBe(0x9020);
    expect(adb.registerIds.get('MNVDA')).toBe(0x9024);
    expect(adb.registerIds.get('PDDR')).toBe(0x5031);
    expect(adb.registerNodes.get('MGIR')).toBe('mgir_ext');
    expect(adb.nodes.get('mgir_ext')!.sizeBits).toBe(0xa0 * 8);
  });

  it('decodes MGIR: extended version, PSID, dates, ROMs; the legacy version fields read 0 and say so', () => {
    const fs = decodeRegister(adb, 'MGIR', fakeMgir());
    expect(field(fs, 'hw_info.device_id').value).toBe(0x212);
    expect(field(fs, 'hw_info.num_ports').value).toBe(2);
    expect(field(fs, 'hw_info.technology').value).toBe(3);
    expect(field(fs, 'hw_info.uptime').value).toBe(86_400);
    expect(field(fs, 'fw_info.extended_major').value).toBe(22);
    expect(field(fs, 'fw_info.extended_minor').value).toBe(39);
    expect(field(fs, 'fw_info.extended_sub_minor').value).toBe(1002);
    expect(field(fs, 'fw_info.psid').value).toBe('MT_0000000359');
    expect(field(fs, 'fw_info.secured').value).toBe(1);
    expect(field(fs, 'fw_info.signed_fw').value).toBe(1);
    expect(field(fs, 'fw_info.debug').value).toBe(0);
    expect([field(fs, 'fw_info.year').value, field(fs, 'fw_info.month').value, field(fs, 'fw_info.day').value]).toEqual([0x2023, 0x11, 0x15]);
    expect(field(fs, 'fw_info.hour').value).toBe(0x1743);
    expect(field(fs, 'fw_info.life_cycle').value).toBe(1);
    expect(field(fs, 'fw_info.sec_boot').value).toBe(1);
    for (const legacy of ['major', 'minor', 'sub_minor']) {
      expect(field(fs, `fw_info.${legacy}`)).toEqual({ path: `fw_info.${legacy}`, value: 0, note: `Deprecated and returns '0'. Refer to extended_${legacy}.` });
    }
    expect(field(fs, 'sw_info.rom0_type').value).toBe(1);
    expect(field(fs, 'sw_info.rom1_type').value).toBe(2);
    const rom = (n: number): number[] => ['major', 'minor', 'build'].map((k) => field(fs, `sw_info.rom${n}_version.${k}`).value as number);
    expect(rom(0)).toEqual([3, 7, 300]);
    expect(rom(1)).toEqual([14, 32, 17]);
    expect(fs.some((f) => f.path.includes('reserved'))).toBe(false);
  });

  it('expands arrays that are not text, and labels enum values', () => {
    const xml = `<NodesDefinition>
      <node name="t" descr="" size="0x8.0">
        <field name="lanes" descr="" offset="0x0.24" size="0x4.0" low_bound="0" high_bound="3" />
        <field name="mode" descr="x\\;Deprecated and returns &apos;0&apos;." enum="OFF=0x0,ON=0x1" offset="0x4.0" size="0x0.4" />
      </node></NodesDefinition>`;
    const small = parseAdb(xml, 'inline');
    const img = Buffer.from([0x01, 0x02, 0xff, 0x04, 0, 0, 0, 1]);
    expect(decodeRegister(small, 't', img)).toEqual([
      { path: 'lanes[0]', value: 1 }, { path: 'lanes[1]', value: 2 }, { path: 'lanes[2]', value: 255 }, { path: 'lanes[3]', value: 4 },
      { path: 'mode', value: 1, note: 'ON' },
    ]);
    expect(() => decodeRegister(small, 'MGIR', img)).toThrow(/inline has no layout for register MGIR/);
  });

  it('rejects malformed XML naming the offset', () => {
    const all = (s: string): unknown[] => [...xmlTags(s, 'f.adb')];
    expect(() => all('<a><b></a>')).toThrow(XmlSyntaxError);
    expect(() => all('<a><b></a>')).toThrow('f.adb: </a> closes <b> at offset 6');
    expect(() => all('<a>text</a>')).toThrow('text outside a tag at offset 3');
    expect(() => all('<a x="1" x="2"/>')).toThrow(/attribute x given twice/);
    expect(() => all('<a x="&bogus;"/>')).toThrow(/unknown entity &bogus;/);
    expect(() => all('<a>')).toThrow(/<a> is never closed/);
    expect(all('<?xml version="1.0"?><!-- c --><a y=\'&lt;&#x41;\'/>')).toEqual([{ name: 'a', kind: 'empty', attrs: { y: '<A' }, at: 31 }]);
  });
});
