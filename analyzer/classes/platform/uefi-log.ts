/**
 * What the kernel logs about the UEFI firmware that started it (drivers/firmware/efi/efi.c efi_systab_report_header
 * and efi_config_parse_tables; secure boot: drivers/firmware/efi/secureboot.c, arch/x86/kernel/setup.c before 5.x):
 *   efi: EFI v2.70 by American Megatrends
 *   efi: ACPI=0xbccc8000 ACPI 2.0=0xbccc8014 SMBIOS=0xbd824000 … ESRT=0xbb313198 …
 *   secureboot: Secure boot disabled            ("Secure boot disabled" without the prefix on older kernels)
 */
export interface UefiLog {
  /** The UEFI specification revision the system table declares, as printed (2.70, 2.7). */
  revision?: string;
  /** The firmware vendor string of the system table (EDK II, American Megatrends). */
  vendor?: string;
  /** The configuration tables the kernel recognised, by the names it prints (ACPI 2.0, SMBIOS 3.0, ESRT, MEMATTR). */
  tables?: string[];
  secureBoot?: 'enabled' | 'disabled' | 'undetermined';
}

const HEADER = /^efi: EFI v(\d+\.\d+) by (.+?)\s*$/;
/** Only NAME=0xADDRESS pairs: other "efi:" lines (memory map, "seeding entropy pool") are not the table list. */
const TABLES = /^efi:((?:\s+[A-Za-z][A-Za-z0-9 .]*?=0x[0-9a-fA-F]+)+)\s*$/;
const TABLE = /([A-Za-z][A-Za-z0-9 .]*?)=0x[0-9a-fA-F]+/g;
const SECURE_BOOT = /^(?:secureboot: )?Secure boot (enabled|disabled|could not be determined)\b/;

/** The last of each line wins: a kexec'd kernel's log holds only its own boot. */
export function parseUefiLog(texts: Iterable<string>): UefiLog {
  const out: UefiLog = {};
  for (const text of texts) {
    const header = HEADER.exec(text);
    if (header) {
      out.revision = header[1]!;
      out.vendor = header[2]!;
      continue;
    }
    const tables = TABLES.exec(text);
    if (tables) {
      out.tables = [...tables[1]!.matchAll(TABLE)].map((m) => m[1]!.trim());
      continue;
    }
    const sb = SECURE_BOOT.exec(text);
    if (sb) out.secureBoot = sb[1] === 'could not be determined' ? 'undetermined' : (sb[1] as 'enabled' | 'disabled');
  }
  return out;
}
