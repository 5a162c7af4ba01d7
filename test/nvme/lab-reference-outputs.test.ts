import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAB_GUEST_STEPS } from '../lab/scenario-list.js';
import { fwSlotFromNvmeCli, nvmeLabPart } from './lab-scenario.js';
import { labSamplePath, labSampleProvenance, NVME_CLI_LAB_SAMPLES } from './nvme-cli-lab.js';
import { fwLogJsonTruth, idCtrlHumanTruth, idCtrlJsonTruth, idNsHumanTruth, idNsJsonTruth } from './nvme-cli-truth.js';

/** Real outputs of nvme-cli (2.4) inside the lab guest (Debian 12), kept in fixtures/lab/. */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('the lab\'s reference outputs of nvme-cli (2.4)', () => {
  it('turns nvme-cli firmware slot values back into the revision text', () => {
    const json = JSON.parse(fixture('nvme-fw-log.json')) as Record<string, Record<string, string>>;
    expect(fwSlotFromNvmeCli(json.nvme0!['Firmware Rev Slot 1']!)).toBe('1.0');
    // 0x51334234414e5047, the `nvme fw-log` sample of collector-facts §3.4, in the decimal nvme-cli's JSON uses.
    expect(fwSlotFromNvmeCli('5851093133085790279 (GPNA4B3Q)')).toBe('GPNA4B3Q');
    expect(() => fwSlotFromNvmeCli('GPNA4B3Q')).toThrow(/not "<u64> \(<text>\)"/);
  });
});

describe('the corpus\'s samples captured in the lab (nvme-cli-lab.ts): their provenance truth is what a reader without fwsnap reads off them', () => {
  const text = (i: number): string => readFileSync(labSamplePath(NVME_CLI_LAB_SAMPLES[i]!.sample), 'utf8');
  it('id-ctrl -H and -o json of the one controller say the same, and that is their recorded truth', () => {
    const human = idCtrlHumanTruth(text(0));
    expect(human).toEqual(idCtrlJsonTruth(text(1)));
    expect(human).toMatchObject({ model: 'QEMU NVMe Ctrl', serial: 'FWSNAPLABNVME01', vid: 0x1b36, version: '1.4', power_states: ['ps0'] });
    for (const i of [0, 1]) expect(labSampleProvenance(NVME_CLI_LAB_SAMPLES[i]!.sample).truth).toEqual({ class: 'nvme', ...human });
  });

  it('fw-log -o json: slot 1 is QEMU\'s `1.0` padded with spaces, shown as dots', () => {
    const { afi, ...log } = fwLogJsonTruth(text(2));
    expect(log.slots).toEqual({ 1: '1.0' });
    expect(labSampleProvenance(NVME_CLI_LAB_SAMPLES[2]!.sample).truth).toEqual({ class: 'nvme', afi, ...log, pending: null });
  });

  it('id-ns -H and -o json of the one namespace say the same, and that is their recorded truth', () => {
    const human = idNsHumanTruth(text(3));
    expect(human).toEqual(idNsJsonTruth(text(4)));
    expect(human).toMatchObject({ size_blocks: 0x200000, lba_format: 0, block_size: 512, metadata_size: 0 });
    expect(human.lba_formats).toHaveLength(8);
    for (const i of [3, 4]) expect(labSampleProvenance(NVME_CLI_LAB_SAMPLES[i]!.sample).truth.namespace?.settings).toMatchObject({ ...human, lba_formats: human.lba_formats.join(',') });
  });

  it('the reader of -H fails on a line it needs rather than guessing', () => {
    expect(() => idCtrlHumanTruth(text(0).replace(/^frmw .*$/m, ''))).toThrow(/no "frmw :" line/);
    expect(() => idNsHumanTruth(text(3).replace(' (in use)', ''))).toThrow(/marks no LBA format/);
  });
});

describe('the lab samples come from the NVMe part\'s declared reference tools, the lab\'s one way of running a tool', () => {
  const runs = (nvmeLabPart.tools ?? []).flatMap((g) => g.runs);
  it('each sample\'s recorded command is a declared run on the first controller, and no guest step runs nvme-cli', () => {
    for (const { tool, sample } of NVME_CLI_LAB_SAMPLES) {
      const run = runs.find((r) => r.output === tool);
      expect(run, `${sample}: no declared run ${tool}`).toBeDefined();
      expect(run!.argv.join(' ').replace('{}', 'nvme0'), sample).toBe(labSampleProvenance(sample).command);
    }
    expect(runs.find((r) => r.output === 'nvme-version')?.argv).toEqual(['nvme', 'version']);
    expect(LAB_GUEST_STEPS.map((s) => s.name)).not.toContain('nvme-cli');
  });
});
