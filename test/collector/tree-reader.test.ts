import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TreeReader } from '../../collector/host/tree-reader.js';
import { codeOf } from '../helpers/errno.js';
import { tempDir } from '../helpers/tmp.js';

function tree(files: Record<string, string | { link: string }>): string {
  const root = tempDir();
  for (const [rel, v] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    if (typeof v === 'string') writeFileSync(p, v);
    else symlinkSync(v.link, p);
  }
  return root;
}

describe('TreeReader: paths are resolved as under chroot', () => {
  it('an absolute link target starts again at the tree root; .. stops there', () => {
    const root = tree({
      'sys/devices/pci0000:00/0000:00:03.0/vendor': '0x8086\n',
      'sys/bus/pci/devices/0000:00:03.0': { link: '/sys/devices/pci0000:00/0000:00:03.0' },
      'sys/class/x/up': { link: '../../../../../../sys/devices/pci0000:00/0000:00:03.0/vendor' },
    });
    const r = new TreeReader(root);
    expect(r.readFile('/sys/bus/pci/devices/0000:00:03.0/vendor', { maxBytes: 64 }).data.toString()).toBe('0x8086\n');
    expect(r.readFile('/sys/class/x/up', { maxBytes: 64 }).data.toString()).toBe('0x8086\n');
    expect(r.readFile('/../../../sys/devices/pci0000:00/0000:00:03.0/vendor', { maxBytes: 64 }).data.toString()).toBe('0x8086\n');
    expect(r.stat('/sys/bus/pci/devices/0000:00:03.0').type).toBe('dir');
    expect(r.readLink('/sys/bus/pci/devices/0000:00:03.0')).toBe('/sys/devices/pci0000:00/0000:00:03.0');
  });

  it('loops end in ELOOP at once; a FIFO is refused without being opened', () => {
    const root = tree({ 'a/self': { link: 'self' }, 'a/x': { link: 'y' }, 'a/y': { link: 'x' }, 'a/d': { link: '../a/d/' } });
    execFileSync('mkfifo', [join(root, 'a/fifo')]);
    const r = new TreeReader(root);
    for (const p of ['/a/self', '/a/x', '/a/d/z']) expect(codeOf(() => r.readFile(p, { maxBytes: 8 }))).toBe('ELOOP');
    expect(codeOf(() => r.list('/a/d'))).toBe('ELOOP');
    expect(codeOf(() => r.readFile('/a/fifo', { maxBytes: 8 }))).toBe('ENOTREG');
    expect(r.stat('/a/fifo').type).toBe('other');
  });

  it('reads links as a bundle stores them: a file holding the target, <dir>/.link, which listings leave out', () => {
    const root = tree({ 'sys/block/sda/.link': '../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda', 'sys/block/sda/size': '8\n', 'sys/block/sda/device': '../../../0:0:0:0' });
    const r = new TreeReader(root);
    expect(r.readLink('/sys/block/sda')).toMatch(/^\.\.\/devices\/.*\/block\/sda$/);
    expect(r.readLink('/sys/block/sda/device')).toBe('../../../0:0:0:0');
    expect(r.list('/sys/block/sda').sort()).toEqual(['device', 'size']);
    expect(codeOf(() => r.readLink('/sys/block'))).toBe('EINVAL');
  });

  it('follows the files an extracted bundle’s manifest records as links, and only those', () => {
    const root = tree({
      'sys/bus/pci/devices/0000:3b:00.0/driver': '../../drivers/mlx5_core',
      'sys/bus/pci/drivers/mlx5_core/module/version': '5.0\n',
      'sys/bus/pci/devices/0000:3b:00.0/label': '../../drivers/mlx5_core',
      // As the bundle writer lays it out: the header, then one artifact record per line.
      'manifest.json': [
        '{"format":"fwsnap-bundle","formatVersion":1,"host":{},"sources":[],"issues":[],"artifacts":[',
        `${JSON.stringify({ name: 'sys/bus/pci/devices/0000:3b:00.0/label', source: 'pci', origin: { kind: 'file', path: '/sys/bus/pci/devices/0000:3b:00.0/label' }, size: 23, sha256: '0', truncated: false })},`,
        JSON.stringify({ name: 'sys/bus/pci/devices/0000:3b:00.0/driver', source: 'pci', origin: { kind: 'link', path: '/sys/bus/pci/devices/0000:3b:00.0/driver' }, size: 23, sha256: '0', truncated: false }),
        ']}',
      ].join('\n'),
    });
    const r = new TreeReader(root);
    expect(r.stat('/sys/bus/pci/devices/0000:3b:00.0/driver').type).toBe('dir');
    expect(r.readFile('/sys/bus/pci/devices/0000:3b:00.0/driver/module/version', { maxBytes: 8 }).data.toString()).toBe('5.0\n');
    expect(r.readLink('/sys/bus/pci/devices/0000:3b:00.0/driver')).toBe('../../drivers/mlx5_core');
    expect(r.stat('/sys/bus/pci/devices/0000:3b:00.0/label').type).toBe('file');
  });

  it('replays a command with its .status, .err and a status that is not a number (0, recorded)', () => {
    const root = tree({ 'cmd/devlink/-j_dev_info.out': '{}', 'cmd/devlink/-j_dev_info.err': 'no\n', 'cmd/devlink/-j_dev_info.status': '2\n', 'cmd/uname/-r.out': 'x\n', 'cmd/uname/-r.status': 'two\n' });
    const r = new TreeReader(root);
    expect(r.run(['devlink', '-j', 'dev', 'info'], { timeoutMs: 1, maxBytes: 64 })).toMatchObject({ ran: true, exitStatus: 2, stderr: Buffer.from('no\n'), statusFrom: 'cmd/devlink/-j_dev_info.status' });
    expect(r.run(['uname', '-r'], { timeoutMs: 1, maxBytes: 64 })).toMatchObject({ ran: true, exitStatus: 0, problem: { code: 'EINVAL' } });
    expect(r.run(['uname', '-a'], { timeoutMs: 1, maxBytes: 64 })).toEqual({ ran: false });
    expect(r.hasCommand('devlink')).toBe(true);
    expect(r.hasCommand('mstflint')).toBe(false);
  });

  it('lists outputs saved as .out, .txt, .log, .json in either case, and replays a .json one with its .status', () => {
    const root = tree({
      'cmd/devlink/-j_dev_info.json': '{}', 'cmd/devlink/-j_dev_info.status': '1\n', 'cmd/devlink/dev_info.TXT': 'x\n', 'cmd/devlink/health.log': 'x\n',
      'cmd/devlink/notes.md': 'x\n', 'cmd/devlink/dev_info.err': 'x\n',
    });
    const r = new TreeReader(root);
    expect(r.savedOutputs('devlink').sort()).toEqual(['cmd/devlink/-j_dev_info.json', 'cmd/devlink/dev_info.TXT', 'cmd/devlink/health.log']);
    expect(r.run(['devlink', '-j', 'dev', 'info'], { timeoutMs: 1, maxBytes: 64 })).toMatchObject({ ran: true, exitStatus: 1, replayedFrom: 'cmd/devlink/-j_dev_info.json' });
    expect(r.run(['devlink', 'dev', 'info'], { timeoutMs: 1, maxBytes: 64, replayFrom: 'cmd/devlink/dev_info.TXT' })).toMatchObject({ ran: true, stderr: Buffer.from('x\n') });
  });
});
