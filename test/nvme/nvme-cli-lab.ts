import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import type { LabRun } from '../lab/lab-results.js';
import { tempDir } from '../helpers/tmp.js';
import { fwLogJsonTruth, idCtrlHumanTruth, idCtrlJsonTruth, idNsHumanTruth, idNsJsonTruth } from './nvme-cli-truth.js';

/**
 * The corpus samples (fixtures/real/) captured from nvme-cli's runs the NVMe lab part declares (lab-scenario.ts:
 * `id-ctrl -H`, `id-ctrl -o json`, `fw-log -o json`, `id-ns -H`, `id-ns -o json` and `version`), each with the declared run that printed it.
 */
export const NVME_CLI_LAB_SAMPLES = [
  { tool: 'nvme-id-ctrl-H', sample: 'id-ctrl/qemu-lab-nvme-cli-2.3-H.txt' },
  { tool: 'nvme-id-ctrl-json', sample: 'id-ctrl/qemu-lab-nvme-cli-2.3-json.json' },
  { tool: 'nvme-fw-log-json', sample: 'fw-log/qemu-lab-nvme-cli-2.3-json.json' },
  { tool: 'nvme-id-ns-H', sample: 'id-ns/qemu-lab-nvme-cli-2.3-H.txt' },
  { tool: 'nvme-id-ns-json', sample: 'id-ns/qemu-lab-nvme-cli-2.3-json.json' },
] as const;

export const labSamplePath = (sample: string): string => fileURLToPath(new URL(`./fixtures/real/${sample}`, import.meta.url));
export function labSampleProvenance(sample: string): { command: string; saved_as: string; source: { captured_with: { nvme_version: string; qemu: string } }; truth: Record<string, unknown> & { namespace?: { settings: Record<string, unknown> } } } {
  return parse(readFileSync(labSamplePath(sample).replace(/\.(txt|json)$/, '.provenance.yaml'), 'utf8')) as ReturnType<typeof labSampleProvenance>;
}

/** What fwsnap stores for the one NVMe controller of a bundle, in the corpus truth's terms. */
async function stored(bundle: string) {
  const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
  try {
    const rows = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    const dev = rows<{ device_key: string; model: string; serial: string; vendor_id: number }>(`SELECT device_key, model, serial, vendor_id FROM devices WHERE class = 'nvme'`);
    if (dev.length !== 1) throw new Error(`expected one NVMe device, found ${dev.length}`);
    const key = dev[0]!.device_key;
    const setting = (ns: string, k: string): string | null => (db.prepare('SELECT value FROM settings WHERE device_key = ? AND namespace = ? AND key = ?').get(key, ns, k) as { value: string | null } | undefined)?.value ?? null;
    const fw = rows<{ state: string; version: string }>(`SELECT state, version FROM firmware WHERE device_key = '${key}' AND component = 'firmware'`);
    return {
      model: dev[0]!.model, serial: dev[0]!.serial, vid: dev[0]!.vendor_id,
      firmware: fw.filter((f) => f.state === 'running').map((f) => f.version),
      version: setting('nvme.id-ctrl', 'version'), frmw: setting('nvme.id-ctrl', 'frmw'), firmware_slots: setting('nvme.id-ctrl', 'firmware_slots'),
      slot1_read_only: setting('nvme.id-ctrl', 'slot1_read_only'), activation_without_reset: setting('nvme.id-ctrl', 'activation_without_reset'),
      power_states: rows<{ key: string }>(`SELECT key FROM settings WHERE device_key = '${key}' AND namespace = 'nvme.power-state' ORDER BY key`).map((r) => r.key),
      active_slot: setting('nvme.fw-log', 'active_slot'), next_reset_slot: setting('nvme.fw-log', 'next_reset_slot'),
      slots: Object.fromEntries(fw.filter((f) => f.state.startsWith('slot-')).map((f) => [f.state.slice(5), f.version])),
      unread: rows<{ message: string }>(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).map((i) => i.message),
    };
  } finally {
    db.close();
  }
}

