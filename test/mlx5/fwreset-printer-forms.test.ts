/**
 * mlxfwreset/mstfwreset query forms its printers have across mstflint releases, laid out as each prints them:
 * v4.11.0-1 small_utils/mstfwreset.py queryResetLvl (`Supported reset levels for loading FW on device, <dev>:` above
 * `%d: %-50s-%s` lines, no `Reset-levels:` heading), and v4.36.0-1 small_utils/mlxfwresetlib (cmd_reg_mroq.py's
 * `Reset request method (relevant only for reset-level 3):`, cmd_reg_mrsi.py's `Reset-reason:` and
 * `Timestamp (number of clock cycles) since last cold reset:` lines).
 */
import { describe, expect, it } from 'vitest';
import { parseFwResetQuery } from '../../analyzer/classes/mlx5/fwreset-query.js';

describe('mlxfwreset query forms of the printers', () => {
  it('v4.11: the levels under `Supported reset levels for loading FW on device, …:`', () => {
    const line = (n: number, d: string, s: string): string => `${n}: ${d.padEnd(50)}-${s}`;
    const q = parseFwResetQuery([
      '', 'Supported reset levels for loading FW on device, /dev/mst/mt4117_pciconf0:', '',
      line(0, 'Full ISFU', 'Not Supported'), line(1, 'Driver restart (link/management will remain up)', 'Not Supported'),
      line(2, 'Driver restart (link/management will be down)', 'Not Supported'), line(3, 'Driver restart and PCI reset ', 'Supported'),
      line(4, 'Warm Reboot', 'Supported'), line(5, 'Cold Reboot', 'Supported'), '',
    ].join('\n'));
    expect(q.issues).toEqual([]);
    expect(q.options.map((o) => [o.list, o.number, o.supported])).toEqual([
      ['level', 0, false], ['level', 1, false], ['level', 2, false], ['level', 3, true], ['level', 4, true], ['level', 5, true],
    ]);
    expect(q.options[3]!.description).toBe('Driver restart and PCI reset');
  });

  it('v4.36: the request-method list, and the last reset’s reason and timestamp are no unknown lines', () => {
    const row = (n: number, d: string, s: string, def = ''): string => `${n}: ${d.padEnd(62)}-${s.padEnd(14)}${def}`;
    const q = parseFwResetQuery([
      'Reset-levels:', row(0, 'Driver, PCI link, network link will remain up ("live-Patch")', 'Supported'),
      row(3, 'Driver restart and PCI reset', 'Supported', '(default)'), row(4, 'Warm Reboot', 'Supported'), '',
      'Reset-types (relevant only for reset-levels 1,3,4):', row(0, 'Full chip reset', 'Supported', '(default)'), row(1, 'Phy-less reset (keep network port active during reset)', 'Not Supported'), '',
      'Reset sync (relevant only for reset-level 3):', row(0, 'Tool is the owner', 'Not Supported'), row(1, 'Driver is the owner', 'Supported', '(default)'), '',
      'Reset request method (relevant only for reset-level 3):', row(0, 'Link Disable', 'Supported', '(default)'), row(1, 'Hot reset (SBR)', 'Supported'), '',
      `Reset-reason: ${''.padEnd(51)}Warm reset    `, `Timestamp (number of clock cycles) since last cold reset: ${''.padEnd(7)}123456789012  `, '',
    ].join('\n'));
    expect(q.issues).toEqual([]);
    expect(q.options.filter((o) => o.list === 'method').map((o) => [o.number, o.supported, o.isDefault])).toEqual([[0, true, true], [1, true, false]]);
  });
});
