import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';

describe('fwsnap rules test and the declared facts (the issue\'s experiment on an nvme rule)', () => {
  beforeAll(() => ensureBuilt());

  it('rules test refuses a rule naming an undeclared setting key, with file:line and exit status 2', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'nvme'), { recursive: true });
    const text = readFileSync('rules/nvme/core-quirks.yaml', 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('key: "apst_enabled", eq: true')) + 1;
    expect(line).toBeGreaterThan(0);
    writeFileSync(join(dir, 'nvme/core-quirks.yaml'), text.replace('key: "apst_enabled", eq: true', 'key: "apst_on", eq: true'));
    const r = fwsnap(['rules', 'test', '--rules', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`nvme/core-quirks.yaml:${line}: when.0.setting.key: setting key "apst_on" is not declared in namespace "nvme.feature"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
