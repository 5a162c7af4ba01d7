/**
 * Commands the collector may run, each with a check that the argv only reads. Anything else is
 * refused before it is spawned (or replayed).
 */
const READ_ONLY: Record<string, (args: string[]) => boolean> = {
  devlink: (a) => {
    // A device or port handle may follow the query (`devlink dev info pci/0000:3b:00.0`), as in a saved output.
    const words = a.filter((w) => !w.startsWith('-')).filter((w, i, all) => !(i === all.length - 1 && i > 1 && /^[a-z][\w-]*\/[^\s/]+(?:\/\d+)?$/.test(w)));
    return (
      ['dev', 'port', 'health', 'resource', 'sb', 'trap', 'rate'].includes(words[0] ?? '') &&
      ['show', 'info'].includes(words[words.length - 1] ?? '') &&
      !words.some((w) => ['set', 'dump', 'recover', 'test', 'reload', 'flash', 'add', 'del', 'new', 'read', 'split', 'unsplit'].includes(w))
    );
  },
  mstconfig: (a) => mstArgs(a, ['-e'], MSTCONFIG_QUERIES),
  // The same tools under their MFT names.
  mlxconfig: (a) => mstArgs(a, ['-e'], MSTCONFIG_QUERIES),
  mstflint: (a) => mstArgs(a, ['-qq'], FLINT_QUERIES),
  flint: (a) => mstArgs(a, ['-qq'], FLINT_QUERIES),
  mstreg: (a) => mstArgs(a, ['--get'], [], { '--reg_name': MSTREG_READ_REGISTERS }) && a.includes('--get') && a.includes('--reg_name'),
  // Only replayed from captured trees (a live host answers ETHTOOL_GDRVINFO by ioctl); driver info reads only.
  ethtool: (a) => a.length === 2 && (a[0] === '-i' || a[0] === '--driver') && IFNAME.test(a[1]!),
  lspci: () => true,
  dmesg: (a) => !a.some((w) => ['-c', '-C', '--clear', '--read-clear', '-n', '--console-level', '-D', '-E', '--console-off', '--console-on'].includes(w)),
  uname: () => true,
  // nvidia-smi sets, resets and clears with options (-r, -pm, -e, -mig, -c, -ac, -pl, --clear-*); only whole queries are allowed.
  // One TPM2_GetCapability of the fixed properties; tpm2-tools 3.x names the capability with -c.
  tpm2_getcap: (a) => (a.length === 1 && a[0] === 'properties-fixed') || (a.length === 2 && a[0] === '-c' && a[1] === 'properties-fixed'),
  'nvidia-smi': (a) => NVIDIA_SMI_QUERIES.some((q) => q.length === a.length && q.every((w, i) => w === a[i])),
};

const NVIDIA_SMI_QUERIES = [['-q', '-x'], ['-q'], ['--query', '--xml-format']];

/** A network interface name as the kernel allows it (at most 15 bytes, no slash or whitespace). */
const IFNAME = /^[^\s/:]{1,15}$/;

const MSTCONFIG_QUERIES = [['query'], ['q']];
const FLINT_QUERIES = [['query'], ['q'], ['query', 'full'], ['q', 'full']];

/**
 * What a device argument of the mst tools may be: a PCI address (also as the function's sysfs `config`
 * file), an mst device node (`/dev/mst/mt4119_pciconf0`, or its bare name as on Windows), an RDMA device
 * name, or a FreeBSD PCI selector (`pci0:59:0:0`).
 */
