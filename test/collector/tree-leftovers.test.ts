import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { TreeReader } from '../../collector/host/tree-reader.js';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findLeftovers, keptName, leftoverIssue, nearestSavedName, nearestTool, toolTable, type ToolTable } from '../../collector/tree-leftovers.js';
import { treeOf } from '../helpers/tmp.js';

/** Two made-up tools: `frob -q <unit>` and `widgetctl show`, saved as `-q_<unit>.out` and `show.out`. */
const TABLE: ToolTable = {
  owner: new Map([['frob', 'alpha'], ['widgetctl', 'beta']]),
  saved: new Map<string, (n: string) => boolean>([
    ['frob', (n) => /^cmd\/frob\/(?:-q|q)_[a-z0-9]+\.(?:out|txt|log)$/.test(n)],
    ['widgetctl', (n) => /^cmd\/widgetctl\/show(?:_[a-z]+)?\.(?:out|txt|log)$/.test(n)],
  ]),
  shapes: new Map(),
};

const tree = treeOf;

describe('nearestTool', () => {
  it('takes the tool itself, another case of it, or one a typo away; nothing for a word far from every tool', () => {
    expect(nearestTool('frob', TABLE.owner.keys())).toBe('frob');
    expect(nearestTool('FROB', TABLE.owner.keys())).toBe('frob');
    expect(nearestTool('fob', TABLE.owner.keys())).toBe('frob');
    expect(nearestTool('widgetcl', TABLE.owner.keys())).toBe('widgetctl');
    expect(nearestTool('wigdetctl', TABLE.owner.keys())).toBe('widgetctl');
    expect(nearestTool('fr', TABLE.owner.keys())).toBeUndefined();
    expect(nearestTool('sys', TABLE.owner.keys())).toBeUndefined();
  });
});

describe('nearestSavedName', () => {
  it('names the nearest name a tool reads: a misspelt folder, a loose file, a word separator, a flag without its dash', () => {
    expect(nearestSavedName('cmd/fob/-q_unit0.out', TABLE)).toBe('cmd/frob/-q_unit0.out');
    expect(nearestSavedName('cmd/frob-q_unit0.out', TABLE)).toBe('cmd/frob/-q_unit0.out');
    expect(nearestSavedName('frob_-q_unit0.txt', TABLE)).toBe('cmd/frob/-q_unit0.txt');
    expect(nearestSavedName('sudo frob -q unit0.log', TABLE)).toBe('cmd/frob/-q_unit0.log');
    expect(nearestSavedName('frob-q-unit0.json', TABLE)).toBe('cmd/frob/-q_unit0.out');
    expect(nearestSavedName('cmd/widgetctl/show-all.out', TABLE)).toBe('cmd/widgetctl/show_all.out');
    expect(nearestSavedName('widgetctl/show.out', TABLE)).toBe('cmd/widgetctl/show.out');
  });

  it('names none when nothing close is read', () => {
    expect(nearestSavedName('cmd/frob/--reset_unit0.out', TABLE)).toBeUndefined();
    expect(nearestSavedName('cmd/unknown/-q_unit0.out', TABLE)).toBeUndefined();
    expect(nearestSavedName('notes.txt', TABLE)).toBeUndefined();
    expect(nearestSavedName('frob.txt', TABLE)).toBeUndefined();
  });

  it("with the classes' own saved names: the nearest name each tool reads", () => {
    const table = toolTable(CLASSES);
    expect(nearestSavedName('cmd/ethtol/-i_eth0.out', table)).toBe('cmd/ethtool/-i_eth0.out');
    expect(nearestSavedName('cmd/ethtool-i_eth0.out', table)).toBe('cmd/ethtool/-i_eth0.out');
    expect(nearestSavedName('ethtool -i eth0.txt', table)).toBe('cmd/ethtool/-i_eth0.txt');
    expect(nearestSavedName('cmd/devlink/dev-info.out', table)).toBe('cmd/devlink/dev_info.out');
    expect(nearestSavedName('cmd/smartclt/-x_sda.out', table)).toBe('cmd/smartctl/-x_sda.out');
    expect(nearestSavedName('cmd/mlxconfg/-d_3b:00.0_q.out', table)).toBe('cmd/mlxconfig/-d_3b:00.0_q.out');
    expect(nearestSavedName('cmd/ethtool/-k_eth0.out', table)).toBeUndefined();
  });
});

