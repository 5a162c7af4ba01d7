import type { ClassFacts } from '../../facts/types.js';

/** Kernel-wide facts: the running kernel, its command line, os-release and loaded modules with their parameters. */
export const coreFacts: ClassFacts = {
  name: 'core',
  doc: 'The running kernel (proc/sys/kernel, proc/cmdline), os-release, and modules (proc/modules, sys/module).',
  devices: [{ class: 'kernel', key: 'kernel', doc: 'model = the kernel release (proc/sys/kernel/osrelease, else the manifest)' }],
  firmware: [],
  settings: [
    {
      namespace: 'kernel',
      devices: ['kernel'],
      modes: ['current'],
      doc: 'proc/sys/kernel; taint.<letter> = meaning per set taint bit (unknown bits taint.bit<N>)',
      keys: {
        release: { type: 'string' },
        version: { type: 'string' },
        arch: { type: 'string' },
        hostname: { type: 'string' },
        tainted: { type: 'integer', doc: 'the taint bitmask' },
        taint_letters: { type: 'string', doc: 'letters of the set bits, e.g. OE' },
      },
      open: { type: 'string', source: 'taint.<letter> per set bit of proc/sys/kernel/tainted', pattern: /^taint\.(?:[A-Z]|bit\d+)$/ },
    },
    {
      namespace: 'kernel',
      devices: ['kernel'],
      modes: ['runtime'],
      doc: 'proc/cmdline: the whole command line and cmdline.<key> per parameter (value unquoted, or true for a bare flag)',
      keys: { cmdline: { type: 'string' } },
      open: { type: 'text', source: 'cmdline.<key> per kernel command-line parameter', pattern: /^cmdline\..+$/ },
    },
    {
      namespace: 'os-release',
      devices: ['kernel'],
      doc: 'every KEY=value of etc/os-release (else usr/lib/os-release), unquoted',
      keys: { ID: { type: 'string' }, VERSION_ID: { type: 'string' }, PRETTY_NAME: { type: 'string' } },
      open: { type: 'string', source: 'the keys of os-release', pattern: /^[A-Z0-9_]+$/ },
    },
    {
      namespace: 'module:*',
      devices: ['kernel'],
      modes: ['current'],
      doc: 'module:<name>: .loaded, .state, .taints, .used_by from proc/modules; .version, .srcversion, .taint from sys/module/<name>/; parameters (mode runtime) as read from sys/module/<name>/parameters/. The leading dot keeps them apart from parameter names',
      keys: {
        '.loaded': { type: 'boolean' },
        '.state': { type: 'string', doc: 'Live, Loading, Unloading' },
        '.taints': { type: 'string' },
        '.used_by': { type: 'list' },
        '.version': { type: 'string' },
        '.srcversion': { type: 'string' },
        '.taint': { type: 'string' },
      },
      open: { type: 'text', source: 'parameter names of sys/module/<name>/parameters/ (Y/N, numbers or text as the module prints them)', pattern: /^[^.]/, modes: ['runtime'] },
    },
  ],
};
