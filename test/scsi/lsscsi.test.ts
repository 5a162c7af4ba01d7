import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseLsscsi } from '../../analyzer/classes/core/lsscsi.js';
import { REAL } from './real-samples.js';

const sample = (name: string): { text: string; truth: { hctl: string; type: string; vendor: string; model: string; rev: string; node: string }[] } => ({
  text: readFileSync(`${REAL}${name}.txt`, 'utf8'),
  truth: (parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { truth: never }).truth,
});

describe('lsscsi (the scsi class\'s parser, for imported reports)', () => {
  it('a real public output: H:C:T:L, type and its number, vendor, model, revision and node of each line', () => {
    const s = sample('lsscsi-insights-core');
    const p = parseLsscsi(s.text);
    expect(p.issues).toEqual([]);
    expect(p.devices.map(({ hctl, type, vendor, model, rev, node }) => ({ hctl, type, vendor, model, rev, node }))).toEqual(s.truth);
    expect(p.devices.map((d) => d.typeNumber)).toEqual([12, 0, 1]);
  });

  it('a real blog\'s lsscsi in its highlighter\'s <pre> tags: a SAS mirror\'s members with no node, USB sticks, the HBA\'s volume', () => {
    const s = sample('lsscsi-sas1068e-degraded-mirror-polish-blog-pre');
    const p = parseLsscsi(s.text);
    expect(p.issues).toEqual([]);
    expect(p.devices.map(({ hctl, type, vendor, model, rev, node }) => ({ hctl, type, vendor, model, rev, node }))).toEqual(s.truth);
  });

  it('tabs a paste put for runs of spaces are expanded to 8-column stops before reading by position (a Smart Array P460 of a real note)', () => {
    // The real listing's controller line (test/scsi/fixtures/real/lsscsi-smartpqi-p460-micron-5200-ops-notes) with an
    // editor's tabs: 'P460-M4' then a tab to column 40, the revision after it.
    const r = parseLsscsi('[14:2:0:0]   storage UN       P460-M4\t       2.30  -\t      \n[14:0:0:0]   disk    ATA      Micron_5200_MTFD H027\t/dev/sda\n');
    expect(r.issues).toEqual([]);
    expect(r.devices.map((d) => [d.type, d.vendor, d.model, d.rev, d.node])).toEqual([['storage', 'UN', 'P460-M4', '2.30', '-'], ['disk', 'ATA', 'Micron_5200_MTFD', 'H027', '/dev/sda']]);
  });

  it('columns after the node (-i udev id, -g sg node) are kept apart; vendor and model with spaces are read by position', () => {
    const line = '[14:0:0:1]   enclosu SanDisk  SES Device       1012  -          /dev/sg5\n[2:0:0:0]    disk    HP       LOGICAL VOLUME   1.34  /dev/sda   3600508b1001c2d3e4f5a6b7c8d9e0f1a\n';
    expect(parseLsscsi(line).devices).toEqual([
      { hctl: '14:0:0:1', type: 'enclosu', typeNumber: 13, vendor: 'SanDisk', model: 'SES Device', rev: '1012', node: '-', extra: ['/dev/sg5'] },
      { hctl: '2:0:0:0', type: 'disk', typeNumber: 0, vendor: 'HP', model: 'LOGICAL VOLUME', rev: '1.34', node: '/dev/sda', extra: ['3600508b1001c2d3e4f5a6b7c8d9e0f1a'] },
    ]);
  });

  it('lsscsi -H host lines give the driver; NVMe lines are skipped; anything else is an issue with its line number; CRLF is read', () => {
    const p = parseLsscsi('[0]    megaraid_sas\r\n[N:0:1:1]    disk    QEMU NVMe Ctrl__1                          /dev/nvme0n1\r\nsomething else\r\n');
    expect(p.hosts).toEqual([{ host: 0, driver: 'megaraid_sas' }]);
    expect(p.devices).toEqual([]);
    expect(p.issues).toEqual([{ line: 3, text: 'something else', message: expect.stringMatching(/not an lsscsi device line/) }]);
  });
});
