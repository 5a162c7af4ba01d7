import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseNvidiaSmiText } from '../../analyzer/classes/gpu/nvidia-smi-text.js';
import { parseNvidiaSmiXml } from '../../analyzer/classes/gpu/nvidia-smi-xml.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { openBundle } from '../collector/bundle-entries.js';
import { writeTree } from '../faults/fault-helpers.js';
import { expectSmiTruth, type SmiTruth } from './nvidia-smi-truth.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));
const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-smitext-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];

const samples = readdirSync(REAL).filter((f) => /^nvidia-smi-q-.*\.txt$/.test(f)).sort();

describe('nvidia-smi -q text parser on real outputs', () => {
  it('has real samples, each with its provenance', () => expect(samples.length).toBeGreaterThanOrEqual(3));

  for (const f of samples) {
    it(`${f}: reads what a person reads off it`, () => {
      const p = parse(readFileSync(`${REAL}${f.replace(/\.txt$/, '.provenance.yaml')}`, 'utf8')) as { command: string; source: { kind?: string; url?: string; index_id?: string }; truth: SmiTruth };
      expect(p.command).toMatch(/nvidia-smi/);
      // A page on GitHub, or a public file found through the search index whose repository path could not be resolved.
      if (p.source.kind === 'indexed-file') expect(p.source.index_id).toMatch(/^\d+$/);
      else expect(p.source.url).toMatch(/^https:\/\/github\.com\//);
      expectSmiTruth(parseNvidiaSmiText(readFileSync(`${REAL}${f}`)), p.truth, (g, t) => {
        expect(g.get('serial')).toBe(t.serial); // N/A (no truth) on consumer GPUs
      });
    });
  }

  it('gives the XML form\'s fields for the same values: the XML samples printed in nvidia-smi\'s text layout', () => {
    const label: [string, string][] = [
      ['product_name', '    Product Name                    : '], ['serial', '    Serial Number                   : '], ['uuid', '    GPU UUID                        : '],
      ['vbios_version', '    VBIOS Version                   : '], ['gsp_firmware_version', '    GSP Firmware Version            : '], ['persistence_mode', '    Persistence Mode                : '],
    ];
    for (const f of readdirSync(REAL).filter((x) => x.endsWith('.xml'))) {
      const xml = parseNvidiaSmiXml(readFileSync(`${REAL}${f}`));
      const text = [
        '==============NVSMI LOG==============', '', `Driver Version                      : ${xml.driverVersion}`, `CUDA Version                        : ${xml.cudaVersion}`, '',
        ...xml.gpus.flatMap((g) => [
          `GPU ${g.id}`,
          ...label.filter(([k]) => g.fields.has(k)).map(([k, l]) => `${l}${g.fields.get(k)}`),
          '    Inforom Version',
          ...[['img_version', 'Image Version'], ['oem_object', 'OEM Object'], ['ecc_object', 'ECC Object']].map(([k, l]) => `        ${l!.padEnd(28)}: ${g.fields.get(`inforom_version/${k}`) ?? 'N/A'}`),
          '    ECC Mode',
          `        Current                     : ${g.fields.get('ecc_mode/current_ecc') ?? 'N/A'}`,
          `        Pending                     : ${g.fields.get('ecc_mode/pending_ecc') ?? 'N/A'}`,
        ]),
      ].join('\n');
      const t = parseNvidiaSmiText(text);
      expect(t.issues, f).toEqual([]);
      expect(t.driverVersion).toBe(xml.driverVersion);
      xml.gpus.forEach((g, i) => {
        for (const k of [...label.map(([k]) => k), 'inforom_version/img_version', 'inforom_version/oem_object', 'inforom_version/ecc_object']) expect(t.gpus[i]!.fields.get(k), `${f} ${k}`).toBe(g.fields.get(k));
        expect(t.gpus[i]!.bdf).toBe(g.bdf);
      });
    }
  });

  it('records a line of another shape with its number and reads on', () => {
    const log = parseNvidiaSmiText('GPU 00000000:01:00.0\n    Product Name : Tesla T4\n    ##### garbage #####\n    VBIOS Version : 90.04.84.00.06\n');
    expect(log.issues.map((i) => i.line)).toEqual([3]);
    expect(log.gpus[0]!.fields.get('vbios_version')).toBe('90.04.84.00.06');
  });

  it.each(['The values below were read after the reboot.', 'This is where it differs from the other host, see below.'])(
    "a person's sentence at the margin inside a section (%s) is an issue and closes no section",
    (sentence) => {
      const log = parseNvidiaSmiText(`GPU 00000000:01:00.0\n    Driver Model\n        Current : WDDM\n${sentence}\n        Pending : TCC\n    VBIOS Version : 90.04.84.00.06\n`);
      expect(log.issues.map((i) => [i.line, i.text])).toEqual([[4, sentence]]);
      expect([...log.gpus[0]!.fields]).toEqual([['driver_model/current', 'WDDM'], ['driver_model/pending', 'TCC'], ['vbios_version', '90.04.84.00.06']]);
    },
  );
});

describe('nvidia-smi -q text from a captured tree or a report', () => {
  it('a pasted text output under any name is stored as nvidia-smi -q and loaded like the XML', async () => {
    const root = join(dir, 'pasted');
    writeTree(root, { 'cmd/nvidia-smi/from-ticket.txt': readFileSync(`${REAL}nvidia-smi-q-gtx-960m-410.txt`, 'utf8') });
    const out = join(dir, 'pasted.tar.gz');
    await collect({ output: out, root, only: ['gpu'], isolation: 'inline' });
    expect([...(await openBundle(out)).entries.keys()]).toContain('cmd/nvidia-smi/-q.out');
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    expect(rows(db, `SELECT device_key AS d, component AS c, version AS v FROM firmware ORDER BY c`)).toEqual([{ d: 'gpu:0000:01:00.0', c: 'vbios', v: '82.07.73.00.06' }]);
    expect(rows(db, `SELECT key, value FROM settings WHERE namespace = 'gpu' AND key IN ('driver_version', 'cuda_version', 'persistence_mode') ORDER BY key`)).toEqual([
      { key: 'cuda_version', value: '10.0' },
      { key: 'driver_version', value: '410.72' },
      { key: 'persistence_mode', value: 'Disabled' },
    ]);
  });
});

describe('nvidia-smi -q text as pasted', () => {
  const plain = readFileSync(join(REAL, 'nvidia-smi-q-gtx-1080ti-windows-442.txt'), 'utf8');
  const lines = plain.replace(/\n$/, '').split('\n');
  const fields = (t: string): unknown => {
    const r = parseNvidiaSmiText(t);
    return { gpus: r.gpus.map((g) => [g.id, g.bdf, [...g.fields]]), driver: r.driverVersion, cuda: r.cudaVersion, issues: r.issues.length };
  };
  // Each form once failed: the parser read its lines raw, without the shared text layer.
  const forms: Record<string, string> = {
    'kubectl --prefix': lines.map((l) => `[pod/smi-7d9f4/smi] ${l}`).join('\n'),
    'HTML-escaped': plain.replace(/\//g, '&#x2F;'),
    'Ansible stdout_lines': `node-07 | CHANGED | rc=0 >>\n${plain}`,
    'no-break spaces': plain.replace(/^ +/gm, (m) => '\u00a0'.repeat(m.length)),
    'BBCode block': `[code]${plain}[/code]\n`,
  };
  for (const [form, text] of Object.entries(forms)) {
    it(`${form}: the same GPUs and fields as the output as published`, () => {
      expect(fields(text)).toEqual(fields(plain));
    });
  }
});
