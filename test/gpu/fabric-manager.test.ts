import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFabricManagerVersion } from '../../analyzer/classes/gpu/fabric-manager.js';
import { commandAllowed } from '../../collector/command-allowlist.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

describe('nv-fabricmanager --version', () => {
  it('reads the version off a real output (provenance beside it)', () => {
    const p = parse(readFileSync(`${REAL}nv-fabricmanager-version-450.provenance.yaml`, 'utf8')) as { command: string; source: { url: string }; truth: { version: string } };
    expect(p.command).toBe('nv-fabricmanager --version');
    expect(p.source.url).toMatch(/^https:\/\/github\.com\//);
    expect(parseFabricManagerVersion(readFileSync(`${REAL}nv-fabricmanager-version-450.txt`, 'utf8'))).toEqual({ version: p.truth.version, issues: [] });
  });

  it('ignores blank lines and records any other line with its number, keeping the version', () => {
    expect(parseFabricManagerVersion('\n\n\tFabric Manager version is : 535.161.08\n\n')).toEqual({ version: '535.161.08', issues: [] });
    const r = parseFabricManagerVersion('nv-fabricmanager: unrecognized option\nFabric Manager version is : 535.161.08\nFabric Manager version is : 1.2\n');
    expect(r.version).toBe('535.161.08');
    expect(r.issues.map((i) => i.line)).toEqual([1, 3]);
    expect(parseFabricManagerVersion('')).toEqual({ issues: [] });
  });

  it('is allowed only as --version: any other invocation starts the daemon', () => {
    expect(commandAllowed(['nv-fabricmanager', '--version'])).toBe(true);
    for (const bad of [['nv-fabricmanager'], ['nv-fabricmanager', '-c', '/usr/share/nvidia/nvswitch/fabricmanager.cfg'], ['nv-fabricmanager', '--version', '-c', 'x'], ['nv-fabricmanager', '-r']]) expect(commandAllowed(bad), bad.join(' ')).toBe(false);
  });
});
