/** dmidecode by its banner (`# dmidecode 3.3`) or its structures' headings (`Handle 0x0001, DMI type 1, 27 bytes`). */
export function dmidecodeShape(lines: readonly string[]): string[] | undefined {
  const t = lines.map((l) => l.trim());
  return t.some((l) => /^# dmidecode \d+\.\d+/.test(l) || /^Handle 0x[0-9A-Fa-f]{4}, DMI type \d+, \d+ bytes$/.test(l)) ? ['dmidecode'] : undefined;
}

/** An efibootmgr listing: `BootCurrent:` and `BootOrder:` over `Boot0000* …` entries; `-v`'s when they show device paths. */
export function efibootmgrShape(lines: readonly string[]): string[] | undefined {
  const t = lines.map((l) => l.trim());
  const listing = t.some((l) => /^BootCurrent: [0-9A-Fa-f]{4}$/.test(l)) && t.some((l) => /^BootOrder: [0-9A-Fa-f]{4}/.test(l))
    && t.some((l) => /^Boot[0-9A-Fa-f]{4}\\?\*? /.test(l));
  if (!listing) return undefined;
  return t.some((l) => /^Boot[0-9A-Fa-f]{4}.*\b(?:HD|PciRoot|BBS|VenHw|FvVol|MAC)\(/.test(l)) ? ['efibootmgr', '-v'] : ['efibootmgr'];
}

/**
 * fwupdmgr's device list: a device's `Device ID:` (fwupd 1.0's `DeviceId:`) of 40 hex digits with its version, or
 * its JSON's `"Devices"` holding fwupd's members; `get-updates`' when it says which devices have none.
 */
export function fwupdmgrShape(lines: readonly string[]): string[] | undefined {
  const text = lines.join('\n');
  if (/"Devices"\s*:\s*\[/.test(text) && /"(?:DeviceId|Guid|Plugin|VersionFormat)"\s*:/.test(text)) return ['fwupdmgr', 'get-devices', '--json'];
  const t = lines.map((l) => l.replace(/^[\s│├└─|]+/, '').trim());
  const device = t.some((l) => /^(?:Device ID|DeviceId):\s+[0-9a-f]{40}$/.test(l)) && t.some((l) => /^(?:Current version|Version):\s+\S/.test(l));
  if (!device) return undefined;
  return t.some((l) => /^Devices with no available firmware updates:/.test(l)) ? ['fwupdmgr', 'get-updates'] : ['fwupdmgr', 'get-devices'];
}
