import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { liveNic } from './live-nic.js';
import { tempDir } from '../helpers/tmp.js';

const nic = liveNic();

describe.runIf(nic)('net source in a worker process on this machine', () => {
  beforeAll(() => {
    // npm test builds first; rebuilding here would swap dist/ under tests running beside this one.
    if (!existsSync(new URL('../../dist/collector/run/worker-main.cjs', import.meta.url))) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  });

  it('loads koffi in the worker and stores the ethtool answers in the bundle', async () => {
    const out = join(tempDir(), 'net.tar.gz');
    const r = await collect({ output: out, only: ['nic'], timeoutSeconds: 20 });
    const net = r.manifest.sources.find((s) => s.name === 'nic')!;
    expect(net.status, JSON.stringify(r.manifest.issues)).toBe('ok');
    const drvinfo = r.manifest.artifacts.find((a) => a.name === `ioctl/net/${nic}/drvinfo.bin`);
    expect(drvinfo).toMatchObject({ size: 196, exitStatus: 0, origin: { kind: 'ioctl', request: 'SIOCETHTOOL', requestNumber: 0x8946 } });
  });
});
