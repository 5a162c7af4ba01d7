import type { LoadContext } from '../../load/types.js';
import { kernelLogArtifact, storedKernelLog } from '../core/kernel-messages.js';
import { parseUefiLog } from './uefi-log.js';

const EFI = 'sys/firmware/efi';
const PLATFORM_SIZE = `${EFI}/fw_platform_size`;
const SYSTAB = `${EFI}/systab`;

/**
 * Whether the platform class's part `part` looked at a live host (not left out by --only/--skip): then a bundle
 * without its artifacts means the host had nothing for it. A captured tree may simply not hold /sys/firmware, and an
 * imported report never ran the part, so neither says anything by what it lacks.
 */
function partRanLive(ctx: LoadContext, part: string): boolean {
  const m = ctx.manifest;
  if (m?.host.collectedFrom !== 'host') return false;
  if (!['ok', 'partial'].includes(m.sources.find((s) => s.name === 'platform')?.status ?? '')) return false;
  const named = (list: string[] | undefined): boolean => (list ?? []).some((n) => n === 'platform' || n === part);
  return !named(m.options.skip) && (!m.options.only?.length || named(m.options.only));
}

/**
 * How the machine booted, on the platform device (namespace uefi): UEFI when the kernel showed /sys/firmware/efi or
 * logged the UEFI system table, BIOS when the efi part looked at a live host and found no /sys/firmware/efi; the UEFI
 * revision, vendor, secure boot state and configuration tables from the kernel log; whether the firmware publishes an
 * ESRT (absent when the logged tables have none, or the esrt part looked at a live host and found none: a fact, not an
 * error).
 */
/** The records' texts one at a time: a log of millions of lines never becomes one array. */
function* textsOf(records: Iterable<{ text: string }>): Generator<string> {
  for (const r of records) yield r.text;
}

export function loadUefi(ctx: LoadContext): void {
  const log = kernelLogArtifact(ctx);
  // The lines parseUefiLog reads, as the kernel-log class stored them (read back, not parsed again).
  const fromLog = log ? parseUefiLog(textsOf(storedKernelLog(ctx, ['efi:', 'secureboot: ', 'Secure boot ']))) : undefined;
  const sysfs = [PLATFORM_SIZE, SYSTAB].find((n) => ctx.get(n));
  const esrtEntries = ctx.names(/^sys\/firmware\/efi\/esrt\/entries\//).length > 0;
  const uefi = sysfs !== undefined || esrtEntries || fromLog?.revision !== undefined;
  const bios = !uefi && partRanLive(ctx, 'efi');
  // The settings belong to the machine the DMI names; without it (a container, a board without SMBIOS) there is none.
  if ((!uefi && !bios) || !ctx.devices().some((d) => d.key === 'platform')) return;
  const set = (key: string, value: string | number, artifact: string): void => ctx.sink.setting({ deviceKey: 'platform', namespace: 'uefi', key, value, mode: 'current', artifact });

  if (bios) {
    set('boot', 'bios', 'manifest.json');
    return;
  }
  set('boot', 'uefi', sysfs ?? (esrtEntries ? `${EFI}/esrt` : log!.name));
  const size = ctx.text(PLATFORM_SIZE)?.trim();
  if (size !== undefined && /^\d+$/.test(size)) set('platform_size', Number(size), PLATFORM_SIZE);
  if (fromLog?.revision) set('revision', fromLog.revision, log!.name);
  if (fromLog?.vendor) set('vendor', fromLog.vendor, log!.name);
  if (fromLog?.secureBoot) set('secure_boot', fromLog.secureBoot, log!.name);
  if (fromLog?.tables) set('config_tables', fromLog.tables.join(','), log!.name);
  if (esrtEntries || fromLog?.tables?.includes('ESRT')) set('esrt', 'present', esrtEntries ? `${EFI}/esrt` : log!.name);
  else if (partRanLive(ctx, 'esrt')) set('esrt', 'absent', 'manifest.json');
  else if (fromLog?.tables) set('esrt', 'absent', log!.name);
}
