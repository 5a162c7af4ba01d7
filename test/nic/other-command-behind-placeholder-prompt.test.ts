/**
 * A patch's "Tested:" session with the host and interface replaced by placeholders (the real stmmac KASAN fix:
 * `<machine_obfuscated>:~# ethtool -i <interface_obfuscated>`, then `ethtool -S` behind the same prompt and its
 * statistics). The text layer takes no such line for a prompt; before, ethtool -S's command and each statistic were
 * unread lines one by one. Another ethtool command behind a prompt's sign is that command's output, noted once.
 */
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';

const SESSION = (prompt: string, other: string): string =>
  `Tested:\n${prompt} ethtool -i <interface_obfuscated>\ndriver: st_gmac\n${prompt} ${other}\nNIC statistics:\n     ATPES: 0\n     TPES: 0\n     q0_rx_irq_n: 58\n`;

describe('another ethtool command behind a prompt the text layer does not know', () => {
  it.each([
    ['<machine_obfuscated>:~#', 'ethtool -S <interface_obfuscated>'],
    ['<host>$', 'sudo ethtool -S eth0'],
  ])('%s %s: its output is another command\'s, no unread line of ethtool -i', (prompt, other) => {
    const r = parseEthtoolInfoText(SESSION(prompt, other));
    expect(r.driver).toBe('st_gmac');
    // Lines 4 to 8: the other command and its output (`Tested:` above is the writer's, told apart when the paste is loaded).
    expect(r.issues.filter((i) => i.line >= 4)).toEqual([{ line: 4, text: `${prompt} ${other}`, message: `5 line(s) of the output of "${prompt} ${other}" not read` }]);
  });
});

describe("a report's Markdown heading naming ethtool", () => {
  it('`## ethtool (eth0)` is no prompt', () => {
    const r = parseEthtoolInfoText('## ethtool (eth0)\n        Speed: Unknown!\n        Link detected: no\n\n## driver (eth0)\ndriver: macb\nbus-info: 1f00100000.ethernet\n');
    expect(r.driver).toBe('macb');
    expect(r.issues.some((i) => i.message.includes('the output of "## ethtool'))).toBe(false);
  });
});
