/**
 * A saved output whose name says another devlink command on a query's object (the real mlx5 rx reporter diagnose of a
 * netdev patch saved as health_diagnose.txt): before, `health` alone made it `devlink health show`, so the diagnose
 * output was filed as health_show.out and its lines vanished with no note. Such a name is no query: the file is kept
 * unread, saying so.
 */
import { describe, expect, it } from 'vitest';
import { savedDevlinkCommand } from '../../collector/classes/nic/devlink.js';
import { replaySaved } from '../helpers/replay-tree.js';

const DIAGNOSE = '$ devlink health diagnose pci/0000:00:0b.0 reporter rx\nCommon config:\n    RQ:\n      type: 2 stride size: 2048 size: 8\n      CQ:\n        stride size: 64 size: 1024\nRQs:\n    channel ix: 0 rqn: 2413 HW state: 1 SW state: 5 WQE counter: 7 posted WQEs: 7 cc: 7 ICOSQ HW state: 1\n    CQ:\n      cqn: 1032 HW status: 0 ci: 0 size: 1024\n';

describe('a saved name saying another devlink command', () => {
  it.each(['cmd/devlink/health_diagnose.txt', 'cmd/devlink/devlink-health-dump-show.txt', 'cmd/devlink/health_recover.out', 'cmd/devlink/dev_param_set.txt'])('%s names no query', (name) => {
    expect(savedDevlinkCommand(name, DIAGNOSE)).toBeUndefined();
  });

  it.each([['cmd/devlink/health_show.out', 'health show'], ['cmd/devlink/devlink-health.txt', 'health show'], ['cmd/devlink/port_param_show.out', 'port param show']])('%s still names %s', (name, query) => {
    expect(savedDevlinkCommand(name)?.join(' ')).toBe(`devlink ${query}`);
  });

  it('the diagnose output is kept unread with a note, not filed as health show', async () => {
    const { db } = await replaySaved('cmd/devlink/health_diagnose.txt', DIAGNOSE);
    try {
      const codes = (db.prepare(`SELECT code FROM collection_issues`).all() as { code: string }[]).map((r) => r.code);
      expect(codes).toContain('NOT_READ');
      expect(db.prepare(`SELECT name FROM artifacts WHERE name LIKE '%health_show%'`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
