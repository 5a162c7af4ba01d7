// CPU microcode revisions (`/proc/cpuinfo` `microcode : 0x2b000571`, MCE logs without 0x). A revision only
// orders against revisions of the same CPU signature, which is therefore the family.
import { hexadecimal, orderedScheme, type SchemeHandler } from '../../version/index.js';

const SHAPE = /^(?:0[xX])?([0-9a-fA-F]{1,8})$/;

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');

/**
 * The signature as Intel's microcode release notes and /lib/firmware/intel-ucode name it: family-model-stepping
 * in two-digit hex, with the platform-ID mask after a slash, e.g. `06-8f-08/87`.
 */
export function cpuSignature(family: number, model: number, stepping: number, platformIdMask?: number): string {
  const base = `${hex2(family)}-${hex2(model)}-${hex2(stepping)}`;
  return platformIdMask === undefined ? base : `${base}/${hex2(platformIdMask)}`;
}

export const microcodeScheme: SchemeHandler = {
  ...orderedScheme(
  (text, context) => {
    const m = SHAPE.exec(text);
    const revision = hexadecimal(m?.[1]);
    if (revision === undefined) {
      return { parts: [], malformed: `not a microcode revision (0x + up to 8 hex digits): ${JSON.stringify(text)}` };
    }
    const signature = context.cpuSignature?.trim().toLowerCase();
    return {
      parts: [revision],
      family: signature || undefined,
      fields: { revision: '0x' + revision.toString(16) },
      order: [revision],
    };
  },
  ([revision]) => revision!.toString(16).padStart(8, '0'),
  ),
  familyRequired: true,
};
