import { cleanText, type LineIssue } from '../../parsers/text-input.js';

/** One load option as efibootmgr lists it: `Boot0000* Windows Boot Manager	HD(1,GPT,…)/File(\EFI\…)`. */
export interface EfiLoadOption {
  /** `Boot0000`, `Driver0001`, `SysPrep0000`, `PlatformRecovery0000`. */
  name: string;
  /** The `*` after the number: the LOAD_OPTION_ACTIVE attribute. */
  active: boolean;
  label: string;
  /** The device path as printed (`-v`, and efibootmgr 18 without it), its optional data left out; absent when not printed. */
  path?: string;
  /** The file the path ends in (`\EFI\ubuntu\shimx64.efi`), where it names one. */
  file?: string;
}

export interface EfiBoot {
  bootCurrent?: string;
  bootNext?: string;
  /** Seconds the boot menu waits. */
  timeout?: number;
  bootOrder?: string[];
  options: EfiLoadOption[];
  /** efibootmgr's own line when the firmware has no EFI variables (a legacy BIOS boot, or efivarfs not mounted). */
  noEfiVariables?: boolean;
  issues: LineIssue[];
}

const HEX4 = /^[0-9A-Fa-f]{4}$/;
const OPTION = /^((?:Boot|Driver|SysPrep|PlatformRecovery)[0-9A-Fa-f]{4})(\*?)\s*(.*)$/;
/** Where a device path starts after the label: a node type of the UEFI device path text form (or 0.x's `ACPI(…)`). */
const PATH_START = /(?:^|\s)((?:PciRoot|PcieRoot|Pci|HD|CDROM|File|VenHw|VenMedia|VenMsg|Vendor|Fv|FvFile|BBS|MAC|IPv4|IPv6|Uri|USB|UsbClass|UsbWwid|Sata|Scsi|NVMe|Msg|ACPI|PCI|Acpi|AcpiEx|MemoryMapped|Ata|eMMC|SD|Ufs|UartFlowControl|Uart|Offset|Wi-Fi|BluetoothLE|Dns)\([^\s]*)/;
/** Lines efibootmgr prints besides the variables it reads (memory mirroring on some servers; the -v banner of 0.x). */
const OWN = /^(?:MirroredPercentageAbove4G|MirrorMemoryBelow4GB|MirrorStatus|DesiredMirroredPercentageAbove4G|DesiredMirrorMemoryBelow4GB):|^efibootmgr version /;

/** The label and the device path of an option's rest: a tab between them, or the spaces a page or a terminal made of it. */
function labelAndPath(rest: string): { label: string; path?: string } {
  const tab = rest.indexOf('\t');
  if (tab >= 0) return { label: rest.slice(0, tab).trim(), path: rest.slice(tab + 1).trim() || undefined };
  const m = PATH_START.exec(rest);
  // No path: what follows the label's last run of spaces (a page's tab) is the option's data (`RC`, `..BO`), not its label.
  if (!m) return { label: rest.replace(/\s{2,}(?:RC|\.\.BO|[0-9a-f]+)$/i, '').trim() };
  const at = m.index + m[0].length - m[1]!.length;
  return { label: rest.slice(0, at).trim(), path: rest.slice(at).trim() };
}

/** A device path without the optional data efibootmgr prints after it (`WINDOWS……x…B.C.D.O…`, `..BO`, `RC`). */
function pathOnly(path: string): { path: string; file?: string } {
  // The path is its nodes: each `Type(…)`, `/` between them (0.x printed none); what follows the last `)` is data.
  const end = path.lastIndexOf(')');
  const nodes = end >= 0 ? path.slice(0, end + 1) : path;
  const file = /File\(([^)]*)\)/.exec(nodes)?.[1];
  return { path: nodes, ...(file ? { file } : {}) };
}

/**
 * `efibootmgr` or `efibootmgr -v` as saved or pasted (cleanText): BootCurrent, BootNext, Timeout, BootOrder and each
 * load option with whether it is active, its label and (with `-v`, and in efibootmgr 18 without it) its device path,
 * in the layouts of efibootmgr 0.x (`ACPI(…)PCI(…)`, no `/` between nodes), 14–17 and 18 (a tab before the path, or
 * the spaces a page made of it). A line that is none of these is an issue with its number.
 */
export function parseEfibootmgr(text: string): EfiBoot {
  const out: EfiBoot = { options: [], issues: [] };
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.replace(/\s+$/, '');
    const t = line.trim();
    const field = /^(BootCurrent|BootNext|Timeout|BootOrder):\s*(.*)$/.exec(t);
    if (field) {
      const v = field[2]!.trim();
      if (field[1] === 'BootCurrent' && HEX4.test(v)) out.bootCurrent = v.toUpperCase();
      else if (field[1] === 'BootNext' && HEX4.test(v)) out.bootNext = v.toUpperCase();
      else if (field[1] === 'Timeout' && /^\d+(?:\s+seconds?)?$/.test(v)) out.timeout = Number(v.split(/\s/)[0]);
      else if (field[1] === 'BootOrder' && /^(?:[0-9A-Fa-f]{4}(?:,[0-9A-Fa-f]{4})*,?)?$/.test(v)) out.bootOrder = v.split(',').filter(Boolean).map((x) => x.toUpperCase());
      else out.issues.push({ line: no, text: line, message: `${field[1]} with a value efibootmgr does not print` });
      continue;
    }
    const option = OPTION.exec(t);
    if (option) {
      const { label, path } = labelAndPath(option[3]!);
      const cut = path === undefined ? undefined : pathOnly(path);
      out.options.push({ name: `${option[1]!.slice(0, -4)}${option[1]!.slice(-4).toUpperCase()}`, active: option[2] === '*', label, ...(cut ? { path: cut.path } : {}), ...(cut?.file ? { file: cut.file } : {}) });
      continue;
    }
    if (/^EFI variables are not supported on this system\.?$/.test(t)) {
      out.noEfiVariables = true;
      continue;
    }
    if (OWN.test(t)) continue;
    out.issues.push({ line: no, text: line, message: 'not a variable or load option as efibootmgr prints them' });
  }
  return out;
}
