// A USB device's bcdDevice (release number), stored as 0x%04x: a 16-bit number the kernel's USB_DEVICE_VER
// tables compare as an integer. 0x0000 and 0xffff are real release numbers here, not placeholders.
import { encodeUint, sign, type SchemeHandler } from '../../version/index.js';

const SHAPE = /^0x([0-9a-f]{4})$/i;

export const usbBcdScheme: SchemeHandler = {
  keepsSentinels: true,
  parse(text) {
    const m = SHAPE.exec(text);
    return m ? { parts: [parseInt(m[1]!, 16)] } : { parts: [], malformed: 'not a 16-bit bcdDevice written 0x%04x' };
  },
  compare: (a, b) => sign(a.parts[0]! - b.parts[0]!),
  key: (v) => encodeUint(v.parts[0]!),
};
