import { expect, it } from 'vitest';
import type { SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** What the kernel-log source collects from the shared fake host (collector/classes/kernel-log/fake-host.ts). */
export const kernelLogSharedHost: SharedHostChecks = {
  name: 'kernel-log',
  source: { status: 'ok' },
  collected(host) {
    it('kernel-log: stores /dev/kmsg whole, with a file origin', () => {
      const { bundle: b, byName } = host();
      expect(b.text('dev/kmsg')).toContain(`applying quirks: noncqtrim`);
      expect(byName.get('dev/kmsg')).toMatchObject({ source: 'kernel-log', origin: { kind: 'file', path: '/dev/kmsg' }, truncated: false });
    });
  },
};
