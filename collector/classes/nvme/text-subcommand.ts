import { pastedPlain } from '../../saved-output-name.js';

/** nvme-cli's subcommands read, as typed: one word, or nvme-cli 3's two (`nvme id ctrl`). */
const TYPED = /(?:^|[\s'"$#>%/])nvme(?:\.exe)?[ \t]+(id-ctrl|fw-log|smart-log|error-log|id-ns|list-subsys|list|id[ \t]+ctrl|id[ \t]+ns|fw[ \t]+log|smart[ \t]+log|error[ \t]+log)(?![\w-])/gm;

/**
 * The fields only one subcommand prints, as text (`vid       : 0x144d`, a log's prefix or a mail's `>` before them) or as
 * its JSON's members (`"vid" : 5559`, nvme-cli 1.x's `"Active Firmware Slot (afi)"`).
 */
const field = (name: string): RegExp => new RegExp(String.raw`(?:^|[\s|>\]"{,])${name}"?\s*:\s*\S`, 'm');
const SHAPES: readonly (readonly [string, readonly RegExp[]])[] = [
  ['id-ctrl', [field('vid'), field('sn'), field('mn')]],
  ['id-ns', [field('nsze'), field('ncap')]],
  ['fw-log', [/(?:^|[\s|>\]"{,])(?:afi|Active Firmware Slot \(afi\))"?\s*:\s*\S/m, /(?:^|[\s|>\]"{,])(?:frs\d|Firmware Rev Slot \d)"?\s*:\s*\S/m]],
  ['smart-log', [field('critical_warning'), /(?:^|[\s|>\]"{,])(?:temperature|avail(?:able)?_spare)"?\s*:\s*\S/m]],
  ['error-log', [field('error_count'), field('status_field')]],
  ['list', [/^[>\s]*Node\s+(?:Generic\s+)?SN\s+Model\b|"Devices"\s*:\s*\[/m]],
  // `nvme-subsys0 - NQN=…` over ` +- nvme0 pcie …`, or JSON subsystems with their Paths (nvme list's JSON has Devices).
  ['list-subsys', [/^[>\s]*nvme-subsys\d+ - NQN=|"Paths"\s*:\s*\[/m, /^[>\s]*\+-\s+nvme\d+\b|"NQN"\s*:\s*"/m]],
];

/**
 * The nvme-cli subcommand a saved output holds, read from its text where neither its name nor nvme-cli's own heading says
 * it (a paste from `vid :` down, a log's `[stdout]` lines, JSON): the one subcommand typed in it, else the one whose
 * fields it shows. Undefined when it shows none or more than one.
 */
export function subcommandShown(text: string): string | undefined {
  const head = pastedPlain(text.slice(0, 64 * 1024));
  const typed = new Set([...head.matchAll(TYPED)].map((m) => m[1]!.replace(/[ \t]+/, '-')));
  if (typed.size === 1) return [...typed][0];
  const shown = SHAPES.filter(([, fields]) => fields.every((f) => f.test(head))).map(([sub]) => sub);
  // id-ns of nvme-cli prints no vid/sn/mn, id-ctrl no nsze: one shape at most, unless the paste holds two outputs.
  return shown.length === 1 ? shown[0] : undefined;
}

/**
 * nvme-cli's -H decodes a field's bits on lines of their own under it (`  [9:9] : 0x1\tMulti-Domain Subsystem …`,
 * `  [0:0] : 0\tSingle Port` in 1.x, ` [15:0] : 85 °C (358 K)`): id-ctrl and id-ns print them only with -H, so an output
 * showing a few of them was run with -H, whatever the file is called. Read as the text layer reads lines, after what a
 * log put before each (`Dec  1 10:00:05 host nvme[4242]: `, a CI timestamp, `[pod/…] `, a mail's `> `, a table's `| `)
 * or around it (a JSON log's `"stdout": "…\n  [2:2] : 0 …"`, Ansible's `"  [2:2] : 0 …",`); the analyzer's loader reads
 * -H by the same test, so a collected output and the loader never disagree on it.
 */
const DECODED_BITS = /(?:^|[\s>|"'])\[\s*\d+:\d+\]\s*:\s*\S/gm;

export function humanReadableShown(text: string): boolean {
  return (pastedPlain(text.slice(0, 64 * 1024)).match(DECODED_BITS)?.length ?? 0) >= 3;
}
