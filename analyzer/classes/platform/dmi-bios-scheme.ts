// SMBIOS type 0 BIOS `Version` strings. Only shapes whose order is known are ordered, each as its own family:
//   dotted        numbers only, e.g. Dell `2.19.1`, `01.04.04`, Surface `234.2312.769`
//   lenovo-<id>   Lenovo `8AET46WW (1.26 )`, `N2HET50W`: the build number after the 4-5 character BIOS ID
//   hpe-<rom>     HPE ProLiant `U46 v2.80`: the ROM family, then the version
// Anything else (`P68`, AMI, coreboot hashes, Intel BIOS IDs, VMware/QEMU strings) is equality-only.
import { decimal, orderedScheme, type Analysis } from '../../version/index.js';

const DOTTED = /^[vV]?(\d+(?:\.\d+)+)$/;
const LENOVO = /^([0-9A-Z]+?)(\d{2})(WW|W)(?:\s*\(\s*(\d+(?:\.\d+)*)\s*\))?$/;
const HPE = /^([A-Z]\d{2})\s+v(\d+)\.(\d+)(?:\s+\(([^()]*)\))?$/;

function numbers(groups: string[]): number[] | undefined {
  const values = groups.map(decimal);
  return values.every((v): v is number => v !== undefined) ? values : undefined;
}

function analyse(text: string): Analysis {
  const dotted = DOTTED.exec(text);
  const dottedParts = dotted && numbers(dotted[1]!.split('.'));
  if (dottedParts) return { parts: dottedParts, family: 'dotted', order: dottedParts };

  const lenovo = LENOVO.exec(text);
  const build = decimal(lenovo?.[2]);
  if (lenovo && build !== undefined && /[A-Z]/.test(lenovo[1]!)) {
    const fields: Record<string, string> = { biosId: lenovo[1]! };
    if (lenovo[4]) fields.display = lenovo[4];
    return { parts: [build], family: `lenovo-${lenovo[1]}`, fields, order: [build] };
  }

  const hpe = HPE.exec(text);
  const hpeParts = hpe && numbers([hpe[2]!, hpe[3]!]);
  if (hpe && hpeParts) {
    const fields: Record<string, string> = { rom: hpe[1]! };
    if (hpe[4]) fields.date = hpe[4];
    return { parts: hpeParts, family: `hpe-${hpe[1]}`, fields, order: hpeParts };
  }

  return { parts: [] };
}

export const dmiBiosScheme = orderedScheme(analyse);
