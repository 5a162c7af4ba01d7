import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { factsDatabase } from '../../analyzer/rules/self-test.js';
import type { RuleTest, RuleTestDevice } from '../../analyzer/rules/types.js';
import { tempDir } from '../helpers/tmp.js';

// A first-match table in miniature: "Crucial_CT512MX100*" comes before "Crucial_CT*MX100*" in libata's list.
const RULE = `
id: t.mx100
title: t
severity: medium
applies_to: {class: ata, model: "Crucial_CT*MX100*", not_model: ["Crucial_CT512MX100*"]}
when:
  - firmware: {component: firmware, glob: "MU01"}
message: "{device} {firmware}[[, trim {setting.ata.trim_mode}]][[, frozen {setting.ata.security.frozen}]]"
remediation: r
references: [x]
tests:
  - {name: a, expect: fail, devices: [{key: a, class: ata, model: Crucial_CT256MX100SSD1, firmware: {firmware: MU01}}]}
  - {name: b, expect: pass, devices: [{key: a, class: ata, model: Crucial_CT256MX100SSD1, firmware: {firmware: MU02}}]}
`;

function run(devices: RuleTestDevice[]) {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'r.yaml'), RULE);
  const [rule] = loadRules(dir);
  const t: RuleTest = { name: 'x', expect: 'pass', devices };
  const { db, bundleId } = factsDatabase(t);
  return runRules(db, bundleId, [rule!]);
}

const drive = (model: string, firmware: string, settings: RuleTestDevice['settings'] = []): RuleTestDevice => ({
  key: 'ata:dev1.0', class: 'ata', model, firmware: { firmware }, settings,
});

describe('rule engine extensions for quirk tables', () => {
  it('not_model removes devices an earlier table entry claims, even when the rule model glob matches', () => {
    expect(run([drive('Crucial_CT256MX100SSD1', 'MU01')])[0]).toMatchObject({ result: 'fail' });
    expect(run([drive('Crucial_CT512MX100SSD1', 'MU01')])).toEqual([]);
    // A device without a model is outside any model-filtered rule.
    expect(run([{ key: 'ata:dev1.0', class: 'ata', firmware: { firmware: 'MU01' } }])).toEqual([]);
  });

  it('glob on firmware ignores the space padding of IDENTIFY strings, not leading spaces', () => {
    expect(run([drive('Crucial_CT256MX100SSD1', 'MU01    ')])[0]!.result).toBe('fail');
    expect(run([drive('Crucial_CT256MX100SSD1', ' MU01')])[0]!.result).toBe('pass');
  });

  it('keeps an optional message segment only when its placeholders have values, also for dotted namespaces', () => {
    expect(run([drive('Crucial_CT256MX100SSD1', 'MU01')])[0]!.message).toBe('ata:dev1.0 MU01');
    const withSettings = run([
      drive('Crucial_CT256MX100SSD1', 'MU01', [
        { namespace: 'ata', key: 'trim_mode', value: 'queued' },
        { namespace: 'ata', key: 'security.frozen', value: true },
      ]),
    ])[0]!;
    expect(withSettings.message).toBe('ata:dev1.0 MU01, trim queued, frozen 1');
  });
});

describe('rules without conditions', () => {
  it('report every device applies_to selects', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'r.yaml'),
      `id: t.model-only
title: t
severity: low
applies_to: {class: ata, model: "Samsung SSD 870*"}
message: "{device} {model}"
remediation: r
references: [x]
tests:
  - {name: a, expect: fail, devices: [{key: a, class: ata, model: Samsung SSD 870 EVO 1TB}]}
  - {name: b, expect: pass, devices: [{key: a, class: ata, model: Samsung SSD 980 1TB}]}
`,
    );
    const [rule] = loadRules(dir);
    const { db, bundleId } = factsDatabase({ name: 'x', expect: 'pass', devices: [{ key: 'ata:dev1.0', class: 'ata', model: 'Samsung SSD 870 EVO 1TB' }, { key: 'ata:dev2.0', class: 'ata', model: 'ST4000NM0035-1V4107' }] });
    expect(runRules(db, bundleId, [rule!]).map((o) => [o.deviceKey, o.result])).toEqual([['ata:dev1.0', 'fail']]);
  });
});
