import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLASSES } from '../../analyzer/classes/index.js';
import { DEFAULT_MLXCONFIG_DB } from '../../analyzer/classes/mlx5/config-db.js';
import { collect } from '../../collector/collect.js';
import { ensureBuilt, FAKEHOST, fwsnap } from '../cli/cli-helpers.js';
import { tempDir } from '../helpers/tmp.js';

// --mlxconfig-db is the mlx5 class's vendor-data option (its vendorDataOptions), which the CLI adds to analyze, check
// and rules test: the commands take it as before, and its value reaches the class's checks.
describe('--mlxconfig-db, registered by the mlx5 class', () => {
  beforeAll(() => ensureBuilt());

  it('is declared by mlx5 and by no other class', () => {
    const owners = CLASSES.filter((c) => c.vendorDataOptions?.some((o) => o.flag === 'mlxconfig-db')).map((c) => c.name);
    expect(owners).toEqual(['mlx5']);
  });

  it('analyze, check and rules test offer it with their help lines', () => {
    for (const [cmd, help] of [[['analyze'], 'for ConnectX constraint checks'], [['check'], 'for ConnectX constraint checks'], [['rules', 'test'], 'for builtin ConnectX checks']] as const) {
      const out = fwsnap([...cmd, '--help']).stdout.replace(/\s+/g, ' ');
      expect(out, cmd.join(' ')).toContain(`--mlxconfig-db <file> mstflint mlxconfig database ${help}`);
    }
  });

  it('the file given reaches the class\'s checks: the report names it as the option\'s', async () => {
    const bundle = join(tempDir(), 'fh.tar.gz');
    await collect({ output: bundle, root: FAKEHOST, isolation: 'inline' });
    const r = fwsnap(['analyze', bundle, '--mlxconfig-db', DEFAULT_MLXCONFIG_DB, '--format', 'json']);
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout) as { bundles: { vendorData: { name: string; origin: string; path?: string }[] }[] };
    expect(report.bundles[0]!.vendorData.find((v) => v.name === 'mlxconfig-db')).toMatchObject({ origin: 'option', path: DEFAULT_MLXCONFIG_DB });
  }, 120_000);
});
