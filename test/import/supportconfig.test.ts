import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { importReport } from '../../collector/import/import-report.js';
import { sections } from '../../collector/import/supportconfig.js';
import { tempDir } from '../helpers/tmp.js';
import { packReport, writeReport } from './report-builder.js';

/**
 * A supportconfig laid out as supportutils writes it (bin/supportconfig.rc: `log_cmd` frames each command as
 * `#==[ Command ]===…#`, `# <full path and arguments>`, the output with stderr, one empty line; `conf_files`
 * frames a file as `#==[ Configuration File ]===…#`, `# <path>`, its lines without comments and empty lines, two
 * empty lines; modules.txt lists `/sys/module/<m>/parameters/<p>=<value>`), holding real public outputs from the
 * project's corpora and this host's /proc/cpuinfo read at test time.
 */

const FIX = (p: string): string => new URL(`../${p}`, import.meta.url).pathname;
const CMD = '#==[ Command ]======================================#';
const CONF = '#==[ Configuration File ]===========================#';

const logCmd = (cmdline: string, output: string): string => `${CMD}\n# ${cmdline}\n${output.replace(/\n?$/, '\n')}\n`;
const confFile = (path: string, text: string): string =>
  `${CONF}\n# ${path}\n${text.split('\n').filter((l) => !/^\s*#/.test(l) && l.trim() !== '').join('\n')}\n\n\n`;

function rows(db: Db, sql: string): string[] {
  return (db.prepare(sql).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r));
}

const SAMPLES = {
  ethtool: { file: FIX('nic/fixtures/real/ethtool-i/mlx5-cx4lx-ethq8.txt'), savedAs: 'cmd/ethtool/-i_p3p1.out', cmdline: '/usr/sbin/ethtool -i p3p1', topic: 'network.txt' },
  idCtrl: { file: FIX('nvme/fixtures/real/id-ctrl/samsung-pm1733-notes-H.txt'), savedAs: 'cmd/nvme/id-ctrl_nvme2_-H.out', cmdline: '/usr/sbin/nvme id-ctrl -H /dev/nvme2', topic: 'nvme.txt' },
  fwLog: { file: FIX('nvme/fixtures/real/fw-log/rev-mn38-avocado-log.txt'), savedAs: 'cmd/nvme/fw-log_nvme1.out', cmdline: '/usr/sbin/nvme fw-log /dev/nvme1', topic: 'nvme.txt' },
};

