import { describe, expect, it } from 'vitest';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { SqliteSink } from '../../analyzer/db/sink.js';
import { describeVersion } from '../../analyzer/load/describe-version.js';
import { assertNoFalseAlarm, type RealSample, type Replayed } from '../helpers/real-corpus.js';

/** The corpus tests' false-alarm check, on a bundle where a high rule does fire (it must be able to fail). */
function replayedWith(model: string): Replayed {
  const db = openDatabase(':memory:');
  const bundleId = Number(db.prepare(`INSERT INTO bundles (path, loaded_at, complete) VALUES ('t', 'now', 1)`).run().lastInsertRowid);
  const sink = new SqliteSink(db, bundleId, describeVersion, shippedFacts(), 'throw');
  sink.device({ key: 'nvme:nvme0', class: 'nvme', vendorId: 0x1179, model });
  sink.setting({ deviceKey: 'nvme:nvme0', namespace: 'nvme.feature', key: 'apst_enabled', value: true, mode: 'current' });
  sink.flushFirmware();
  return { db, bundleId, artifact: 'cmd/nvme/id-ctrl_nvme0.out', bundle: 't' };
}

const sample = (alarms?: string[]): RealSample =>
  ({ name: 'x', file: 'x', provenance: { tool: 'nvme', format: 'text', command: '', saved_as: '', source: {}, licence: '', copied: '', truth: { class: 'nvme', alarms } } });

describe('the real corpora\'s false-alarm check', () => {
  const RULE = 'nvme.core-quirk.toshiba-thnsf5256gpuk-apst';

  it('fails on a high finding the truth does not name, and on a named one that is not raised', () => {
    expect(() => assertNoFalseAlarm(sample(), replayedWith('THNSF5256GPUK TOSHIBA'))).toThrow(/high or critical findings/);
    expect(() => assertNoFalseAlarm(sample([RULE]), replayedWith('THNSF5512GPUK TOSHIBA'))).toThrow(/high or critical findings/);
  });

  it('passes when the high findings are exactly those the truth names', () => {
    assertNoFalseAlarm(sample([RULE]), replayedWith('THNSF5256GPUK TOSHIBA'));
    assertNoFalseAlarm(sample(), replayedWith('THNSF5512GPUK TOSHIBA'));
  });
});
