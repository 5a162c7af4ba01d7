import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

/** Collects a captured tree holding one saved file and analyses it. */
async function replay(name: string, text: string): Promise<Awaited<ReturnType<typeof analyze>>> {
  const dir = tempDir();
  const p = join(dir, 'tree', name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
  return analyze({ bundles: [join(dir, 'b.tar.gz')], minSeverity: 'info' });
}

const info = (running: string, stored: string): string => `pci/0000:3b:00.0:
  driver ice
  serial_number 00-01-02-ff-ff-03-04-05
  versions:
      fixed:
        board.id K91258-000
      running:
        fw.mgmt ${running}
        fw.mgmt.api 1.7
      stored:
        fw.mgmt ${stored}
`;

// The shape of a ticket comment: dev info, the flash and reload typed between, dev info again.
const FLASHED = `[root@host ~]# devlink dev info pci/0000:3b:00.0
${info('5.4.5', '5.5.17')}[root@host ~]# devlink dev flash pci/0000:3b:00.0 file E810_XXVDA4_FH_O_SEC_FW_1p6p1p9_NVM_3p10.bin
Preparing to flash
Flashing done
[root@host ~]# devlink dev reload pci/0000:3b:00.0 action fw_activate
reload_actions_performed:
  fw_activate
[root@host ~]# devlink dev info pci/0000:3b:00.0
${info('5.5.17', '5.5.17')}`;

describe('the same device shown twice in one saved file', () => {
  it('devlink dev info before and after a flash and reload: the later output is current, the earlier one gives no row and no finding', async () => {
    const { db, report } = await replay('cmd/devlink/dev_info.txt', FLASHED);
    try {
      expect(db.prepare(`SELECT state, version FROM firmware WHERE component = 'fw.mgmt' ORDER BY state`).all()).toEqual([
        { state: 'running', version: '5.5.17' }, { state: 'stored', version: '5.5.17' },
      ]);
      expect(report.findings.filter((f) => f.rule === 'core.devlink-firmware-stored-differs')).toEqual([]);
      expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('ethtool -i before and after a firmware update: the later output is current, the earlier one is noted, not stored', async () => {
    const run = (fw: string): string => `# ethtool -i ens1f0\ndriver: ice\nversion: 1.9.11\nfirmware-version: ${fw}\nexpansion-rom-version: \nbus-info: 0000:3b:00.0\nsupports-statistics: yes\n`;
    const { db } = await replay('cmd/ethtool/-i_ens1f0.txt', `${run('2.40 0x80007064 1.2839.0')}# ./nvmupdate64e -u -l -c nvmupdate.cfg\n${run('4.20 0x8001784e 1.3346.0')}`);
    try {
      expect(db.prepare(`SELECT version FROM firmware WHERE device_key = 'net:ens1f0'`).all()).toEqual([{ version: '4.20 0x8001784e 1.3346.0' }]);
      expect(db.prepare(`SELECT value FROM settings WHERE device_key = 'net:ens1f0' AND key = 'firmware_version'`).all()).toEqual([{ value: '4.20 0x8001784e 1.3346.0' }]);
      expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).get()).toEqual({ n: 1 });
      expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
