import { expect, it } from 'vitest';
import { FAKEHOST } from '../../collector/fake-host/fakehost-facts.js';
import type { SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** What the cpu source collects and loads from the shared fake host (collector/classes/cpu/fake-host.ts). */
export const cpuSharedHost: SharedHostChecks = {
  name: 'cpu',
  source: { status: 'ok', devices: { cpu: FAKEHOST.cpus } },
  collected(host) {
    it('cpu: stores each CPU\'s microcode revision and /proc/cpuinfo', () => {
      const { bundle: b } = host();
      for (let i = 0; i < FAKEHOST.cpus; i++) expect(b.text(`sys/devices/system/cpu/cpu${i}/microcode/version`)).toBe(`${FAKEHOST.microcode}\n`);
      expect(b.text('proc/cpuinfo')).toContain(`microcode\t: ${FAKEHOST.microcode}`);
    });
  },
  loaded(host) {
    it('cpu: records microcode with the CPU signature', () => {
      const { firmware, setting } = host();
      expect(setting('cpu:0', 'cpu', 'signature')).toBe('06-55-04');
      expect(firmware('cpu:0')).toEqual([{ component: 'microcode', version: expect.stringMatching(/^0x[0-9a-f]+$/), state: 'running' }]);
    });
  },
};
