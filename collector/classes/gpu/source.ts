import { pastedLines } from '../../pasted-lines.js';
import type { Source, SourceContext } from '../../source.js';
import { collectFabricManagerLog } from './fabric-manager-log.js';

const PROC = '/proc/driver/nvidia';
const MODULE_VERSION = '/sys/module/nvidia/version';
/** nvidia-smi can block in D state on a wedged driver; the worker running this source is abandoned at the deadline. */
export const NVIDIA_SMI_TIMEOUT_MS = 15000;
export const NVIDIA_SMI_ARGV = ['nvidia-smi', '-q', '-x'] as const;
/**
 * The Fabric Manager daemon's version (NVSwitch systems), as nvidia-bug-report.sh asks for it: the binary prints the
 * version it was built as and exits, without opening a device.
 */
export const FABRIC_MANAGER_ARGV = ['nv-fabricmanager', '--version'] as const;
const FABRIC_MANAGER_TIMEOUT_MS = 5000;
/** A driver version as it names its firmware directory (nv.c NV_FIRMWARE_FOR_NAME: nvidia/<NV_VERSION_STRING>/). */
const VERSION = /^\d+\.\d+(?:\.\d+)?$/;

/** The driver version from /sys/module/nvidia/version, else the NVRM line of /proc/driver/nvidia/version. */
function driverVersion(module: Buffer | undefined, proc: Buffer | undefined): string | undefined {
  const m = module?.toString('utf8').trim();
  if (m && VERSION.test(m)) return m;
  const line = /NVRM version:.*?\s(\d+\.\d+(?:\.\d+)?)\s/.exec(proc?.toString('utf8') ?? '');
  return line?.[1];
}

/**
 * The firmware files the driver loads from /lib/firmware/nvidia/<version>/: the directory's listing (empty or absent
 * recorded as such), then each file's name as an empty, truncated artifact (the GSP images are tens of MB and their
 * bytes say nothing the name does not).
 */
function collectFirmwareNames(ctx: SourceContext, version: string): void {
  const dir = `/lib/firmware/nvidia/${version}`;
  for (const name of ctx.collectListing(dir) ?? []) if (!name.endsWith('/')) ctx.collectFile(`${dir}/${name}`, { maxBytes: 0 });
}

