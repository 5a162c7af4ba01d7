/**
 * smartctl -j pasted as Markdown inline code: one backtick right before the opening brace (`` `{ ``), the closing one
 * after the last (GitHub renders a code span across lines), with a person's words above it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmartctlJson } from '../../analyzer/classes/ata/smartctl.js';
import { looksLikeJson } from '../../analyzer/parsers/json-output.js';

const REAL = join(import.meta.dirname, 'fixtures/real/smartctl');

describe('smartctl -j opened by a backtick', () => {
  it('a real one cut short under "and temp.log" (hassio-hdd-tools issue 59) is JSON, read up to its last whole member', () => {
    const text = readFileSync(join(REAL, 'verbatim-vi550-s3-hassio59-inline-backtick-json-cut.json'), 'utf8');
    expect(looksLikeJson(text)).toBe(true);
    const info = parseSmartctlJson(text);
    expect({ model: info.model, serial: info.serial, firmware: info.firmware, protocol: info.protocol }).toEqual({
      model: 'Verbatim Vi550 S3', serial: '4935015148305831', firmware: 'U1124A0', protocol: 'ATA',
    });
    expect(info.issues).toHaveLength(1);
  });

  it('a whole one, closed by a backtick after its last brace, with or without words above', () => {
    const doc = '{\n  "json_format_version": [1, 0],\n  "device": {"name": "/dev/sda", "protocol": "ATA"},\n  "model_name": "CT120BX500SSD1",\n  "firmware_version": "M6CR013",\n  "smart_status": {"passed": true}\n}';
    for (const text of [`\`${doc}\``, `Here it is:\n\`${doc}\`\n`]) {
      const info = parseSmartctlJson(text);
      expect({ model: info.model, health: info.health, issues: info.issues }).toEqual({ model: 'CT120BX500SSD1', health: 'PASSED', issues: [] });
    }
  });
});
