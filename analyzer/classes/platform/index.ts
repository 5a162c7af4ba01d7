import type { AnalyzerClass } from '../../load/types.js';
import { coreFacts } from '../core/facts.js';
import { platformFacts, platformFirmwareFacts } from './facts.js';
import { dmiBiosScheme } from './dmi-bios-scheme.js';
import { platformLoader } from './loader.js';

/** Its loader also reads the kernel, so it carries the kernel's declarations (core) until that has a loader of its own. */
export const platform: AnalyzerClass = { name: 'platform', loaders: [platformLoader], facts: [platformFacts, platformFirmwareFacts, coreFacts],
  schemes: { 'dmi-bios': dmiBiosScheme },
  versionSchemes: { components: { bios: 'dmi-bios', 'dmi-bios': 'dmi-bios', smbios: 'dmi-bios', 'system-firmware': 'dmi-bios' } },
  // Module parameters as sysfs shows them (mode runtime); the dot keys are the module's state, not settings.
  compared: [{ namespace: 'module:*', modes: ['runtime'], keys: /^[^.]/, label: 'module parameter' }],
  // Each device fwupd lists is an entry of its own (its parent is the platform, or the fwupd device it hangs under).
  // The DMI system's serial (else the board's) is the machine's own.
  machineDevices: ['platform'],
  inventory: { kernel: { noun: 'Linux kernel' }, fwupd: { role: 'device', noun: 'fwupd device' } },
};
