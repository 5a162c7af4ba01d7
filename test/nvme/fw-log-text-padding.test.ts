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