describe('supportconfig', () => {
  it('frames are read back as the commands and files they hold', () => {
    const text = `${logCmd('/usr/bin/uname -a', 'Linux h 6.4.0-150600.23.7-default #1 SMP PREEMPT_DYNAMIC x86_64 x86_64 x86_64 GNU/Linux')}${confFile('/proc/cmdline', 'BOOT_IMAGE=/boot/vmlinuz quiet\n')}`;
    const s = sections(text);
    expect(s.map((x) => [x.kind, x.label, x.line])).toEqual([
      ['Command', '/usr/bin/uname -a', 1],
      ['Configuration File', '/proc/cmdline', 5],
    ]);
  });

  it('imports a tarball made as supportconfig makes it: the same rows as the outputs replayed, host facts from uname -a', async () => {
    const dir = tempDir();
    const topics: Record<string, string> = {
      'supportconfig.txt': 'Script Version:      3.2.10\n',
      'basic-environment.txt': logCmd('/bin/date', 'Tue Dec  1 11:30:00 UTC 2026') + logCmd('/usr/bin/uname -a', 'Linux sc-host 6.4.0-150600.23.7-default #1 SMP PREEMPT_DYNAMIC Wed Jun  5 05:56:37 UTC 2024 (2ee0a8e) x86_64 x86_64 x86_64 GNU/Linux'),
      'hardware.txt': confFile('/proc/cpuinfo', readFileSync('/proc/cpuinfo', 'utf8')) + logCmd('/sbin/lspci -b', '00:00.0 Host bridge: Intel Corporation 440FX'),
      'modules.txt': `${logCmd('lsmod | sort', 'Module                  Size  Used by')}# Known Module Parameter Values\n/sys/module/nvme_core/parameters/default_ps_max_latency_us=100000\n/sys/module/nvme_core/parameters/multipath=Y\n/sys/module/nvme_core/parameters/io_timeout=?\n\n`,
    };
    const tree = join(dir, 'tree');
    for (const s of Object.values(SAMPLES)) {
      const data = readFileSync(s.file, 'utf8');
      topics[s.topic] = (topics[s.topic] ?? '') + logCmd(s.cmdline, data);
      mkdirSync(dirname(join(tree, s.savedAs)), { recursive: true });
      writeFileSync(join(tree, s.savedAs), data);
    }
    topics['network.txt'] += logCmd('/usr/sbin/ethtool -S p3p1', 'NIC statistics:\n     rx_packets: 1');
    const top = 'scc_sc-host_261201_1130';
    writeReport(dir, top, topics);
    const archive = packReport(dir, top, 'xz', join(dir, `${top}.txz`));

    const r = await importReport({ input: archive, output: join(dir, 'imported.tar.gz'), isolation: 'inline' });
    expect(r.report).toBe('supportconfig');
    expect(r.manifest.options.imported).toEqual({ report: 'supportconfig', version: '3.2.10' });
    expect(r.manifest.host).toMatchObject({ hostname: 'sc-host', kernelRelease: '6.4.0-150600.23.7-default', machine: 'x86_64', collectedFrom: 'import' });
    // Outputs of device tools with no bundle counterpart are named with their topic file and line.
    expect([...r.unmapped].sort()).toEqual([
      expect.stringMatching(/^hardware\.txt:\d+ \/sbin\/lspci -b$/),
      'modules.txt:1 lsmod | sort',
      expect.stringMatching(/^network\.txt:\d+ \/usr\/sbin\/ethtool -S p3p1$/),
    ]);
    expect(r.manifest.issues.filter((i) => i.code === 'NOT_MAPPED')).toHaveLength(3);
    const byName = new Map(r.manifest.artifacts.map((a) => [a.name, a]));
    expect(byName.get('cmd/ethtool/-i_p3p1.out')?.imported).toEqual({ path: 'network.txt:1' });
    expect(byName.get('proc/cpuinfo')?.imported).toEqual({ path: 'hardware.txt:1', derived: true });
    expect(byName.get('sys/module/nvme_core/parameters/multipath')?.imported).toEqual({ path: 'modules.txt:1', derived: true });
    expect(byName.has('sys/module/nvme_core/parameters/io_timeout'), 'an unreadable parameter ("?") is no value').toBe(false);

    await collect({ output: join(dir, 'replayed.tar.gz'), root: tree, isolation: 'inline' });
    await collect({ output: join(dir, 'cpu.tar.gz'), only: ['cpu'], isolation: 'inline' });
    const a = openDatabase(':memory:');
    const b = openDatabase(':memory:');
    const c = openDatabase(':memory:');
    try {
      await loadBundle(a, join(dir, 'imported.tar.gz'));
      await loadBundle(b, join(dir, 'replayed.tar.gz'));
      await loadBundle(c, join(dir, 'cpu.tar.gz'));
      const fw = (like: string): string => `SELECT device_key, component, state, version FROM firmware WHERE device_key LIKE '${like}' ORDER BY 1, 2, 3, 4`;
      expect(rows(a, fw('net:%')).length).toBeGreaterThan(0);
      expect(rows(a, fw('net:%'))).toEqual(rows(b, fw('net:%')));
      expect(rows(a, fw('nvme%')).length).toBeGreaterThan(0);
      expect(rows(a, fw('nvme%'))).toEqual(rows(b, fw('nvme%')));
      // The CPUs and their microcode as this host's own /proc/cpuinfo gives them, though the copy lost its empty lines.
      const cpus = `SELECT device_key, model FROM devices WHERE class = 'cpu' ORDER BY device_key`;
      expect(rows(a, cpus).length).toBeGreaterThan(0);
      expect(rows(a, cpus)).toEqual(rows(c, cpus));
      const params = `SELECT key, value FROM settings WHERE namespace = 'module:nvme_core' ORDER BY key`;
      expect(rows(a, params)).toEqual(['{"key":"default_ps_max_latency_us","value":"100000"}', '{"key":"multipath","value":"Y"}']);
    } finally {
      a.close();
      b.close();
      c.close();
    }
  });
});
