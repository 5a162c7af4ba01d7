import { describe, expect, it } from 'vitest';
import { SUPPORTCONFIG, SUPPORTCONFIG_TOP, all, imported, logCmd, real } from '../import/report-import.js';
import { sosMarkers } from '../import/report-builder.js';

describe('the journal of a report → kernel_log', () => {
  const JOURNAL = real('kernel-log/fixtures/real/journal-k-monotonic-adl-guc-load-failed.txt');

  it('sos 4.0\'s journalctl --no-pager --catalog --boot: the kernel\'s lines only, other programs\' lines and markers left out; rules fire', async () => {
    const other = 'Aug 16 10:00:01 adl systemd[1]: Started Daily apt download activities.\n-- Reboot --\n';
    const text = `-- Logs begin at Wed 2023-08-16 09:00:00 UTC, end at Wed 2023-08-16 10:01:00 UTC. --\n${other}${JOURNAL}`;
    const { db, artifacts } = await imported({ ...sosMarkers('4.0'), 'sos_commands/logs/journalctl_--no-pager_--catalog_--boot': text, 'sos_commands/logs/journalctl_--no-pager_--catalog_--boot_-1': 'Aug 15 10:00:00 adl kernel: i915 0000:00:02.0: Failed to initialize GPU, declaring it wedged!\n' });
    expect(artifacts.get('cmd/journalctl/--no-pager_--catalog_--boot.out')).toEqual({ path: 'sos_commands/logs/journalctl_--no-pager_--catalog_--boot' });
    expect([...artifacts.keys()].some((n) => n.includes('_-1'))).toBe(false);
    const rows = all(db, 'SELECT level, usec, text, artifact FROM kernel_log ORDER BY rowid');
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({ level: null, usec: 61_507_354, text: 'i915 0000:00:02.0: [drm] GT0: GuC firmware i915/adlp_guc_70.bin version 70.5.1', artifact: 'cmd/journalctl/--no-pager_--catalog_--boot.out' });
  });

  it('supportconfig\'s journalctl --no-pager --boot=0 --output=short-iso, hostname in each line: the kernel\'s lines without times', async () => {
    const iso = JOURNAL.split('\n').filter(Boolean).map((l) => l.replace(/^\[\s*[\d.]+\] kernel:/, '2023-08-16T10:00:01+0000 adl kernel:')).join('\n');
    const { db } = await imported({
      ...SUPPORTCONFIG,
      'boot.txt': logCmd('/usr/bin/journalctl --no-pager --boot=0 --output=short-iso', `2023-08-16T10:00:00+0000 adl systemd[1]: Starting up.\n${iso}\n`),
    }, SUPPORTCONFIG_TOP);
    const rows = all(db, 'SELECT level, usec, text FROM kernel_log ORDER BY rowid');
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.level === null && r.usec === null)).toBe(true);
    expect(rows[6]!.text).toBe('i915 0000:00:02.0: [drm] *ERROR* GT0: Failed to initialize GPU, declaring it wedged!');
  });

  it('sos 3.x\'s journalctl --all --this-boot --no-pager is the running boot\'s journal too', async () => {
    const { db } = await imported({ 'version.txt': 'sosreport: 3.5\n', 'sos_logs/sos.log': '', 'sos_commands/logs/journalctl_--all_--this-boot_--no-pager': JOURNAL });
    expect(all(db, 'SELECT DISTINCT artifact FROM kernel_log')).toEqual([{ artifact: 'cmd/journalctl/--all_--this-boot_--no-pager.out' }]);
  });

  it('a report\'s dmesg wins over its journal', async () => {
    const { db } = await imported({ ...sosMarkers('4.12'), 'sos_commands/kernel/dmesg': real('kernel-log/fixtures/real/dmesg-el7.txt'), 'sos_commands/logs/journalctl_--no-pager_--boot': JOURNAL });
    expect(all(db, 'SELECT DISTINCT artifact FROM kernel_log')).toEqual([{ artifact: 'cmd/dmesg/_.out' }]);
  });
});
