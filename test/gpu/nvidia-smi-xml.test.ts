import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseNvidiaSmiXml } from '../../analyzer/classes/gpu/nvidia-smi-xml.js';
import { expectSmiTruth } from './nvidia-smi-truth.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

interface GpuTruth {
  bdf: string;
  product_name: string;
  serial: string;
  uuid: string;
  vbios: string;
  inforom: { img: string; oem: string; ecc: string };
  gsp: string;
  ecc?: [string, string];
  mig?: [string, string];
  persistence_mode: string;
  addressing_mode?: string;
}
interface Provenance {
  command: string;
  source: { repository: string; path: string; commit: string };
  licence: string;
  truth: { driver_version: string; cuda_version: string; gpus: GpuTruth[] };
}

const samples = readdirSync(REAL).filter((f) => f.endsWith('.xml')).sort();

describe('nvidia-smi -q -x parser on real outputs', () => {
  it('has real samples, each with its provenance', () => {
    expect(samples.length).toBeGreaterThanOrEqual(3);
  });

  for (const f of samples) {
    it(`${f}: reads what a person reads off it`, () => {
      const p = parse(readFileSync(`${REAL}${f.replace(/\.xml$/, '.provenance.yaml')}`, 'utf8')) as Provenance;
      expect(p.command).toBe('nvidia-smi -q -x');
      expect(p.source.repository).toMatch(/^[\w-]+\/[\w.-]+$/);
      expect(p.licence).toBeTruthy();
      expectSmiTruth(parseNvidiaSmiXml(readFileSync(`${REAL}${f}`)), p.truth, (g, t) => {
        expect(g.get('serial')).toBe(t.serial);
        expect(g.get('inforom_version/ecc_object')).toBe(t.inforom.ecc);
        expect(g.has('inforom_version/pwr_object')).toBe(false); // N/A on all of them
        expect(g.get('gsp_firmware_version')).toBe(t.gsp);
        expect([g.get('ecc_mode/current_ecc'), g.get('ecc_mode/pending_ecc')]).toEqual(t.ecc ?? [undefined, undefined]);
        expect([g.get('mig_mode/current_mig'), g.get('mig_mode/pending_mig')]).toEqual(t.mig ?? [undefined, undefined]);
        if (t.addressing_mode) expect(g.get('addressing_mode')).toBe(t.addressing_mode);
      });
    });
  }
});

describe('nvidia-smi -q -x saved as an .xml file', () => {
  it('at the top of a tree (nvidia-smi.xml, nvidia-smi -q -x.xml) is read as the XML output', async () => {
    // A real telegraf issue's RTX 3080 Ti XML was kept unread under both names ('this name starts with no tool').
    const xml = readFileSync(`${REAL}nvidia-smi-q-x-tesla-t4.xml`, 'utf8');
    for (const name of ['nvidia-smi.xml', 'nvidia-smi -q -x.xml', 'cmd/nvidia-smi/-q_-x.xml']) {
      const r = await replayTree({ [name]: xml });
      try {
        expect(r.db.prepare(`SELECT version FROM firmware WHERE component = 'vbios'`).all(), name).toEqual([{ version: '90.04.84.00.06' }]);
        expect(r.db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all(), name).toEqual([]);
      } finally {
        r.db.close();
      }
    }
  });
});

describe('nvidia-smi -q -x parser tolerance', () => {
  const a100 = readFileSync(`${REAL}nvidia-smi-q-x-a100-sxm4-v12.xml`, 'utf8');

  it('inside a page\'s folded block (<details><summary>XML output</summary> and a fence), the log is read', () => {
    // A netdata pull request's GeForce 8800 GT XML, pasted so on GitHub, read no GPU: the log was taken for details/….
    const t4 = readFileSync(`${REAL}nvidia-smi-q-x-tesla-t4.xml`, 'utf8');
    const log = parseNvidiaSmiXml(`<details>\n <summary>XML output</summary>\n\n\`\`\`xml\n${t4}\`\`\`\n</details>\n`);
    expect(log.driverVersion).toBe('515.105.01');
    expect(log.gpus.map((g) => [g.bdf, g.fields.get('vbios_version')])).toEqual([['0000:00:1e.0', '90.04.84.00.06']]);
    const cut = parseNvidiaSmiXml(`<details>\n <summary>XML output</summary>\n\n\`\`\`xml\n${t4.slice(0, t4.indexOf('<ecc_mode>'))}`);
    expect(cut.gpus).toHaveLength(1);
    expect(cut.issues.at(-1)?.message).toBe('output ends inside nvidia_smi_log/gpu (truncated?)');
  });

  it('a truncated output keeps what came before the cut and says where it ended', () => {
    const cut = a100.slice(0, a100.indexOf('<ecc_mode>'));
    const log = parseNvidiaSmiXml(cut);
    expect(log.gpus[0]!.fields.get('vbios_version')).toBe('92.00.36.00.02');
    expect(log.gpus[0]!.fields.has('ecc_mode/current_ecc')).toBe(false);
    expect(log.issues.at(-1)?.message).toMatch(/ends inside nvidia_smi_log\/gpu/);
  });

  it('a stray closing tag and a broken tag are issues with their line numbers; the rest is read', () => {
    const broken = a100.replace('<vbios_version>', '</nonsense>\n<vbios_version>').replace('<serial>', '<serial <');
    const log = parseNvidiaSmiXml(broken);
    const at = broken.split('\n').findIndex((l) => l.includes('</nonsense>')) + 1;
    expect(log.issues).toContainEqual({ line: at, text: '</nonsense>', message: 'closes an element that is not open' });
    expect(log.issues.some((i) => i.message === 'not an XML tag')).toBe(true);
    expect(log.gpus[0]!.fields.get('vbios_version')).toBe('92.00.36.00.02');
    expect(log.gpus[0]!.fields.get('gsp_firmware_version')).toBe('535.54.03');
  });

  it('an issue is on the exact line of what it names: a tag that is no element, text after the last tag', () => {
    const lines = a100.trimEnd().split('\n');
    const serial = lines.findIndex((l) => l.includes('<serial>'));
    lines[serial] = lines[serial]!.replace('<serial>', '<serial <');
    const broken = `${lines.join('\n')}\n\n0x1f = 3\n`;
    const log = parseNvidiaSmiXml(broken);
    expect(log.issues).toEqual([
      { line: serial + 1, text: expect.stringMatching(/^<serial </), message: 'not an XML tag' },
      { line: lines.length + 2, text: '0x1f = 3', message: 'text after the last tag' },
    ]);
  });

  it('two GPUs keep their own fields; entities are decoded', () => {
    const two = `<?xml version="1.0" ?><nvidia_smi_log><driver_version>550.54.15</driver_version>
<gpu id="00000000:3B:00.0"><product_name>A &amp; B</product_name><gsp_firmware_version>550.54.15</gsp_firmware_version></gpu>
<gpu id="00000000:AF:00.0"><product_name>C</product_name><gsp_firmware_version>N/A</gsp_firmware_version></gpu></nvidia_smi_log>`;
    const log = parseNvidiaSmiXml(two);
    expect(log.gpus.map((g) => [g.bdf, g.fields.get('product_name'), g.fields.get('gsp_firmware_version')])).toEqual([
      ['0000:3b:00.0', 'A & B', '550.54.15'],
      ['0000:af:00.0', 'C', undefined],
    ]);
    expect(log.issues).toEqual([]);
  });
});
