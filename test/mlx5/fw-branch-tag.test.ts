/**
 * flint prints a development branch's firmware by its tag (mstflint FwVersion::get_fw_version: the image's VSD when it
 * has the branch form, 5 to 28 characters ending `_NNNN` or `-NNN`) in place of MM.mm.ssss, and people paste versions
 * with a tag glued on (`16.35.1012-branch`). The version and the tag are stored apart: rules compare the version, and a
 * tag alone is ordered only against tags of its own branch, never against a release.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../analyzer/classes/index.js';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { compareVersions, parseVersion } from '../../analyzer/version/index.js';
import { replayTree } from '../helpers/replay-tree.js';

const QUERY = readFileSync(new URL('./fixtures/real/mstflint/cx5-fs4-indented-doc.txt', import.meta.url), 'utf8');
const tagged = (value: string): string => QUERY.replace(/(FW Version:\s+)16\.31\.2006/, `$1${value}`);

async function stored(text: string): Promise<{ firmware: unknown[]; tags: unknown[]; malformed: number }> {
  const { db } = await replayTree({ 'cmd/mstflint/-d_0000:3b:00.0_q.out': text });
  try {
    return {
      firmware: db.prepare(`SELECT state, version FROM firmware WHERE component = 'firmware' ORDER BY state`).all(),
      tags: db.prepare(`SELECT key, value FROM settings WHERE namespace = 'mlx.device' AND key LIKE 'fw_branch%' ORDER BY key`).all(),
      malformed: (db.prepare(`SELECT count(*) AS n FROM firmware WHERE component = 'firmware' AND unknown = 1`).get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('a firmware version with a branch tag', () => {
  it('MM.mm.ssss with a tag glued on: the version is compared, the tag is kept apart', async () => {
    expect(parseMstflintQuery(tagged('16.35.1012-branch'))).toMatchObject({ fwVersion: '16.35.1012', fwBranchTag: '16.35.1012-branch' });
    expect(await stored(tagged('16.35.1012_0004'))).toEqual({
      firmware: [{ state: 'running', version: '16.35.1012' }, { state: 'stored', version: '16.35.1012' }],
      tags: [{ key: 'fw_branch_tag', value: '16.35.1012_0004' }],
      malformed: 0,
    });
  });

  it('a tag alone (a development branch, as flint prints it): kept as the firmware and the tag, never a malformed version', async () => {
    expect(await stored(tagged('DEVBR_sx_0012'))).toEqual({
      firmware: [{ state: 'running', version: 'DEVBR_sx_0012' }, { state: 'stored', version: 'DEVBR_sx_0012' }],
      tags: [{ key: 'fw_branch_tag', value: 'DEVBR_sx_0012' }],
      malformed: 0,
    });
  });

  it('the running firmware of another tag is kept apart too', () => {
    const q = parseMstflintQuery(tagged('16.35.1012-001').replace(/(FW Version:.*\n)/, '$1FW Version(Running):   16.35.1012-002\n'));
    expect(q).toMatchObject({ fwVersion: '16.35.1012', fwVersionRunning: '16.35.1012', fwBranchTag: '16.35.1012-001', fwBranchTagRunning: '16.35.1012-002' });
  });

  it('the mlx5 scheme orders tags of one branch by their number, and never against a release or another branch', () => {
    expect(parseVersion('DEVBR_sx_0012', 'mlx5').unknown).toBe(false);
    expect(compareVersions('DEVBR_sx_0010', 'DEVBR_sx_0012', 'mlx5')).toBe(-1);
    expect(compareVersions('DEVBR_sx_0012', '16.35.1012', 'mlx5')).toBeNull();
    expect(compareVersions('DEVBR_sx_0012', 'OTHER-123', 'mlx5')).toBeNull();
    expect(parseVersion('16.35', 'mlx5').unknown).toBe(true);
  });

  it('in an mlxfwmanager/mlxup Versions table: the firmware row holds the version', async () => {
    const mlxup = readFileSync(new URL('./fixtures/real/fwmanager/cx6lx-mlxup-query-rhel.txt', import.meta.url), 'utf8').replace('26.33.1048 ', '26.33.1048_0004');
    const { db } = await replayTree({ 'cmd/mlxup/--query.out': mlxup });
    try {
      expect(db.prepare(`SELECT state, version, unknown FROM firmware WHERE component = 'firmware' ORDER BY state`).all()).toEqual([
        { state: 'running', version: '26.33.1048', unknown: 0 },
        { state: 'stored', version: '26.33.1048', unknown: 0 },
      ]);
    } finally {
      db.close();
    }
  });

  it('in a Versions table, a FW row holding only a branch tag is read, and the tag kept as flint\'s is', async () => {
    const mlxup = readFileSync(new URL('./fixtures/real/fwmanager/cx6lx-mlxup-query-rhel.txt', import.meta.url), 'utf8')
      .replace('26.33.1048    ', 'DEVBR_sx_0012 ');
    const { db } = await replayTree({ 'cmd/mlxfwmanager/--query.out': mlxup });
    try {
      expect(db.prepare(`SELECT state, version, unknown FROM firmware WHERE component = 'firmware' ORDER BY state`).all()).toEqual([
        { state: 'running', version: 'DEVBR_sx_0012', unknown: 0 },
        { state: 'stored', version: 'DEVBR_sx_0012', unknown: 0 },
      ]);
      expect(db.prepare(`SELECT key, value FROM settings WHERE namespace = 'mlx.device' AND key LIKE 'fw_branch%' ORDER BY key`).all())
        .toEqual([{ key: 'fw_branch_tag', value: 'DEVBR_sx_0012' }]);
      expect(db.prepare(`SELECT code, message FROM collection_issues WHERE message LIKE '%FW%DEVBR%'`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
