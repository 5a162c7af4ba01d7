/**
 * A person's words in Chinese after the values of a pasted ethtool -i (the real Chinese notes on a HiSilicon hns port:
 * `driver: hns 驱动`, `version: 2.0 驱动版本`, one space apart): before, the words were stored as part of the driver's
 * name and version, a person's note taken for a tool's value.
 */
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';

const OUTPUT = (driver: string, version: string): string =>
  `me@ubuntu:~$ ethtool -i enahisic2i0\ndriver: ${driver}\nversion: ${version}\nfirmware-version: N/A\nexpansion-rom-version:\nbus-info: platform\nsupports-statistics: yes\n`;

describe('a note in Chinese, Japanese or Korean after an ethtool -i value', () => {
  it.each([
    ['hns 驱动', '2.0 驱动版本'],
    ['hns  驱动', '2.0\t驱动版本'],
    ['hns ドライバ', '2.0 드라이버 버전'],
    // The person's note, then one the copy's reader added after it (the paste sweep's `notes after values` form).
    ['hns 驱动   <-- old', '2.0 驱动版本  # the firmware'],
  ])('driver: %s / version: %s: the value alone is stored', (driver, version) => {
    const r = parseEthtoolInfoText(OUTPUT(driver, version));
    const text = JSON.stringify(r);
    expect(text).toContain('"driver":"hns"');
    expect(text).toContain('"version":"2.0"');
  });

  it('a value that is itself in those scripts after its label stays the value', () => {
    const r = parseEthtoolInfoText(OUTPUT('hns', '驱动版本'));
    expect(JSON.stringify(r)).toContain('"version":"驱动版本"');
  });
});
