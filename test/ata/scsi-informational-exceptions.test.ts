/**
 * A SCSI drive's informational exception as smartctl gives it: the text line `SMART Health Status: <exception> [asc=5d,
 * ascq=0]` (upper case up to 7.3, mixed case since 7.4: scsicmds.cpp scsiGetIEString), and in -j `smart_status.passed:
 * false` with `smart_status.scsi` {asc, ascq, ie_string} (scsiprint.cpp, 7.0 to 7.5). The verdict stored keeps the sense
 * codes, so a test-mode exception (5d/ff) or a warning (asc 0b) is told from a failure prediction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmartctlJson } from '../../analyzer/classes/ata/smartctl.js';

// A real smartctl 7.4 -j of an HP MAS3735NC SAS drive (in the corpus), its smart_status replaced by the forms smartctl writes.
const DRIVE = JSON.parse(readFileSync(join('test', 'ata/fixtures/real/smartctl/hp-mas3735nc-sas-json-smartctl74.json'), 'utf8')) as Record<string, unknown>;
const withStatus = (status: unknown): string => JSON.stringify({ ...DRIVE, smart_status: status }, null, 2);

describe('smartctl -j of a SCSI drive raising an informational exception', () => {
  it.each([
    [{ passed: false, scsi: { asc: 93, ascq: 0, ie_string: 'FAILURE PREDICTION THRESHOLD EXCEEDED' } }, 'FAILURE PREDICTION THRESHOLD EXCEEDED [asc=5d, ascq=0]'],
    [{ passed: false, scsi: { asc: 93, ascq: 255, ie_string: 'FAILURE PREDICTION THRESHOLD EXCEEDED (FALSE)' } }, 'FAILURE PREDICTION THRESHOLD EXCEEDED (FALSE) [asc=5d, ascq=ff]'],
    [{ passed: false, scsi: { asc: 11, ascq: 1, ie_string: 'Warning - specified temperature exceeded' } }, 'Warning - specified temperature exceeded [asc=b, ascq=1]'],
  ])('%j is stored as the text line prints it', (status, health) => {
    expect(parseSmartctlJson(withStatus(status)).health).toBe(health);
  });

  it('a verdict without sense codes is PASSED or FAILED as before', () => {
    expect(parseSmartctlJson(withStatus({ passed: true })).health).toBe('PASSED');
    expect(parseSmartctlJson(withStatus({ passed: false })).health).toBe('FAILED');
    expect(parseSmartctlJson(withStatus({ passed: false, scsi: { ie_string: 'no codes' } })).health).toBe('FAILED');
  });
});
