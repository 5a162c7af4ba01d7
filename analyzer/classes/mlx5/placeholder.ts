import { holdsExpansion } from '../../../collector/shell-expansions.js';

/**
 * A device argument copied from a manual or a how-to rather than typed for a card: `<MST_DEVICE_NAME>`, `<NIC>`,
 * `<device>`, `mlx5_<x>`, a shell variable or substitution (`$DEV`, `${pci}`, `"$dev"`, `$(mst status …)`), `mt4129_pciconfN`. It names no device; `mt4119_pciconf0` does.
 * A placeholder holding spaces (`-d <NIC Bus Id>`) leaves the command only its first word (`<NIC`).
 */
export const isPlaceholderDevice = (name: string): boolean =>
  /<[^<>]*>/.test(name) || /^<[^<>]*$/.test(name) || holdsExpansion(name) ||
  // An mst node whose number is a letter (`/dev/mst/mt4129_pciconfN`, `mt4119_pci_crX`): a how-to's any card.
  /(?:^|\/)mt\d+_pci(?:conf|_cr)[A-Za-z]$/.test(name);
