import type { UnnamedOutput } from '../../source.js';
import { savedNvmeCommand } from './saved.js';
import { subcommandShown } from './text-subcommand.js';

/** The listings, which name no node. */
const LISTINGS = new Set(['list', 'list-subsys']);
/** id-ctrl's firmware revision, besides the vid, sn and mn its shape already asks for. */
const FIRMWARE_FIELD = /(?:^|[\s|>\]"{,])fr"?\s*:\s*\S/m;
/** nvme list's JSON devices, by the members only nvme-cli gives them (fwupd's JSON has `"Devices"` too). */
const LIST_JSON = /"Devices"\s*:\s*\[/;
const LIST_JSON_DEVICE = /"DevicePath"\s*:\s*"/;
/** smartctl's JSON, which holds an NVMe drive's health log under the names smart-log prints. */
const SMARTCTL_JSON = /"smartctl"\s*:\s*\{|"json_format_version"\s*:/;

/**
 * nvme-cli by the fields one subcommand prints (text-subcommand.ts: id-ctrl's vid, sn, mn and fr, fw-log's afi and
 * frs, smart-log's critical_warning, a listing's header or its JSON's DevicePath), never smartctl's JSON, on the node its heading names (`Firmware Log for
 * device:nvme0n1`); an id-ctrl naming none is known by its serial. A log naming no node is none's.
 */
export function nvmeShape(lines: readonly string[]): string[] | undefined {
  const text = lines.join('\n');
  if (SMARTCTL_JSON.test(text)) return undefined;
  const sub = subcommandShown(text);
  if (sub === undefined) return undefined;
  if (sub === 'list' && LIST_JSON.test(text) && !LIST_JSON_DEVICE.test(text)) return undefined;
  if (LISTINGS.has(sub)) return ['nvme', sub];
  if (sub === 'id-ctrl' && !FIRMWARE_FIELD.test(text)) return undefined;
  const c = savedNvmeCommand(`cmd/nvme/${sub}.out`, text);
  return c?.argv;
}

/** nvme-cli's output of one subcommand on a node that neither its heading nor its text names (a smart-log's JSON, an id-ns). */
export function nvmeUnnamed(lines: readonly string[]): UnnamedOutput | undefined {
  const text = lines.join('\n');
  if (SMARTCTL_JSON.test(text)) return undefined;
  const sub = subcommandShown(text);
  // An id-ctrl is known by its serial: one its shape does not take is not id-ctrl's whole output.
  if (sub === undefined || sub === 'id-ctrl' || LISTINGS.has(sub) || nvmeShape(lines) !== undefined) return undefined;
  const node = sub === 'id-ns' ? 'nvme0n1' : 'nvme0';
  return { what: `nvme ${sub}'s output`, typed: `nvme ${sub} /dev/${node}`, named: `nvme ${sub} ${node}.txt` };
}
