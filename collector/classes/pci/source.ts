import { savedNameWords } from '../../saved-output-name.js';
import type { Source, SourceContext } from '../../source.js';
import { presentNames } from '../../sysfs-names.js';
import { replaySavedOutputs } from '../../replay-saved.js';
import { SAVED_UDEVADM } from './udevadm.js';
import { CONFIG_SPACE_MAX, PCI_ASPM_ATTRIBUTES, PCI_IDS_PATHS, PCI_LINKS, PCI_TEXT_ATTRIBUTES, VPD_MAX } from './attributes.js';

export const PCI_DEVICES = '/sys/bus/pci/devices';

function collectFunction(ctx: SourceContext, bdf: string): void {
  const dir = `${PCI_DEVICES}/${bdf}`;
  ctx.device('pci', bdf);
  ctx.collectLink(dir, { directory: true });
  const present = new Set(ctx.listDir(dir) ?? []);
  ctx.collectAttributes(dir, PCI_TEXT_ATTRIBUTES.filter((n) => present.has(n)));
  for (const link of PCI_LINKS) if (present.has(link)) ctx.collectLink(`${dir}/${link}`);
  if (present.has('config')) ctx.collectFile(`${dir}/config`, { maxBytes: CONFIG_SPACE_MAX });
  if (present.has('vpd')) ctx.collectFile(`${dir}/vpd`, { maxBytes: VPD_MAX });
  if (present.has('link')) ctx.collectAttributes(`${dir}/link`, presentNames(ctx, `${dir}/link`, PCI_ASPM_ATTRIBUTES));
}

/** The platform's named slots (ACPI, PCIe hotplug): lspci's `Physical Slot:` is the one whose `address` is a function's device. */
export const PCI_SLOTS = '/sys/bus/pci/slots';

/** Only `address` (`0000:3b:00`) is read of a slot; `power`, `attention` and the rest are the hotplug driver's controls. */
function collectSlots(ctx: SourceContext): void {
  for (const slot of ctx.listDir(PCI_SLOTS) ?? []) ctx.collectAttributes(`${PCI_SLOTS}/${slot}`, presentNames(ctx, `${PCI_SLOTS}/${slot}`, ['address']));
}

/** lspci options a saved output's name may hold (display options only: lspci has no option that writes). */
const LSPCI_FLAGS = /^-[vnDkmtPbxAqQ]+$/;
/** A name's first word holding the tool's name and its flags joined by a hyphen. */
const GLUED_FLAGS = /^lspci-[vnDkmtPbxAqQ]+$/i;
/** Options taking a value: a slot selector, a vendor:device filter, an access method. */
const LSPCI_VALUE_OPTIONS = new Set(['-s', '-d', '-A']);

/**
 * The second and later output of one command in a text saved whole (`lspci` typed twice in a ticket, once piped to grep):
 * `cmd/lspci/_@2.out`, as typed-commands.ts names them.
 */
const SAVED_COPY = /@\d+(?=\.out$)/;

/** A pipe or the grep after it in a saved name (`lspci | grep Mellanox.txt`, `lspci_grep_mellanox.txt`). */
const PIPE_OR_GREP = /^(?:\|+|[ef]?grep)$/i;

/**
 * The lspci argv a saved output's name stands for (`-nnvv.out`, `lspci_-D_-vvv.txt`, `lspci.out`); undefined for other
 * words. The lines of it a grep kept (`lspci | grep BlueField-2.txt`, `lspci -nn_grep_-i_eth.log`) are read as lspci's
 * output (a paste of the same lines is read whatever its name): the grep's words are its pattern, not lspci's options.
 */
export function savedLspciArgv(treeName: string): string[] | undefined {
  const all = savedNameWords(treeName.replace(SAVED_COPY, '')).flatMap((w) => w.split(/(\|+)/).filter((p) => p !== ''));
  const grep = all.findIndex((w) => PIPE_OR_GREP.test(w));
  // The tool and its options joined by a hyphen, as people name the file (`lspci-vvv.txt`, `lspci-nnk.log`).
  const named = grep >= 0 && all.slice(grep).some((w) => /^[ef]?grep$/i.test(w)) ? all.slice(0, grep) : all;
  const from = named[0]?.toLowerCase() === 'sudo' && GLUED_FLAGS.test(named[1] ?? '') ? 1 : 0;
  const words = named.slice(from).map((w, i) => (i === 0 && GLUED_FLAGS.test(w) ? w.slice(w.indexOf('-')) : w));
  for (let i = 0; i < words.length; i++) {
    if (LSPCI_VALUE_OPTIONS.has(words[i]!) && /^[\w.:*-]+$/.test(words[i + 1] ?? '')) i++;
    else if (!LSPCI_FLAGS.test(words[i]!)) return undefined;
  }
  return ['lspci', ...words];
}

/** lspci outputs a captured tree holds (pasted from a ticket, or a report's), replayed and stored under their command's name. */
function replaySavedLspci(ctx: SourceContext): number {
  let n = 0;
  // Outputs of one argv (each may show other functions: `lspci` and `lspci | grep Pensando`) are each stored: _.out, _@2.out.
  const copies = new Map<string, number>();
  for (const treeName of ctx.savedOutputs('lspci')) {
    const argv = savedLspciArgv(treeName);
    if (!argv) {
      ctx.issue(treeName, 'UNKNOWN_NAME', 'saved lspci output: the name holds words that are not lspci options (e.g. -nnvv.out, -D_-vvv.txt)');
      continue;
    }
    const copy = (copies.get(argv.join(' ')) ?? 0) + 1;
    copies.set(argv.join(' '), copy);
    if (ctx.runCommand(argv, { replayFrom: treeName, copy })) n++;
  }
  return n;
}

/**
 * Only the head of the host's pci.ids is stored (its `# Version:` line is in the first lines): the whole file
 * (~1.4 MB) would outweigh the rest of a bundle; the report compares the host's version with the one it used.
 */
const PCI_IDS_HEAD = 4096;

export const source: Source = {
  name: 'pci',
  description: 'every PCI function: ids, driver, NUMA node, IOMMU group, link speed and width, SR-IOV, AER counters, ASPM, config space, VPD; the host\'s pci.ids; lspci and udevadm info -a outputs saved in a captured tree',
  collect(ctx) {
    const pasted = ctx.replay ? replaySavedLspci(ctx) + replaySavedOutputs(ctx, SAVED_UDEVADM) : 0;
    if (!ctx.isDir(PCI_DEVICES) && pasted === 0) ctx.skip('no PCI bus on this host');
    const functions = ctx.listDir(PCI_DEVICES) ?? [];
    if (functions.length === 0 && pasted === 0) ctx.skip('no PCI functions on this host');
    for (const bdf of functions) collectFunction(ctx, bdf);
    if (functions.length > 0) collectSlots(ctx);
    const ids = PCI_IDS_PATHS.find((p) => ctx.exists(p));
    if (ids) ctx.collectFile(ids, { maxBytes: PCI_IDS_HEAD });
  },
};
