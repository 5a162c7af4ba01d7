import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { guestStepsPrepareMs, stageGuestSteps, type LabGuestStep } from './guest-step.js';

describe('lab guest steps', () => {
  it('puts each step\'s files and script in the result share, and says why a step cannot run', async () => {
    const host = tempDir();
    const out = tempDir();
    writeFileSync(join(host, 'thing.ko'), 'module');
    writeFileSync(join(host, 'thing-guest.sh'), 'echo hi\n');
    const steps: LabGuestStep[] = [
      { name: 'thing', prepareMs: 1000, prepare: async () => ({ files: [join(host, 'thing.ko')], script: join(host, 'thing-guest.sh') }) },
      { name: 'nothing', prepareMs: 2000, prepare: async () => ({ unavailable: 'no headers for 6.1.0-57-amd64' }) },
      { name: 'broken', prepareMs: 3000, prepare: async () => { throw new Error('make exited 2: error'); } },
    ];
    await stageGuestSteps(steps, { kernelVersion: '6.1.0-57-amd64', cacheDir: host }, out);
    expect(readFileSync(join(out, 'steps/thing/thing.ko'), 'utf8')).toBe('module');
    expect(readFileSync(join(out, 'steps/thing.sh'), 'utf8')).toBe('echo hi\n');
    expect(existsSync(join(out, 'steps/thing.unavailable'))).toBe(false);
    expect(readFileSync(join(out, 'steps/nothing.unavailable'), 'utf8')).toBe('no headers for 6.1.0-57-amd64\n');
    expect(existsSync(join(out, 'steps/nothing.sh'))).toBe(false);
    expect(readFileSync(join(out, 'steps/broken.unavailable'), 'utf8')).toBe('make exited 2: error\n');
    expect(guestStepsPrepareMs(steps)).toBe(6000);
  });
});
