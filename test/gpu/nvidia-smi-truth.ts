import { expect } from 'vitest';
import type { NvidiaSmiGpu, NvidiaSmiLog } from '../../analyzer/classes/gpu/nvidia-smi-xml.js';

/** What a person reads off any real nvidia-smi -q sample, text or XML (its provenance file's `truth`). */
export interface SmiTruth {
  driver_version: string;
  cuda_version?: string;
  /** Lines of the sample that are no line of nvidia-smi's (another program's message printed into the output). */
  unread_lines?: number;
  gpus: { bdf: string; product_name: string; uuid: string; vbios: string; inforom: { img?: string; oem?: string }; persistence_mode?: string; serial?: string }[];
}

/**
 * Checks a parsed nvidia-smi log against its sample's truth in what both forms print, then hands each GPU's fields
 * with its truth to `more` for what only one form holds.
 */
export function expectSmiTruth<T extends SmiTruth>(log: NvidiaSmiLog, truth: T, more: (fields: NvidiaSmiGpu['fields'], gpu: T['gpus'][number]) => void): void {
  expect(log.issues).toHaveLength(truth.unread_lines ?? 0);
  expect(log.driverVersion).toBe(truth.driver_version);
  expect(log.cudaVersion).toBe(truth.cuda_version);
  expect(log.gpus.map((g) => g.bdf)).toEqual(truth.gpus.map((g) => g.bdf));
  truth.gpus.forEach((t, i) => {
    const g = log.gpus[i]!.fields;
    expect(g.get('product_name')).toBe(t.product_name);
    expect(g.get('uuid')).toBe(t.uuid);
    expect(g.get('vbios_version')).toBe(t.vbios);
    expect(g.get('inforom_version/img_version')).toBe(t.inforom.img);
    expect(g.get('inforom_version/oem_object')).toBe(t.inforom.oem);
    expect(g.get('persistence_mode')).toBe(t.persistence_mode);
    more(g, t);
  });
}
