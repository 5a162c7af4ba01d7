import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs } from '../../analyzer/classes/ata/smartctl.js';

/**
 * smartctl piped to grep keeps no banner and no section heading: a real Portuguese guide's `smartctl -a /dev/nvme0n1 |
 * grep -E 'Model|Capacity|Percentage Used'` of a KIOXIA BG5 (storage trial 14), and an ATA drive's grep alike.
 */
const BG5 = "```terminal\n$ sudo smartctl -a /dev/nvme0n1 | grep -E 'Model|Capacity|Percentage Used'\nModel Number:                       KIOXIA BG5 KBG50ZNV512G\nTotal NVM Capacity:                 512.110.190.592 [512 GB]\nPercentage Used:                    3%\n```\n";

describe('smartctl through grep, typed above its lines', () => {
  it('reads the information lines it kept (model, capacity), the SMART/Health line as smartctl\'s', () => {
    const info = parseSmartctlOutputs(BG5).outputs[0]!;
    expect([info.protocol, info.model, info.capacityBytes, info.issues]).toEqual(['NVMe', 'KIOXIA BG5 KBG50ZNV512G', 512110190592, []]);
  });

  it('an ATA drive\'s grep of model, serial and firmware', () => {
    const text = "# smartctl -i /dev/sda | grep -E 'Model|Serial|Firmware'\nModel Family:     Samsung based SSDs\nDevice Model:     Samsung SSD 850 EVO 250GB\nSerial Number:    S2R5NX0H600000X\nFirmware Version: EMT02B6Q\n";
    const info = parseSmartctlOutputs(text).outputs[0]!;
    expect([info.protocol, info.model, info.serial, info.firmware, info.issues]).toEqual(['ATA', 'Samsung SSD 850 EVO 250GB', 'S2R5NX0H600000X', 'EMT02B6Q', []]);
  });

  it('without a grep typed above, lines with no banner are still not taken for smartctl\'s', () => {
    expect(() => parseSmartctlOutputs('Model Number:                       KIOXIA BG5 KBG50ZNV512G\nPercentage Used:                    3%\n')).toThrow(/not smartctl output/);
  });
});
