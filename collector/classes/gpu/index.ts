import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { amdgpu } from './amdgpu.js';
import { source } from './source.js';
import { redaction } from './redaction.js';
import { amdSmiShape, nvidiaSmiShape, rocmSmiShape } from './output-shape.js';
import { AMD_SMI_REPLAYED, ROCM_SMI_REPLAYED, savedAmdSmiArgv } from './saved-amd-smi.js';

/** nvidia-smi sets, resets and clears with options (-r, -pm, -e, -mig, -c, -ac, -pl, --clear-*); only whole queries are allowed. */
const NVIDIA_SMI_QUERIES = [['-q', '-x'], ['-q'], ['--query', '--xml-format']];

export const gpu: CollectorClass = {
  name: 'gpu', imports, sources: [source, amdgpu], redaction,
  commands: {
    'nvidia-smi': {
      run: (a) => NVIDIA_SMI_QUERIES.some((q) => q.length === a.length && q.every((w, i) => w === a[i])),
      // A saved table (the bare command's output), GPU list (-L) or CSV query is replayed, never run: the live collection reads the XML.
      replay: (a) => a.length === 0 || (a.length === 1 && a[0] === '-L')
        || (a.length === 2 && /^--query-gpu=[a-z0-9_.,]+$/.test(a[0]!) && /^--format=csv(?:,(?:noheader|nounits))*$/.test(a[1]!)),
      // A saved output is read by its text, whatever its name: the host's one nvidia-smi output (the loader reads one form).
      standsFor: () => ['nvidia-smi'],
      shape: nvidiaSmiShape,
    },
    // AMD's tools: replayed only, each form as its text shows it (saved-amd-smi.ts); never run (they add nothing sysfs does not give).
    ...Object.fromEntries(([['rocm-smi', ROCM_SMI_REPLAYED], ['amd-smi', AMD_SMI_REPLAYED]] as const).map(([tool, forms]) => [tool, {
      replay: (a: readonly string[]) => forms.some((f) => f.length === a.length && f.every((w, i) => w === a[i])),
      saved: () => true,
      standsFor: (name: string, text?: string) => savedAmdSmiArgv(tool, name, text ?? ''),
      shape: tool === 'rocm-smi' ? rocmSmiShape : amdSmiShape,
    }])),
    // Only the version: any other argument starts the daemon (which programs the NVSwitches).
    'nv-fabricmanager': { run: (a) => a.length === 1 && a[0] === '--version' },
  },
};
