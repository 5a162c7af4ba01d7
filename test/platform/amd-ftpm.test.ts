import { describe, expect, it } from 'vitest';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { factsDatabase } from '../../analyzer/rules/self-test.js';
import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import { tpmFirmwareVersion } from '../../analyzer/classes/platform/tpm2-getcap.js';

const RULE = loadRules(defaultRulesDir()).find((r) => r.id === 'platform.amd-ftpm-stutter')!;

/**
 * The truth: Linux 6.3/6.4 tpm_amd_is_rng_defective() (drivers/char/tpm/tpm-chip.c), restated. The two 32-bit
 * properties form one 64-bit version; the 6.x series is defective below 0x0006000000180006, the 3.x series below
 * 0x0003005700000005, every other series is not.
 */
function kernelSaysDefective(v1: number, v2: number): boolean {
  const version = (BigInt(v1) << 32n) | BigInt(v2);
  const series = version >> 48n;
  if (series === 6n) return version < 0x0006000000180006n;
  if (series === 3n) return version < 0x0003005700000005n;
  return false;
}

/** Values on and around every boundary the kernel draws, in both properties. */
const V1 = [0x00020057, 0x00030000, 0x00030001, 0x00030056, 0x00030057, 0x00030058, 0x0003ffff, 0x00040000, 0x00050057, 0x00060000, 0x00060001, 0x0006ffff, 0x00070000, 0x01060000];
const V2 = [0, 4, 5, 6, 0x00000007, 0x00170006, 0x00180005, 0x00180006, 0x00180007, 0x00190000, 0x0018ffff, 0xffffffff];

describe('platform.amd-ftpm-stutter against the kernel\'s own test', () => {
  it('fires exactly where tpm_amd_is_rng_defective() said defective, on the version fwsnap stores', () => {
    const cases = V1.flatMap((v1) => V2.map((v2) => ({ v1, v2 })));
    const devices: RuleTestDevice[] = cases.map(({ v1, v2 }, i) => ({
      key: `tpm:tpm${i}`, class: 'tpm',
      firmware: { tpm: tpmFirmwareVersion(v1), 'tpm.full': `${tpmFirmwareVersion(v1)}.${tpmFirmwareVersion(v2)}` },
      settings: [{ namespace: 'tpm', key: 'manufacturer', value: 'AMD' }],
    }));
    const { db, bundleId } = factsDatabase({ name: 'grid', expect: 'fail', devices });
    try {
      const got = new Map(runRules(db, bundleId, [RULE]).map((o) => [o.deviceKey, o.result]));
      const disagree = cases.filter(({ v1, v2 }, i) => (got.get(`tpm:tpm${i}`) === 'fail') !== kernelSaysDefective(v1, v2))
        .map(({ v1, v2 }) => `0x${v1.toString(16)} 0x${v2.toString(16)}: rule ${kernelSaysDefective(v1, v2) ? 'quiet' : 'fired'}`);
      expect(disagree).toEqual([]);
      // The grid holds both outcomes in both series.
      expect(cases.filter(({ v1, v2 }) => kernelSaysDefective(v1, v2)).length).toBeGreaterThan(10);
      expect([...got.values()].filter((r) => r === 'pass').length).toBeGreaterThan(10);
    } finally {
      db.close();
    }
  });

  it('stays quiet on a TPM from another manufacturer with an AMD-like version', () => {
    const { db, bundleId } = factsDatabase({
      name: 'ifx', expect: 'pass',
      devices: [{ key: 'tpm:tpm0', class: 'tpm', firmware: { tpm: '6.0', 'tpm.full': '6.0.1.0' }, settings: [{ namespace: 'tpm', key: 'manufacturer', value: 'IFX' }] }],
    });
    try {
      expect(runRules(db, bundleId, [RULE]).map((o) => o.result)).toEqual(['pass']);
    } finally {
      db.close();
    }
  });
});
