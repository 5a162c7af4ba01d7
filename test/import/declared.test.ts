import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { importTables, importTablesOf } from '../../collector/import/declared.js';
import { sosArgv } from '../../collector/import/sos.js';
import type { CollectorClass } from '../../collector/source.js';

const bare = (name: string, imports: CollectorClass['imports']): CollectorClass => ({ name, sources: [], imports });

describe('what an import takes from a report is declared by the classes', () => {
  it('gathers every class\'s commands, files, plugins and topic files into one set of tables', () => {
    const t = importTables();
    const owners = new Map(CLASSES.flatMap((c) => Object.keys(c.imports?.commands ?? {}).map((tool) => [tool, c.name] as const)));
    expect([...t.commands.keys()].sort()).toEqual([...owners.keys()].sort());
    expect(owners.size).toBeGreaterThan(10);
    expect(t.hostFiles.some((re) => re.test('proc/cpuinfo'))).toBe(true);
    expect(t.sosPlugins.size).toBeGreaterThan(5);
    expect(t.sosFiles.some((f) => f.wants('proc/bus/pci/devices'))).toBe(true);
  });

  it('refuses a tool or a restored file two classes declare, naming both', () => {
    const a = bare('a', { commands: { frob: {} } });
    const b = bare('b', { commands: { frob: { readFromTree: true } } });
    expect(() => importTablesOf([a, b])).toThrow(/imported command frob is declared by both a and b/);
    const c = bare('c', { restoreConfFile: { '/proc/x': (l) => [...l] } });
    expect(() => importTablesOf([c, bare('d', { restoreConfFile: { '/proc/x': (l) => [...l] } })])).toThrow(/restored configuration file \/proc\/x is declared by both c and d/);
  });

  it('report tools are exact names, or prefixes written x*; other characters stand for themselves', () => {
    const t = importTablesOf([bare('a', { reportTools: ['sg_*', 'nvidia-smi'] }), bare('b', { reportTools: ['a.b', 'sg_*'] })]);
    const re = new RegExp(`^(${t.reportTools})$`);
    expect(['sg_inq', 'nvidia-smi', 'a.b'].filter((x) => re.test(x))).toEqual(['sg_inq', 'nvidia-smi', 'a.b']);
    expect(['sg_', 'axb', 'nvidia-smix', 'lspci'].some((x) => re.test(x))).toBe(false);
  });

  it('a sos command-file name is read generically unless the tool\'s class reads it (an interface name may hold _)', () => {
    expect(sosArgv('ethtool_-i_ens1f0_np0')).toEqual(['ethtool', '-i', 'ens1f0_np0']);
    expect(sosArgv('ethtool_-S_eth0')).toEqual(['ethtool', '-S', 'eth0']);
    expect(sosArgv('nvme_id-ctrl_-H_.dev.nvme0n1')).toEqual(['nvme', 'id-ctrl', '-H', '/dev/nvme0n1']);
    expect(sosArgv('mstflint_-d_0000_3b_00.0_q')).toEqual(['mstflint', '-d', '0000:3b:00.0', 'q']);
    expect(sosArgv('lsmod')).toEqual(['lsmod']);
  });
});
