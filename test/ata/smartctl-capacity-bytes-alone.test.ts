import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs } from '../../analyzer/classes/ata/smartctl.js';

/**
 * smartctl 5.x printed a drive's capacity as its bytes alone (`User Capacity:    80,026,361,856 bytes`, real outputs of
 * 5.36–5.38 pasted into forums and mailing lists); releases from 5.40 on add the size in brackets. The bytes alone
 * were not stored at all.
 */
const info = (capacity: string): string => `smartctl version 5.37 [i686-pc-linux-gnu] Copyright (C) 2002-6 Bruce Allen
Home page is http://smartmontools.sourceforge.net/

=== START OF INFORMATION SECTION ===
Device Model:     ST980811AS
Serial Number:    5LYB510R
Firmware Version: 3.ALC
User Capacity:    ${capacity}
Device is:        Not in smartctl database [for details use: -P showall]
ATA Version is:   7
ATA Standard is:  Exact ATA specification draft version not indicated
Local Time is:    Sun Sep 21 00:02:36 2008 EST
SMART support is: Available - device has SMART capability.
SMART support is: Enabled
`;
const capacity = (v: string): number | undefined => parseSmartctlOutputs(info(v)).outputs[0]!.capacityBytes;

describe('smartctl User Capacity', () => {
  it('the bytes alone, as smartctl 5.x printed them, in any locale separator', () => {
    expect(capacity('80,026,361,856 bytes')).toBe(80026361856);
    expect(capacity('160 041 885 696 bytes')).toBe(160041885696);
    expect(capacity('1,000,204,886,016 bytes')).toBe(1000204886016);
  });

  it('the bytes and the size in brackets, as later releases print them', () => {
    expect(capacity('80,026,361,856 bytes [80.0 GB]')).toBe(80026361856);
    expect(capacity('500.107.862.016 bytes [500 GB]')).toBe(500107862016);
  });

  it('a value cut inside its number, or words, is no capacity', () => {
    expect(capacity('80,026,36')).toBeUndefined();
    expect(capacity('unknown')).toBeUndefined();
  });
});
