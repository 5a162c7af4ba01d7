import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlText } from '../../analyzer/classes/ata/smartctl.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

// NVMe drives' smartctl outputs, read through the loaders: test/nvme/tolerant-text.test.ts.
describe('smartctl text as people paste it (real outputs)', () => {
  it('reads CRLF outputs from Windows builds like any other', () => {
    const crlf = real('smartctl/apacer-as340-windows.txt');
    expect(crlf).toContain('\r\n');
    expect(parseSmartctlText(crlf)).toMatchObject({ protocol: 'ATA', model: 'Apacer AS340 240GB', firmware: 'V4.25.0', health: 'PASSED', issues: [] });
  });

  it('records unknown information lines with their line number, and reads the rest', () => {
    const old = parseSmartctlText(real('smartctl/wd-caviar-se-cygwin.txt'));
    expect(old.issues).toEqual([{ line: 22, text: 'Unknown SCT Status format version 1, should be 2 or 3.', message: 'not a "key: value" line of the information section' }]);
    expect(old).toMatchObject({ model: 'WDC WD1600JD-75HBB0', serial: 'WD-WMAL91073786', smartAvailable: true, smartEnabled: true, capacityBytes: 160000000000 });
  });

  it('refuses text that is not smartctl output', () => {
    expect(() => parseSmartctlText('Smartctl open device: /dev/sda failed: No such device\n')).toThrow(/smartctl-text: no information section/);
  });
});
