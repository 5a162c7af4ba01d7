import { describe, expect, it } from 'vitest';
import { composeMachine } from './machine-part.js';
import { qemuArgs } from './qemu-args.js';
import { LAB_MACHINE_PARTS } from '../scenario-list.js';

const guest = { kernel: '/boot/vmlinuz-x', initramfs: '/cache/i.cpio', outDir: '/cache/run-1' };

describe('the lab machine composed of the classes\' parts', () => {
  it('takes every part\'s devices, paths and modules in list order, each module once', () => {
    const m = composeMachine([
      { devices: [{ kind: 'pcie-root-port', id: 'rp', chassis: 1, slot: 1 }, { kind: 'e1000e', id: 'n', mac: '52:54:00:00:00:01', bus: 'rp' }], wait: ['/a'], modules: ['m1'] },
      { devices: [{ kind: 'tpm-crb', id: 't', socket: '' }], wait: ['/b'], modules: ['m2', 'm1'] },
      { devices: [] },
    ]);
    expect(m.devices.map((d) => d.id)).toEqual(['rp', 'n', 't']);
    expect(m.wait).toEqual(['/a', '/b']);
    expect(m.modules).toEqual(['m1', 'm2']);
  });

  it('takes every part\'s buses once, files that must read a value as path=value, and the reference tools in list order', () => {
    const tools = (output: string) => [{ runs: [{ output, argv: [output] }] }];
    const m = composeMachine([
      { devices: [], buses: ['busa'], wait: ['/a', { path: '/sys/x/state', reads: 'live' }], tools: tools('t1') },
      { devices: [], buses: ['busb', 'busa'], tools: tools('t2') },
    ]);
    expect(m.buses).toEqual(['busa', 'busb']);
    expect(m.wait).toEqual(['/a', '/sys/x/state=live']);
    expect(m.tools.flatMap((g) => g.runs.map((r) => r.output))).toEqual(['t1', 't2']);
    // The guest takes each of these as one word of a space-separated list.
    expect(() => composeMachine([{ devices: [], wait: ['/a b'] }])).toThrow(/one word/);
    expect(() => composeMachine([{ devices: [], wait: [{ path: '/a=b', reads: 'c' }] }])).toThrow(/one word/);
    expect(() => composeMachine([{ devices: [], buses: ['../busa'] }])).toThrow(/one word/);
    expect(() => composeMachine([{ devices: [], modules: ['m*'] }])).toThrow(/one word/);
    expect(() => composeMachine([{ devices: [], tools: tools('t') }, { devices: [], tools: tools('t') }])).toThrow(/declared twice/);
  });

  it('the registered parts make a machine QEMU is given in one piece: every id once, each device after the bus it sits on', () => {
    const m = composeMachine(LAB_MACHINE_PARTS);
    expect(m.devices.length).toBeGreaterThan(5);
    // The harness fills in what it starts for the guest (a TPM's swtpm socket), as runLab does.
    const devices = m.devices.map((d) => (d.kind === 'tpm-crb' ? { ...d, socket: '/run/swtpm.sock' } : d));
    const args = qemuArgs({ ...guest, devices }).join(' ');
    const at = (id: string): number => args.indexOf(`id=${id}`);
    for (const d of m.devices) {
      expect(at(d.id), d.id).toBeGreaterThan(-1);
      const bus = 'bus' in d ? d.bus : 'hba' in d ? d.hba : 'bridge' in d ? d.bridge : undefined;
      if (bus) expect(at(bus), `${d.id} on ${bus}`).toBeLessThan(at(d.id));
    }
  });
});
