/**
 * A card's key does not depend on the order its outputs' saved names sort in. An output that names the card by its mst
 * node (`/dev/mst/mt4127_pciconf0`) or by nothing is matched, by the base GUID or MAC it prints, against every output of
 * the bundle that names a PCI function — not only against those loaded before it. Real ConnectX-6 Lx outputs of one
 * host (empovit/nvidia-tools): mlxup --online naming /dev/mst/mt4127_pciconf0, flint queries by mst node and by
 * 0002:01:00.0, and mlxup --query printing 0002:01:00.0.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const real = (path: string): string => readFileSync(new URL(`./fixtures/real/${path}`, import.meta.url), 'utf8');
const MLXUP_ONLINE = real('fwmanager/cx6lx-mlxup-online-release-notes-answer-n-devmst.txt');
const MLXUP_QUERY = real('fwmanager/cx6lx-mlxup-query-rhel.txt');
const FLINT_MST = real('mstflint/cx6lx-flint-devmst-secure-fw-rhel-arm.txt');
const FLINT_BDF = real('mstflint/cx6lx-fs4-secure-fw-domain2.txt');
// The mst-node query with its command lines taken out: a `flint q` that names no device.
const FLINT_UNNAMED = FLINT_MST.split('\n').filter((l) => !/flint|mst/i.test(l) || /:\s/.test(l)).join('\n');

/** Each output's firmware rows' device key, by the output's tool name (its saved name without the folder). */
async function keysOf(files: Record<string, string>): Promise<Record<string, string[]>> {
  const { db } = await replayTree(files);
  try {
    const rows = db.prepare(`SELECT DISTINCT device_key AS key, artifact FROM firmware WHERE component = 'firmware' ORDER BY 1, 2`).all() as { key: string; artifact: string }[];
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[r.key] ??= []).push(r.artifact.replace(/^cmd\/[^/]+\//, ''));
    for (const names of Object.values(out)) names.sort();
    return out;
  } finally {
    db.close();
  }
}

describe('device keys and the order of saved names', () => {
  it('mlxup --online by mst node is the PCI function a flint query by address shows, whichever flint query sorts first', async () => {
    const a = await keysOf({ 'cmd/mlxup/--online.out': MLXUP_ONLINE, 'cmd/flint/-d_%2Fdev%2Fmst%2Fmt4127_pciconf0_query.out': FLINT_MST, 'cmd/mstflint/-d_0002:01:00.0_q.out': FLINT_BDF });
    const b = await keysOf({ 'cmd/mlxup/--online.out': MLXUP_ONLINE, 'cmd/mstflint/-d_%2Fdev%2Fmst%2Fmt4127_pciconf0_query.out': FLINT_MST, 'cmd/flint/-d_0002:01:00.0_q.out': FLINT_BDF });
    expect(a).toEqual(b);
    expect(a['0002:01:00.0']).toContain('--online.out');
  });

  it('mlxup --online by mst node is the PCI function another firmware manager query prints, whichever is saved first', async () => {
    const a = await keysOf({ 'cmd/mlxup/--online.out': MLXUP_ONLINE, 'cmd/mlxup/--query.out': MLXUP_QUERY });
    const b = await keysOf({ 'cmd/mlxup/--online.out': MLXUP_ONLINE, 'cmd/mstfwmanager/--query.out': MLXUP_QUERY });
    expect(a).toEqual({ '0002:01:00.0': ['--online.out', '--query.out'] });
    expect(b).toEqual(a);
  });

  it('a flint query that names no device is the PCI function a query by address shows, whichever is saved first', async () => {
    const a = await keysOf({ 'cmd/flint/q.out': FLINT_UNNAMED, 'cmd/mstflint/-d_0002:01:00.0_q.out': FLINT_BDF });
    const b = await keysOf({ 'cmd/mstflint/q.out': FLINT_UNNAMED, 'cmd/flint/-d_0002:01:00.0_q.out': FLINT_BDF });
    expect(a).toEqual({ '0002:01:00.0': ['-d_0002:01:00.0_q.out', 'q.out'] });
    expect(b).toEqual(a);
  });
});
