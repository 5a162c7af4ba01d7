import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = fileURLToPath(new URL('./fixtures/real', import.meta.url));

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

/** Collects a captured tree of the given saved files and analyses it. */
async function replayTree(files: Record<string, string>): Promise<Awaited<ReturnType<typeof analyze>>> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, 'tree', name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
  return analyze({ bundles: [join(dir, 'b.tar.gz')], minSeverity: 'info' });
}

describe('devlink health show twice in one saved file, a recover or set typed between', () => {
  // The shape of a ticket comment: show, recover (or set), show again; each reporter must give one row per key.
  const show = (state: string, error: number, recover: number, auto: string): string => `pci/0000:04:00.0:
  reporter tx
    state ${state} error ${error} recover ${recover} grace_period 500 auto_recover ${auto} auto_dump true
  reporter rx
    state healthy error 0 recover 0 grace_period 500 auto_recover true auto_dump true
`;
  const FORMS: [string, string][] = [
    ['recover', `$ devlink health show\n${show('error', 1, 0, 'false')}$ devlink health recover pci/0000:04:00.0 reporter tx\n$ devlink health show\n${show('healthy', 1, 1, 'false')}`],
    ['set', `# devlink health show pci/0000:04:00.0\n${show('error', 1, 0, 'false')}# devlink health set pci/0000:04:00.0 reporter tx auto_recover true\n# devlink health recover pci/0000:04:00.0 reporter tx\n# devlink health show pci/0000:04:00.0\n${show('healthy', 1, 1, 'true')}`],
    ['no prompts', `${show('error', 1, 0, 'false')}\n${show('healthy', 1, 1, 'true')}`],
  ];
  it('keeps the later output of each reporter as current and notes the earlier one', async () => {
    for (const [form, text] of FORMS) {
      const { db } = await replay('cmd/devlink/health_show.txt', text);
      try {
        const rows = db.prepare(`SELECT key, value FROM settings WHERE namespace = 'devlink.health' AND key IN ('tx.state', 'tx.recover', 'rx.state') ORDER BY key`).all();
        expect(rows, form).toEqual([{ key: 'rx.state', value: 'healthy' }, { key: 'tx.recover', value: '1' }, { key: 'tx.state', value: 'healthy' }]);
        const dup = db.prepare(`SELECT key, count(*) AS n FROM settings WHERE namespace = 'devlink.health' GROUP BY device_key, key HAVING n > 1`).all();
        expect(dup, form).toEqual([]);
        const notes = db.prepare(`SELECT message FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).all() as { message: string }[];
        expect(notes.map((n) => n.message.replace(/ more than once:.*/, ' more than once')).sort(), form).toEqual([
          'devlink health show shows reporter rx of pci/0000:04:00.0 more than once', 'devlink health show shows reporter tx of pci/0000:04:00.0 more than once',
        ]);
      } finally {
        db.close();
      }
    }
  });
});

describe('outputs of one query of one device saved in two files, before and after a change', () => {
  // The names a person gives the two files; the second of each pair was taken later, whatever the name order says.
  const PAIRS: [string, string][] = [
    ['dev_info_before.txt', 'dev_info_after.txt'], ['dev_info-old.txt', 'dev_info-new.txt'], ['dev_info_pre.txt', 'dev_info_post.txt'],
    ['dev_info_orig.txt', 'dev_info.txt'], ['dev_info_1.txt', 'dev_info_2.txt'], ['devlink-dev-info-20240102.txt', 'devlink-dev-info-20240315.txt'],
    ['dev_info_previous.txt', 'dev_info_current.txt'], ['devlink-dev-info-after-update.txt', 'devlink-dev-info-before-update.txt'].reverse() as [string, string],
  ];
  it('reads the later one as current, notes the earlier one, and raises no stored-differs alarm', async () => {
    for (const [before, after] of PAIRS) {
      const { db, report } = await replayTree({ [`cmd/devlink/${before}`]: info('5.4.5', '5.5.17'), [`cmd/devlink/${after}`]: info('5.5.17', '5.5.17') });
      try {
        expect(db.prepare(`SELECT state, version FROM firmware WHERE component = 'fw.mgmt' ORDER BY state`).all(), `${before} → ${after}`).toEqual([
          { state: 'running', version: '5.5.17' }, { state: 'stored', version: '5.5.17' },
        ]);
        const notes = db.prepare(`SELECT target, message FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).all() as { target: string; message: string }[];
        expect(notes.map((n) => n.target), before).toEqual([`cmd/devlink/${before}`]);
        expect(notes[0]!.message).toMatch(/as their names say/);
        expect(report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical'), before).toEqual([]);
      } finally {
        db.close();
      }
    }
  });

  it('says so when the names do not tell which was taken later', async () => {
    const { db } = await replayTree({ 'cmd/devlink/dev_info_host.txt': info('5.5.17', '5.5.17'), 'cmd/devlink/dev_info_ticket.txt': info('5.4.5', '5.5.17') });
    try {
      const notes = db.prepare(`SELECT target, message FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).all() as { target: string; message: string }[];
      expect(notes.map((n) => n.target)).toEqual(['cmd/devlink/dev_info_ticket.txt']);
      expect(notes[0]!.message).toMatch(/the names do not say/);
    } finally {
      db.close();
    }
  });

  it('does the same for ethtool -i outputs of one interface (-i_eth0_before.txt, -i_eth0_after.txt)', async () => {
    const drv = (fw: string): string => `driver: ice\nversion: 1.9.11\nfirmware-version: ${fw}\nbus-info: 0000:3b:00.0\n`;
    const { db } = await replayTree({ 'cmd/ethtool/-i_eth0_after.txt': drv('4.20 0x8001778b 1.3346.0'), 'cmd/ethtool/-i_eth0_before.txt': drv('2.32 0x80007064 1.2898.0') });
    try {
      expect(db.prepare(`SELECT device_key, version FROM firmware`).all()).toEqual([{ device_key: 'net:eth0', version: '4.20 0x8001778b 1.3346.0' }]);
      expect(db.prepare(`SELECT target FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).all()).toEqual([{ target: 'cmd/ethtool/-i_eth0_before.txt' }]);
    } finally {
      db.close();
    }
  });
});

