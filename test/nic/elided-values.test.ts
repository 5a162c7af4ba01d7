/**
 * A how-to's example of ethtool -i with its values left as `...` (a modem guide's cdc_mbim example: `version: ...`,
 * `firmware-version: ...`, `bus-info: ...`): before, `...` was stored as the firmware version and the device keyed
 * `net:bus/...`. A value a person cut out or left as a placeholder is no value.
 */
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { replaySaved } from '../helpers/replay-tree.js';

const EXAMPLE = 'Example:\n\n```text\ndriver: cdc_mbim\nversion: ...\nfirmware-version: ...\nbus-info: ...\n```\n';

describe('ethtool -i values cut out or left as placeholders', () => {
  it.each(['...', '…', '[...]', '<snip>'])('%s is no value', (cut) => {
    const r = parseEthtoolInfoText(`driver: igb\nversion: 5.6.0-k\nfirmware-version: ${cut}\nbus-info: 0000:02:00.0\n`);
    expect(r.driver).toBe('igb');
    expect(r.fwVersion).toBeUndefined();
    expect(r.busInfo).toBe('0000:02:00.0');
  });

  it('the guide\'s example stores no firmware "..." and keys no device by "..."', async () => {
    const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', EXAMPLE);
    try {
      expect(db.prepare(`SELECT version FROM firmware`).all()).toEqual([]);
      expect(db.prepare(`SELECT device_key FROM devices WHERE device_key LIKE '%...%'`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