export function nvmeCliCorpusScenario(lab: () => LabRun): void {
  describe('nvme-cli\'s complete outputs (the corpus\'s lab samples): what the guest prints and what fwsnap stores of it', () => {
    it('the guest\'s -H text and JSON say the same of the controller, read without fwsnap', () => {
      expect(idCtrlHumanTruth(lab().tool('nvme-id-ctrl-H').toString('utf8'))).toEqual(idCtrlJsonTruth(lab().tool('nvme-id-ctrl-json').toString('utf8')));
    });

    it('each of the guest\'s outputs, saved under the sample\'s name and replayed with collect --root, is stored as read off it, with no unread line', async () => {
      const truth = idCtrlJsonTruth(lab().tool('nvme-id-ctrl-json').toString('utf8'));
      const log = fwLogJsonTruth(lab().tool('nvme-fw-log-json').toString('utf8'));
      for (const idCtrl of ['nvme-id-ctrl-H', 'nvme-id-ctrl-json'] as const) {
        const tree = join(tempDir(), 'tree');
        for (const { tool, sample } of NVME_CLI_LAB_SAMPLES.filter((s) => s.tool === idCtrl || s.tool === 'nvme-fw-log-json')) {
          const saved = join(tree, labSampleProvenance(sample).saved_as);
          mkdirSync(dirname(saved), { recursive: true });
          writeFileSync(saved, lab().tool(tool));
        }
        const bundle = join(tree, '..', 'bundle.tar.gz');
        await collect({ output: bundle, root: tree, only: ['nvme'], isolation: 'inline' });
        const got = await stored(bundle);
        const bool = (b: boolean): string => (b ? '1' : '0');
        expect(got, idCtrl).toEqual({
          model: truth.model, serial: truth.serial, vid: truth.vid, firmware: [truth.firmware], version: truth.version, frmw: String(truth.frmw),
          firmware_slots: String(truth.firmware_slots), slot1_read_only: bool(truth.slot1_read_only), activation_without_reset: bool(truth.activation_without_reset),
          power_states: truth.power_states, active_slot: String(log.active_slot), next_reset_slot: log.next_reset_slot === null ? null : String(log.next_reset_slot),
          slots: log.slots, unread: [],
        });
      }
    }, 120_000);

    it('the guest\'s id-ns -H and -o json say the same of its namespace, read without fwsnap; each, saved and replayed with collect --root, is stored as read off it', async () => {
      const truth = idNsJsonTruth(lab().tool('nvme-id-ns-json').toString('utf8'));
      expect(idNsHumanTruth(lab().tool('nvme-id-ns-H').toString('utf8'))).toEqual(truth);
      for (const { tool, sample } of NVME_CLI_LAB_SAMPLES.filter((s) => s.tool.startsWith('nvme-id-ns'))) {
        const tree = join(tempDir(), 'tree');
        const saved = join(tree, labSampleProvenance(sample).saved_as);
        mkdirSync(dirname(saved), { recursive: true });
        writeFileSync(saved, lab().tool(tool));
        const bundle = join(tree, '..', 'bundle.tar.gz');
        await collect({ output: bundle, root: tree, only: ['nvme'], isolation: 'inline' });
        const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
        try {
          const rows = db.prepare(`SELECT key, value FROM settings WHERE device_key = 'block:nvme0n1' AND namespace = 'nvme.id-ns'`).all() as { key: string; value: string }[];
          const got = Object.fromEntries(rows.map((r) => [r.key, r.value]));
          expect({ size_blocks: got.size_blocks, capacity_blocks: got.capacity_blocks, used_blocks: got.used_blocks, lba_format: got.lba_format, block_size: got.block_size, metadata_size: got.metadata_size, lba_formats: got.lba_formats?.split(',') }, tool)
            .toEqual(Object.fromEntries(Object.entries(truth).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)])));
          expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all(), tool).toEqual([]);
        } finally {
          db.close();
        }
      }
    }, 120_000);

    it('each lab sample is what this guest printed, byte for byte, and its truth is read off this run (when its nvme-cli and QEMU are the capture\'s)', (ctx) => {
      const nvmeVersion = lab().tool('nvme-version').toString('utf8').split('\n')[0]!.trim();
      const qemu = idCtrlJsonTruth(lab().tool('nvme-id-ctrl-json').toString('utf8')).firmware;
      const captured = labSampleProvenance(NVME_CLI_LAB_SAMPLES[0].sample).source.captured_with;
      if (nvmeVersion !== captured.nvme_version || qemu !== captured.qemu) {
        // Another nvme-cli or QEMU prints other fields: the samples stay real outputs of theirs; the check above still runs.
        const why = `the samples were captured with "${captured.nvme_version}" on QEMU ${captured.qemu}; this guest has "${nvmeVersion}" on QEMU ${qemu}`;
        process.stderr.write(`fwsnap lab: nvme-cli corpus byte check skipped: ${why}\n`);
        ctx.skip(why);
      }
      for (const { tool, sample } of NVME_CLI_LAB_SAMPLES) {
        expect(lab().tool(tool).toString('utf8'), sample).toBe(readFileSync(labSamplePath(sample), 'utf8'));
        expect(labSampleProvenance(sample).source.captured_with, sample).toEqual(captured);
      }
      const truth = { ...idCtrlJsonTruth(lab().tool('nvme-id-ctrl-json').toString('utf8')) };
      for (const sample of NVME_CLI_LAB_SAMPLES.slice(0, 2)) expect(labSampleProvenance(sample.sample).truth).toEqual({ class: 'nvme', ...truth });
      const { afi, ...log } = fwLogJsonTruth(lab().tool('nvme-fw-log-json').toString('utf8'));
      expect(labSampleProvenance(NVME_CLI_LAB_SAMPLES[2].sample).truth).toEqual({ class: 'nvme', afi, ...log, pending: null });
      const ns = idNsJsonTruth(lab().tool('nvme-id-ns-json').toString('utf8'));
      for (const sample of NVME_CLI_LAB_SAMPLES.slice(3)) expect(labSampleProvenance(sample.sample).truth.namespace?.settings, sample.sample).toMatchObject({ ...ns, lba_formats: ns.lba_formats.join(',') });
    });
  });
}
