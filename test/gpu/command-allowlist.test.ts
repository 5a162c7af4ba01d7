import { describe, expect, it } from 'vitest';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';
import { NVIDIA_SMI_ARGV } from '../../collector/classes/gpu/source.js';

describe('nvidia-smi on the command allow-list', () => {
  it('allows the query the gpu source runs, and whole queries only', () => {
    expect(commandAllowed([...NVIDIA_SMI_ARGV])).toBe(true);
    expect(commandAllowed(['/usr/bin/nvidia-smi', '-q', '-x'])).toBe(true);
    expect(commandAllowed(['nvidia-smi', '-q'])).toBe(true);
  });

  // nvidia-smi(1): each of these resets, sets or clears device state (or writes files).
  const WRITES = [
    ['-r'], ['-r', '-i', '0'], ['--gpu-reset', '-i', '0'], ['-pm', '1'], ['--persistence-mode=1'], ['-e', '0'], ['--ecc-config=0'],
    ['-p', '0'], ['--reset-ecc-errors=0'], ['-mig', '1'], ['--multi-instance-gpu', '1'], ['-c', '3'], ['--compute-mode=3'],
    ['-ac', '5001,1590'], ['-rac'], ['-pl', '250'], ['--power-limit=250'], ['-lgc', '1000'], ['-rgc'], ['-dm', '0'], ['-am', '1'],
    ['-caa'], ['-q', '-x', '-r'], ['-q', '-x', '-pm', '1'], ['-q', '-x', '-e', '0'], ['-q', '-f', '/etc/passwd'], ['-q', '-x', '-f', '/tmp/x'],
    ['-q', '-l', '1'], ['mig', '-cgi', '9'], ['mig', '-dgi'], ['nvlink', '-sc', '0bz'], ['drain', '-p', '0000:01:00.0', '-m', '1'],
    ['conf-compute', '-srs', '1'], ['-q', '-x', '--loop=1'],
  ];
  for (const args of WRITES) {
    it(`refuses nvidia-smi ${args.join(' ')}`, () => {
      expect(commandAllowed(['nvidia-smi', ...args])).toBe(false);
      expect(replayAllowed(['nvidia-smi', ...args])).toBe(false);
    });
  }
});