describe('findLeftovers', () => {
  it("names the files in the outputs' places that nothing read, and nothing of a host's own folders", () => {
    const root = tree({
      'cmd/frob/-q_unit0.out': 'read\n',
      'cmd/frob/-q_unit0.err': 'its stderr\n',
      'cmd/frob/-q_unit0.status': '1\n',
      'cmd/frob/-q_unit7.json': 'read\n',
      'cmd/frob/-q_unit7.status': '0\n',
      'cmd/frob/-q_unit8.TXT': 'read\n',
      'cmd/frob/-q_unit8.err': 'its stderr\n',
      'cmd/frob/--reset_unit0.out': 'a name no class reads\n',
      'cmd/fob/-q_unit1.out': 'a misspelt folder\n',
      'cmd/frob-q_unit2.out': 'beside the folder\n',
      'frob -q unit3.txt': 'at the top\n',
      'notes.txt': 'a person\'s notes\n',
      'frob/-q_unit4.out': 'a folder named after the tool, outside cmd/\n',
      'ioctl/alpha/unit0/info.bin': 'read',
      'ioctl/alpha/unit0/info.status': '-5\n',
      'ioctl/alpha/unit9/info.bin': 'asked by no one',
      'unread/cmd/fob/-q_unit5.out': 'kept by an earlier run\n',
      'sys/class/x/attr': 'a host file no class reads\n',
      'etc/os-release': 'ID=x\n',
      'manifest.json': '{}',
    });
    const read = new Set(['cmd/frob/-q_unit0.out', 'cmd/frob/-q_unit7.json', 'cmd/frob/-q_unit8.TXT', 'ioctl/alpha/unit0/info.bin']);
    const { leftovers, more } = findLeftovers(new TreeReader(root), read, () => true, TABLE);
    expect(more).toBe(0);
    expect(leftovers).toEqual([
      { tree: 'cmd/fob/-q_unit1.out', why: 'fwsnap reads no tool named "fob"', hint: 'cmd/frob/-q_unit1.out' },
      { tree: 'cmd/frob/--reset_unit0.out', why: 'no frob command fwsnap reads has this name' },
      { tree: 'cmd/frob-q_unit2.out', why: 'an output goes in a folder named after its tool, cmd/<tool>/', hint: 'cmd/frob/-q_unit2.out' },
      { tree: 'frob/-q_unit4.out', why: 'outputs are read only under cmd/<tool>/ (or at the top of the tree, named after their tool)', hint: 'cmd/frob/-q_unit4.out' },
      { tree: 'frob -q unit3.txt', why: 'read as cmd/frob/frob -q unit3.txt, and no frob command fwsnap reads has this name', hint: 'cmd/frob/-q_unit3.txt' },
      { tree: 'ioctl/alpha/unit9/info.bin', why: 'no device of the tree asked for this ioctl answer' },
      { tree: 'notes.txt', why: "an output is read under cmd/<tool>/, or at the top of the tree under a name that starts with its tool's (flint_q.txt, nvme id-ctrl nvme0.txt); this name starts with no tool fwsnap reads" },
      { tree: 'unread/cmd/fob/-q_unit5.out', why: 'kept unread by an earlier collection', hint: 'cmd/frob/-q_unit5.out' },
    ]);
  });

  it('leaves out the files of a class that did not run to its end (--only, a failure)', () => {
    // A loose file at the top named after the class's tool is its class's as much as one under cmd/<tool>/.
    const root = tree({ 'cmd/frob/--reset_unit0.out': 'x\n', 'ioctl/alpha/unit9/info.bin': 'x', 'cmd/widgetctl/nothing.out': 'x\n', 'cmd/zzz/x.out': 'x\n', 'frob-reset-unit1.txt': 'x\n', 'widgetctl nothing.txt': 'x\n', 'notes.txt': 'x\n' });
    const { leftovers } = findLeftovers(new TreeReader(root), new Set(), (cls) => cls !== 'alpha', TABLE);
    expect(leftovers.map((l) => l.tree)).toEqual(['cmd/widgetctl/nothing.out', 'cmd/zzz/x.out', 'notes.txt', 'widgetctl nothing.txt']);
  });

  it('says when an output of a name its tool reads was not read: another gave the same command', () => {
    const root = tree({ 'cmd/frob/-q_unit0.out': 'x\n', 'cmd/frob/q_unit0.out': 'y\n' });
    const { leftovers } = findLeftovers(new TreeReader(root), new Set(['cmd/frob/-q_unit0.out']), () => true, TABLE);
    expect(leftovers).toEqual([{ tree: 'cmd/frob/q_unit0.out', why: 'another output of the same command was read instead' }]);
  });
});

describe('keptName', () => {
  it('keeps a file under unread/ at its tree path, escaped as entry names are, and an earlier unread/ entry under its own name', () => {
    expect(keptName('cmd/fob/-q_unit1.out')).toEqual({ name: 'unread/cmd/fob/-q_unit1.out', path: '/cmd/fob/-q_unit1.out' });
    expect(keptName('frob -q unit3.txt')).toEqual({ name: 'unread/frob%20-q%20unit3.txt', path: '/frob -q unit3.txt' });
    expect(keptName('unread/frob%20-q%20unit3.txt')).toEqual({ name: 'unread/frob%20-q%20unit3.txt', path: '/frob -q unit3.txt' });
  });
});

describe('findLeftovers: entries that are no file', () => {
  it('names a FIFO, a socket-like entry and a link to nothing in the outputs\' places, never opening them, and nothing of a host folder', () => {
    const root = tree({ 'cmd/frob/-q_unit0.out': 'read\n', 'sys/class/x/attr': 'x\n' });
    // A FIFO under a name its tool reads is its class's to name (it reads it and says ENOTREG); one under another name is named here.
    execFileSync('mkfifo', [join(root, 'cmd/frob/-q_unit1.out'), join(root, 'cmd/frob/--reset_unit1.out'), join(root, 'frob-q-unit2.txt'), join(root, 'sys/class/x/pipe')]);
    symlinkSync('/dev/null', join(root, 'cmd/frob/-q_unit3.out'));
    symlinkSync('../../nowhere', join(root, 'cmd/frob/-q_unit4.out'));
    const { leftovers } = findLeftovers(new TreeReader(root), new Set(['cmd/frob/-q_unit0.out']), () => true, TABLE);
    const fifo = 'it is no regular file (a FIFO, socket or device node), which fwsnap never opens';
    expect(leftovers.map((l) => [l.tree, l.unkept ? l.why : 'kept'])).toEqual([
      ['cmd/frob/--reset_unit1.out', fifo],
      ['cmd/frob/-q_unit3.out', 'it is a link to /dev/null, which is not in the tree'],
      ['cmd/frob/-q_unit4.out', 'it is a link to ../../nowhere, which is not in the tree'],
      ['frob-q-unit2.txt', fifo],
    ]);
    expect(leftoverIssue(leftovers[0]!).message).toBe(`not read and not kept: ${fifo}`);
  });
});
