/**
 * A device argument copied from a manual or a how-to rather than typed for a card: `<MST_DEVICE_NAME>`, `<NIC>`,
 * `<device>`, `mlx5_<x>`, a shell variable (`$DEV`, `${pci}`). It names no device; `mt4119_pciconf0` does.
 */
export const isPlaceholderDevice = (name: string): boolean => /<[^<>]*>/.test(name) || /^\$\{?\w+\}?$/.test(name);