describe('devlink dev param show twice in one saved file, a param set typed between', () => {
  // A real show, set and show again of one bnxt port (test/nic/fixtures/real/devlink-param/bnxt-allow-fw-live-reset-set-then-shown-again-reply):
  // each param gives one row per mode, the later show's; a mode the later show lacks keeps no stale value.
  const SHOWN_TWICE = readFileSync(join(REAL, 'devlink-param/bnxt-allow-fw-live-reset-set-then-shown-again-reply.txt'), 'utf8');
  it("keeps the later show of a param as current and notes the earlier one; the other port's one show stays", async () => {
    const { db } = await replay('cmd/devlink/dev_param_show.txt', SHOWN_TWICE);
    try {
      const rows = db.prepare(`SELECT device_key AS d, value, mode FROM settings WHERE namespace = 'devlink.param' AND key = 'allow_fw_live_reset' ORDER BY d, mode`).all();
      expect(rows).toEqual([
        { d: 'devlink:pci/0000:3b:00.0', value: '0', mode: 'permanent' }, { d: 'devlink:pci/0000:3b:00.0', value: '0', mode: 'runtime' },
        { d: 'devlink:pci/0000:3b:00.1', value: '1', mode: 'runtime' },
      ]);
      const dup = db.prepare(`SELECT key, count(*) AS n FROM settings WHERE namespace LIKE 'devlink.param%' GROUP BY device_key, namespace, key, mode HAVING n > 1`).all();
      expect(dup).toEqual([]);
      const notes = db.prepare(`SELECT message FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).all() as { message: string }[];
      expect(notes.map((n) => n.message.replace(/ more than once:.*/, ' more than once'))).toEqual(['devlink dev param show shows param allow_fw_live_reset of pci/0000:3b:00.1 more than once']);
    } finally {
      db.close();
    }
  });
});
