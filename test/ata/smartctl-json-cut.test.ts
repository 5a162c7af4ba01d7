/**
 * A smartctl -j output cut short (a paste or a thread's stored copy that stops inside it) is read up to its last whole
 * member, and where it was cut is an unread line; before, the whole output was "not valid JSON" and nothing was stored.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlJson } from '../../analyzer/classes/ata/smartctl.js';
import { closeCutJson } from '../../analyzer/parsers/json-output.js';

// henrygd/beszel pull request 1899: a Dell Ent NVMe CM7's smartctl -a --json=c, cut inside nvme_optional_admin_commands.
const CUT = readFileSync(new URL('../nvme/fixtures/real/smartctl/dell-ent-nvme-cm7-beszel1899-json-cut.json', import.meta.url), 'utf8');

describe('a smartctl -j output cut short', () => {
  it('is read up to its last whole member, the cut line named', () => {
    const info = parseSmartctlJson(CUT);
    expect({ protocol: info.protocol, model: info.model, serial: info.serial, firmware: info.firmware, capacity: info.capacityBytes })
      .toEqual({ protocol: 'NVMe', model: 'Dell Ent NVMe CM7 U.2 RI 7.68TB', serial: '9E20A0RE04A3', firmware: '2.0.1', capacity: 7681501126656 });
    expect(info.issues).toEqual([{ line: CUT.trimEnd().split('\n').length, text: '    "secu', message: expect.stringContaining('cut short') }]);
  });

  it('a whole document is never "closed": valid or not, it is what it is', () => {
    expect(closeCutJson('{"a": 1, "b": [1, 2]}')).toBeUndefined();
    expect(closeCutJson('{"a": 1, "b": oops}')).toBeUndefined();
    expect(closeCutJson('{"a": {"b": "x,y", "c": [1, 2')).toBe('{"a": {"b": "x,y", "c": [1]}}');
  });
});