const MST_DEVICE =
  /^(([0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]|\/sys\/bus\/pci\/devices\/[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\/config|(\/dev\/mst\/)?mt\d+_pci(conf|_cr)\d+(\.\d+)?|\/dev\/mst\/[A-Za-z0-9_.]+|mlx5_\d+|pci\d+:\d+:\d+:\d+)$/;
/** Registers mstreg may GET: none has a clear-on-read or module-access side effect. */
const MSTREG_READ_REGISTERS = new Set(['MGIR', 'MCAM', 'MCQS', 'MNVQC']);

/**
 * The mst tools take their command as a bare word and act on anything else too (set, reset, burn…),
 * so their argv must match exactly: `-d <device>`, the given flags, the given option values, and
 * finally one of the allowed command word sequences.
 */
function mstArgs(
  a: readonly string[], flags: readonly string[], commands: readonly string[][], options: Record<string, ReadonlySet<string>> = {}, o: { deviceOptional?: boolean } = {},
): boolean {
  let i = 0;
  let device = false;
  while (i < a.length) {
    const w = a[i]!;
    if (w === '-d') {
      if (device || !MST_DEVICE.test(a[i + 1] ?? '')) return false;
      device = true;
      i += 2;
    } else if (flags.includes(w)) i += 1;
    else if (w in options) {
      if (!options[w]!.has(a[i + 1] ?? '')) return false;
      i += 2;
    } else break;
  }
  const rest = a.slice(i);
  if (!device && !o.deviceOptional) return false;
  return commands.length === 0 ? rest.length === 0 : commands.some((c) => c.length === rest.length && c.every((x, k) => x === rest[k]));
}

/**
 * Tools never run on a live host (the NVMe ioctls give what nvme-cli prints; smartctl may wake sleeping
 * disks), whose read-only outputs a captured tree may hold.
 */
const REPLAY_ONLY: Record<string, (args: readonly string[]) => boolean> = {
  nvme: nvmeArgs,
  smartctl: smartctlArgs,
  // ndctl's cxl is never run: libcxl writes /sys/bus/cxl/flush while it walks the ports, and -vvv lists media
  // errors (writing trigger_poison_list) from ndctl v80. A saved listing of memory devices is read.
  cxl: (a) => a[0] === 'list' && a.length > 1 && a.slice(1).every((w) => CXL_LIST_FLAGS.has(w)) && new Set(a).size === a.length,
};

const CXL_LIST_FLAGS = new Set(['-M', '-F', '-H', '-I', '-i', '-u']);

/** An NVMe controller or namespace node (`/dev/nvme0`, `/dev/nvme0n1`, `/dev/nvme0c1n1`). */
const NVME_NODE = /^\/dev\/nvme\d+(?:c\d+)?(?:n\d+)?$/;
/** nvme-cli subcommands that only read (identify, logs, listing). */
const NVME_READS = new Set(['id-ctrl', 'id-ns', 'fw-log', 'smart-log', 'list']);
const NVME_FLAGS = new Set(['-H', '--human-readable', '-v', '--verbose', '-V', '--vendor-specific']);
const NVME_FORMATS = new Set(['normal', 'json']);

/** `nvme <read subcommand> [device] [flags]`: one device node at most, output as text or JSON, never binary. */
function nvmeArgs(a: readonly string[]): boolean {
  if (!NVME_READS.has(a[0] ?? '')) return false;
  let devices = 0;
  for (let i = 1; i < a.length; i++) {
    const w = a[i]!;
    if (NVME_NODE.test(w)) devices++;
    else if (NVME_FLAGS.has(w)) continue;
    else if (w === '-o' || w === '--output-format') {
      if (!NVME_FORMATS.has(a[++i] ?? '')) return false;
    } else if (w.startsWith('--output-format=')) {
      if (!NVME_FORMATS.has(w.slice('--output-format='.length))) return false;
    } else return false;
  }
  return devices <= 1 && (devices === 1 || a[0] === 'list');
}

/** smartctl options that only read; every option that sets, tests or aborts anything is missing on purpose. */
const SMARTCTL_FLAGS = new Set(['--xall', '--all', '--info', '--health', '--attributes', '--capabilities', '--json']);
const SMARTCTL_SHORT = /^-[xaiHAcj]+$/;
const SMARTCTL_VALUED: Record<string, RegExp> = {
  '-d': /^[a-z0-9+,]+$/, '--device': /^[a-z0-9+,]+$/, '-T': /^[a-z]+$/, '--tolerance': /^[a-z]+$/, '-n': /^[a-z]+(?:,\d+)?$/,
  '--nocheck': /^[a-z]+(?:,\d+)?$/, '-l': /^[a-z]+(?:,[\d+-]+)?$/, '--log': /^[a-z]+(?:,[\d+-]+)?$/, '-q': /^[a-z]+$/,
  '--quietmode': /^[a-z]+$/, '--json': /^[cgiosuv]*$/,
};
const SMARTCTL_DEVICE = /^\/dev\/(?!.*\.\.)[A-Za-z0-9_.:+\/-]+$/;

/**
 * `smartctl [read options] [device]`: at most one device path under /dev. Only ever replayed, so a saved
 * output whose name and text name no device is still read (the loader finds its drive by serial).
 */
function smartctlArgs(a: readonly string[]): boolean {
  let devices = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i]!;
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0 && SMARTCTL_VALUED[w.slice(0, eq)]) {
      if (!SMARTCTL_VALUED[w.slice(0, eq)]!.test(w.slice(eq + 1))) return false;
    } else if (SMARTCTL_VALUED[w] && w !== '--json') {
      if (!SMARTCTL_VALUED[w]!.test(a[++i] ?? '')) return false;
    } else if (SMARTCTL_FLAGS.has(w) || SMARTCTL_SHORT.test(w)) continue;
    else if (SMARTCTL_DEVICE.test(w)) devices++;
    else return false;
  }
  return devices <= 1;
}

export function commandAllowed(argv: readonly string[]): boolean {
  const tool = argv[0]?.split('/').pop() ?? '';
  const check = READ_ONLY[tool];
  return check !== undefined && check(argv.slice(1));
}

/**
 * What may be replayed from a captured tree: every allowed command, a query without a device name, and
 * the `set` preview of mstconfig / mlxconfig (its Next Boot / New table), which a tree only ever holds as
 * text someone saved. Replaying reads a file; nothing is run.
 */
export function replayAllowed(argv: readonly string[]): boolean {
  if (commandAllowed(argv)) return true;
  const tool = argv[0]?.split('/').pop() ?? '';
  const replayOnly = REPLAY_ONLY[tool];
  if (replayOnly) return replayOnly(argv.slice(1));
  // A saved query whose name leaves out the device: the loader takes it from the output (its Device: line or the pasted command line).
  if (tool === 'mstflint' || tool === 'flint') return mstArgs(argv.slice(1), ['-qq'], FLINT_QUERIES, {}, { deviceOptional: true });
  if (tool !== 'mstconfig' && tool !== 'mlxconfig') return false;
  if (mstArgs(argv.slice(1), ['-e'], MSTCONFIG_QUERIES, {}, { deviceOptional: true })) return true;
  const set = argv.indexOf('set');
  return set > 0 && argv.slice(set + 1).every((w) => /^[A-Za-z][A-Za-z0-9_]*(\[\d+\])?=\S+$/.test(w)) &&
    mstArgs(argv.slice(1, set).filter((w) => w !== '-y' && w !== '--yes'), ['-e'], []);
}
