import { bnxtScheme } from './bnxt.js';
import { dmiBiosScheme } from './dmi-bios.js';
import { fwupdHandler } from './fwupd.js';
import { intelNvmScheme } from './intel-nvm.js';
import { microcodeScheme } from './microcode.js';
import { mlx5Scheme } from './mlx5.js';
import { opaqueScheme } from './opaque.js';
import { semverScheme } from './semver.js';
import { usbBcdScheme } from './usb-bcd.js';
import { isFwupdScheme, isVersionScheme, VersionError, type SchemeHandler, type VersionScheme } from './types.js';

const VENDOR: Record<Exclude<VersionScheme, Parameters<typeof fwupdHandler>[0]>, SchemeHandler> = {
  mlx5: mlx5Scheme,
  'intel-nvm': intelNvmScheme,
  bnxt: bnxtScheme,
  nvme: opaqueScheme,
  ata: opaqueScheme,
  microcode: microcodeScheme,
  'dmi-bios': dmiBiosScheme,
  semver: semverScheme,
  'usb-bcd': usbBcdScheme,
};

/** Schemes whose versions have no place in a sort key without a family (a microcode revision needs its CPU). */
export const FAMILY_REQUIRED: ReadonlySet<VersionScheme> = new Set<VersionScheme>(['microcode']);

export function handlerFor(scheme: unknown): SchemeHandler {
  if (typeof scheme !== 'string' || !isVersionScheme(scheme)) {
    throw new VersionError(`unknown version scheme ${JSON.stringify(scheme)}`);
  }
  if (scheme === 'dotted' || isFwupdScheme(scheme)) return fwupdHandler(scheme);
  return VENDOR[scheme];
}