/** A `--query-gpu` header at a line's end: field names (their units in brackets), one a field the gpu class reads. */
const QUERY_HEADER = /(?:^|[\s>|:\]"'])((?=[^\n]*\b(?:name|gpu_name|pci\.bus_id|gpu_bus_id|driver_version|vbios_version|uuid|gpu_uuid|inforom\.\w+|persistence_mode|mig\.mode\.\w+)\b)[a-z][a-z0-9_.]*(?: \[[^\]\n]+\])?(?:, [a-z][a-z0-9_.]*(?: \[[^\]\n]+\])?)*)["',]*[ \t]*$/m;
const QUERY_TYPED = /--query-gpu[= ]\s*([a-z0-9_.,]+)/;

/**
 * The text as the tool printed it, closely enough to tell its form (the gpu parsers read it through the shared text
 * layer): a JSON log line's `\n`, an HTML mail's breaks and &nbsp;, Unicode and zero-width spaces, a blog's Markdown
 * escapes and a quoted-printable body's `=3D` and soft breaks undone; whatever precedes a line (a quote, a log prefix)
 * is left, so the forms are looked for anywhere in a line.
 */
function asPrinted(text: string): string {
  return text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\\(?:r\\)?n/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/&nbsp;|&#160;|[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\\([_*-])/g, '$1')
    .replace(/=\r?\n/g, '')
    .replace(/=3D/g, '=');
}

/** The argv a saved `--query-gpu` CSV stands for: its fields from its header, else from the command typed in it or its name. */
function queryArgv(name: string, text: string): string[] | undefined {
  const header = QUERY_HEADER.exec(text)?.[1];
  const fields = header?.trim().split(/\s*,\s*/).map((c) => c.split(' ')[0]!).join(',') ?? (QUERY_TYPED.exec(text) ?? QUERY_TYPED.exec(name))?.[1];
  return fields ? ['nvidia-smi', `--query-gpu=${fields}`, header ? '--format=csv' : '--format=csv,noheader'] : undefined;
}

/** nvidia-smi's words when it printed no output: NVML not answering, or a GPU it could not open. */
const SMI_FAILED = /NVIDIA-SMI has failed because|Failed to initialize NVML:|Unable to determine the device handle for GPU|NVIDIA-SMI couldn'?t find libnvidia-ml|^\W*No devices were found\W*$/imu;

/** What a saved nvidia-smi output is, told by its text (as pasted: colour codes taken off): the argv it is replayed as. */
const SAVED_FORMS: ((name: string, text: string) => string[] | undefined)[] = [
  // The XML also when a web page escaped it (`&lt;nvidia_smi_log&gt;`).
  (_, t) => (/(?:<|&lt;)nvidia_smi_log\b/.test(t) ? [...NVIDIA_SMI_ARGV] : undefined),
  (_, t) => (/NVSMI\s+LOG|^\W*GPU\s+[0-9A-Fa-f]{4,8}:/mu.test(t) ? ['nvidia-smi', '-q'] : undefined),
  // The table it prints with no option: its banner (its spaces perhaps a page's &nbsp;, its version set in Markdown marks).
  (_, t) => (/NVIDIA-SMI.{0,80}?Driver Version:/.test(t) ? ['nvidia-smi'] : undefined),
  (_, t) => (/GPU \d+: [^\n]+\(UUID: GPU-/.test(t) ? ['nvidia-smi', '-L'] : undefined),
  queryArgv,
];

/**
 * A captured tree's nvidia-smi outputs, however they were named (`-q_-x.out`, `-q.out`, `nvidia-smi.txt` pasted from a
 * ticket): each form once, told apart by content: the XML as `nvidia-smi -q -x`, the text as `nvidia-smi -q`, the
 * table as `nvidia-smi`, the GPU list as `nvidia-smi -L`, a CSV query as `nvidia-smi --query-gpu=<its fields> --format=csv`.
 */
function replaySavedSmi(ctx: SourceContext): boolean {
  // Each text also as the shared text layer reads it: a log's prefix on every line (syslog's, a CI time, kubectl's) or a
  // paste site's line numbers taken off, so a form told by what starts a line is told behind them too.
  const texts = ctx.savedOutputs('nvidia-smi').map((n) => {
    const raw = ctx.peekText(`/${n}`)?.slice(0, 65536) ?? '';
    return [n, asPrinted(raw), asPrinted(pastedLines(raw))] as const;
  });
  let replayed = false;
  const done = new Set<string>();
  const used = new Set<string>();
  for (const form of SAVED_FORMS) {
    for (const [name, text, plain] of texts) {
      const argv = form(name, text) ?? form(name, plain);
      if (!argv) continue;
      if (!done.has(argv.join(' ')) && ctx.runCommand(argv, { replayFrom: name }) !== undefined) replayed = true;
      done.add(argv.join(' '));
      used.add(name);
      break;
    }
  }
  // A file holding only nvidia-smi's failure (the driver not answering, a GPU it could not open): what the bare command
  // printed instead of its table. One read as another form keeps its failure lines there.
  const failed = texts.find(([name, text, plain]) => !used.has(name) && (SMI_FAILED.test(text) || SMI_FAILED.test(plain)));
  if (failed && !done.has('nvidia-smi') && ctx.runCommand(['nvidia-smi'], { replayFrom: failed[0] }) !== undefined) replayed = true;
  return replayed;
}

/** `nv-fabricmanager --version` prints one line; the daemon's other options print no such line. */
const FABRIC_MANAGER_VERSION_LINE = /^[ \t>$#]*Fabric Manager version is\s*:/m;

/**
 * A saved `nv-fabricmanager --version` under a name that does not say `--version` (`nv-fabricmanager.txt`,
 * `cmd/nv-fabricmanager/output.out`): the first whose text holds the version line, when no output is saved under the
 * option's own name. Others are left to the tree's files not read.
 */
function replaySavedFabricManager(ctx: SourceContext): boolean {
  const names = ctx.savedOutputs('nv-fabricmanager');
  if (names.some((n) => /(?:^|[/_ ])--version(?:\.[A-Za-z]+)?$/.test(n))) return false;
  for (const name of names) {
    const text = ctx.isDir(`/${name}`) ? undefined : ctx.peekText(`/${name}`)?.slice(0, 16384);
    if (text !== undefined && FABRIC_MANAGER_VERSION_LINE.test(text)) return ctx.runCommand([...FABRIC_MANAGER_ARGV], { replayFrom: name }) !== undefined;
  }
  return false;
}

/** Top-level files looked at for a loose copy of the driver's version file. */
const MAX_LOOSE_CANDIDATES = 20;

/**
 * A person's copy of /proc/driver/nvidia/version saved at the top of a captured tree under a name of their own
 * (`nvidia-version.txt`, `proc_driver_nvidia_version.log`): a name with the words nvidia and version whose text holds the
 * `NVRM version:` line. Saved under cmd/cat/ it is the platform class's saved `cat`. Replayed as that `cat`, the first only.
 */
function replayLooseVersionFile(ctx: SourceContext): boolean {
  if (ctx.exists(`${PROC}/version`) || ctx.savedOutputs('cat').some((n) => /nvidia/i.test(n))) return false;
  const names = (ctx.listDir('/') ?? []).filter((n) => /nvidia/i.test(n) && /version/i.test(n) && /^[\w .-]+$/.test(n));
  for (const name of names.slice(0, MAX_LOOSE_CANDIDATES)) {
    const text = ctx.isDir(`/${name}`) ? undefined : ctx.peekText(`/${name}`)?.slice(0, 16384);
    if (text === undefined || !/^[ \t>]*NVRM version:/m.test(text)) continue;
    return ctx.runCommand(['cat', `${PROC}/version`], { replayFrom: name }) !== undefined;
  }
  return false;
}

export const source: Source = {
  name: 'gpu',
  description: 'NVIDIA GPUs: driver version, firmware file names, Fabric Manager version and the end of its log; with --include-gpu per-GPU proc information and nvidia-smi -q -x',
  collect(ctx) {
    const loaded = ctx.isDir(PROC) || ctx.exists(MODULE_VERSION);
    const versionCopy = ctx.replay && replayLooseVersionFile(ctx);
    const saved = ctx.replay && ctx.hasCommand('nvidia-smi');
    if (!loaded && !saved && !versionCopy) ctx.skip('no NVIDIA driver loaded on this host');
    const proc = ctx.exists(`${PROC}/version`) ? ctx.collectFile(`${PROC}/version`) : undefined;
    const module = ctx.exists(MODULE_VERSION) ? ctx.collectFile(MODULE_VERSION) : undefined;
    // Reads that reach the GPU (its driver's RM and firmware) need --include-gpu on a live host; a captured tree's files are only files.
    const reachGpu = ctx.includeGpu || ctx.replay;
    for (const bdf of ctx.isDir(`${PROC}/gpus`) ? ctx.listDir(`${PROC}/gpus`) ?? [] : []) {
      ctx.device('gpu', bdf);
      // Only the information file: registry, numa_status and unbindLock are writable, power calls into RM.
      if (reachGpu && ctx.exists(`${PROC}/gpus/${bdf}/information`)) ctx.collectFile(`${PROC}/gpus/${bdf}/information`);
    }
    const version = driverVersion(module, proc);
    if (version) collectFirmwareNames(ctx, version);
    if (!(ctx.replay && replaySavedFabricManager(ctx)) && ctx.hasCommand('nv-fabricmanager')) ctx.runCommand([...FABRIC_MANAGER_ARGV], { timeoutMs: FABRIC_MANAGER_TIMEOUT_MS });
    collectFabricManagerLog(ctx);
    // Last, after every passive read: nvidia-smi touches every GPU and can hang.
    if (ctx.replay && replaySavedSmi(ctx)) return;
    if (reachGpu && ctx.hasCommand('nvidia-smi')) ctx.runCommand([...NVIDIA_SMI_ARGV], { timeoutMs: NVIDIA_SMI_TIMEOUT_MS });
  },
};
