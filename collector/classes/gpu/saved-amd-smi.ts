import type { SourceContext } from '../../source.js';
import { savedNameWords } from '../../saved-output-name.js';

/** The JSON rocm-smi prints with `--json`: an object of `"card<n>"` members (its quotes perhaps escaped or curled by a page or a log). */
const ROCM_JSON = /(?:\\?"|&quot;|&#34;|[\u201c\u201d])card\d+(?:\\?"|&quot;|&#34;|[\u201c\u201d])\s*:/;
/** The CSV of `--csv`: its header after `device`. */
const ROCM_CSV = /(?:^|[\s>|:\]])device,[A-Za-z][^,\n]*,/m;
/** A detail line of `rocm-smi -a` and its `--show…` options: `GPU[0]		: VBIOS version: …`. */
const ROCM_DETAIL = /^\W*GPU\[\d+\]\s*:\s*\S/m;
/** The JSON amd-smi prints with `--json`: an array of GPUs (`"gpu": 0`), or `{"gpu_data": [...]}`. */
export const AMD_JSON = /(?:\\?"|&quot;|&#34;|[\u201c\u201d])(?:gpu|gpu_data)(?:\\?"|&quot;|&#34;|[\u201c\u201d])\s*:/;
/** amd-smi's `static` sections, under each `GPU: n`. */
export const AMD_STATIC = /^\s*(?:ASIC|BUS|VBIOS|IFWI|DRIVER|BOARD|RAS|LIMIT|VRAM|PARTITION|NUMA|SOC_PSTATE|XGMI_PLPD|PROCESS_ISOLATION|CLOCK|CACHE_INFO)\s*:\s*$/mi;
const AMD_VERBS = ['static', 'list', 'firmware'] as const;

/**
 * The argv a saved rocm-smi output is replayed as, told by its text: `--json`'s object of cards as `rocm-smi -a --json`,
 * `--csv`'s table as `rocm-smi -a --csv`, the detail lines of `-a` and any `--show…` option as `rocm-smi -a`, else the concise table of the bare command. Its
 * reader takes every form the same way; the argv names the form.
 */
export function rocmSmiArgv(text: string): string[] {
  if (ROCM_JSON.test(text)) return ['rocm-smi', '-a', '--json'];
  if (ROCM_CSV.test(text)) return ['rocm-smi', '-a', '--csv'];
  return ROCM_DETAIL.test(text) ? ['rocm-smi', '-a'] : ['rocm-smi'];
}

/**
 * The argv a saved amd-smi output is replayed as: the subcommand its name says (`static`, `list`, `firmware`), else the
 * one its text shows (`static`'s sections, else `list`); `--json` when the text is amd-smi's JSON.
 */
export function amdSmiArgv(name: string, text: string): string[] {
  const words = savedNameWords(name).map((w) => w.toLowerCase());
  const verb = AMD_VERBS.find((v) => words.includes(v)) ?? (AMD_STATIC.test(text) || /"(?:asic|bus|vbios|ifwi|board)"\s*:\s*\{/.test(text) ? 'static' : 'list');
  return ['amd-smi', verb, ...(AMD_JSON.test(text) ? ['--json'] : [])];
}

/** The argv a saved output of either tool stands for. */
export function savedAmdSmiArgv(tool: string, name: string, text: string): string[] {
  return tool === 'rocm-smi' ? rocmSmiArgv(text) : amdSmiArgv(name, text);
}

/** The forms replayed: rocm-smi's three and amd-smi's subcommands, with `--json` or not. */
export const ROCM_SMI_REPLAYED = [[], ['-a'], ['-a', '--json'], ['-a', '--csv']];
export const AMD_SMI_REPLAYED = AMD_VERBS.flatMap((v) => [[v], [v, '--json']]);

/**
 * A captured tree's rocm-smi and amd-smi outputs, however they were named: each replayed as the form its text shows,
 * all of them (two outputs of one form, `--showvbios` and `--showbus`, are copies of one command), for the reader to
 * put together. Returns whether any was.
 */
export function replaySavedAmdSmi(ctx: SourceContext): boolean {
  let replayed = false;
  for (const tool of ['rocm-smi', 'amd-smi']) {
    const copies = new Map<string, number>();
    for (const name of ctx.savedOutputs(tool)) {
      const argv = savedAmdSmiArgv(tool, name, ctx.peekText(`/${name}`)?.slice(0, 65536) ?? '');
      const copy = (copies.get(argv.join(' ')) ?? 0) + 1;
      copies.set(argv.join(' '), copy);
      if (ctx.runCommand(argv, { replayFrom: name, ...(copy > 1 ? { copy } : {}) }) !== undefined) replayed = true;
    }
  }
  return replayed;
}

/** Whether a captured tree holds saved rocm-smi or amd-smi outputs. */
export const hasSavedAmdSmi = (ctx: SourceContext): boolean => ctx.replay && (ctx.savedOutputs('rocm-smi').length > 0 || ctx.savedOutputs('amd-smi').length > 0);
