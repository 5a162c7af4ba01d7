import { describe, expect, it } from 'vitest';
import { parseFwLogText } from '../../analyzer/classes/nvme/nvme-text.js';

/**
 * `nvme fw-log /dev/nvme0n1` as Debian 11's nvme-cli printed it in the QEMU lab guest (QEMU's emulated NVMe
 * controller, firmware revision "1.0" space-padded to 8 bytes; found by the sosreport import differential,
 * test/lab/scenarios/sos-import.ts). The binary log gives "1.0"; so must the text.
 */
const LAB_OUTPUT = 'Firmware Log for device:nvme0n1\nafi  : 0x1\nfrs1 : 0x2020202020302e31 (1.0.....)\n';

describe('nvme fw-log text: a space-padded revision', () => {
  it('is read from the hex value, as the binary log is, not from the dots nvme-cli prints for the spaces', () => {
    expect(parseFwLogText(LAB_OUTPUT)).toEqual({ activeSlot: 1, nextResetSlot: null, slots: { 1: '1.0' }, issues: [] });
  });
});

/**
 * nvme-cli 1.14.68 printed each slot's address in memory where the field's value goes (nvme-cli issue 1321, an Intel
 * SSDPEKKF512G8): the hex decodes to no revision, and the text beside it is the slot's revision with its padding as dots.
 */
const ADDRESS_PRINTED = [
  'Firmware Log for device:nvme0n1',
  'afi  : 0x11',
  'frs1 : 0x007ffff10a57a8 (D03N....)',
  'frs2 : 0x007ffff10a57b0 (D03N....)',
  'frs3 : 0x007ffff10a57b8 (........)',
  'frs7 : 0x007ffff10a57d8 (........)',
].join('\n');

describe('nvme fw-log text: an address printed for the value', () => {
  it('reads the revision from the text beside it, and a slot of dots alone as empty', () => {
    expect(parseFwLogText(ADDRESS_PRINTED)).toEqual({ activeSlot: 1, nextResetSlot: 1, slots: { 1: 'D03N', 2: 'D03N' }, issues: [] });
  });
});
