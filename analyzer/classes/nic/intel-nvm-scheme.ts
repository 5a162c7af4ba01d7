// Intel i40e/ice NVM versions as `ethtool -i` prints them: `%x.%02x 0x%x %d.%d.%d` = NVM major.minor (hex
// digits), EETrack ID, combo image / option ROM version. i40e images with the OEM EETrack print `%x.%x.%x`
// (generation.snapshot.release) instead; those form the family `oem`, the others the family `nvm`.
import { decimal, hexadecimal, orderedScheme } from '../../version/index.js';

const STANDARD = /^([0-9a-fA-F]+)\.([0-9a-fA-F]+)(?:\s+0x([0-9a-fA-F]+)(?:\s+(\d+)\.(\d+)\.(\d+))?)?$/;
const OEM = /^([0-9a-fA-F]+)\.([0-9a-fA-F]+)\.([0-9a-fA-F]+)$/;

export const intelNvmScheme = orderedScheme((text) => {
  const oem = OEM.exec(text);
  if (oem) {
    const parts = [hexadecimal(oem[1]), hexadecimal(oem[2]), hexadecimal(oem[3])];
    if (parts.every((p): p is number => p !== undefined)) return { parts, family: 'oem', order: parts };
  }
  const m = STANDARD.exec(text);
  const nvm = [hexadecimal(m?.[1]), hexadecimal(m?.[2])];
  const eetrack = m?.[3] === undefined ? undefined : hexadecimal(m[3]);
  const combo = m?.[4] === undefined ? undefined : [decimal(m[4]), decimal(m[5]), decimal(m[6])];
  const valid = (xs: (number | undefined)[] | undefined): xs is number[] => xs !== undefined && xs.every((x) => x !== undefined);
  if (!m || !valid(nvm) || (m[3] !== undefined && eetrack === undefined) || (combo !== undefined && !valid(combo))) {
    return { parts: [], malformed: `not an Intel NVM version (x.yy [0xEETRACK [a.b.c]]): ${JSON.stringify(text)}` };
  }
  const fields: Record<string, string | number> = { nvm: `${m[1]}.${m[2]}` };
  if (eetrack !== undefined) fields.eetrack = eetrack;
  if (combo) fields.combo = combo.join('.');
  // Ordered by NVM version, then combo version, then EETrack; a missing component sorts before a present one.
  const order = [...nvm, ...(combo ? [1, ...combo] : [0]), ...(eetrack !== undefined ? [1, eetrack] : [0])];
  return { parts: [...nvm, ...(combo ?? [])], family: 'nvm', fields, order };
});
