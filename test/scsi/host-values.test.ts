import { describe, expect, it } from 'vitest';
import { hostVersions, splitLpfcFwrev, symbolicNameFirmware } from '../../analyzer/classes/scsi/host-values.js';

const of = (attrs: Record<string, string>) => (a: string): string | undefined => attrs[a];

describe('SCSI host versions per driver', () => {
  it('lpfc fwrev: the version before the comma and the SLI level after it', () => {
    // insights-core's scsi_fwver parser test: /sys/class/scsi_host/host1/fwrev of an Emulex HBA.
    expect(splitLpfcFwrev('2.02X12 (U3H2.02X12), sli-3')).toEqual({ version: '2.02X12 (U3H2.02X12)', sli: 'sli-3' });
    expect(splitLpfcFwrev('12.8.351.47, sli-4:2:b')).toEqual({ version: '12.8.351.47', sli: 'sli-4:2:b' });
    expect(hostVersions('lpfc', of({ fwrev: '2.02X12 (U3H2.02X12), sli-3', option_rom_version: '5.03a0' }))).toEqual({
      firmware: { attribute: 'fwrev', version: '2.02X12 (U3H2.02X12)' }, sli: 'sli-3', bios: { attribute: 'option_rom_version', version: '5.03a0' },
    });
  });

  it('qla2xxx: running fw_version, flash optrom_fw_version as the stored image, optrom BIOS', () => {
    const v = hostVersions('qla2xxx', of({ fw_version: '8.08.231 (d0d5)', optrom_fw_version: '8.08.231 0', optrom_bios_version: '3.57' }));
    expect(v).toEqual({
      firmware: { attribute: 'fw_version', version: '8.08.231 (d0d5)' }, stored: { attribute: 'optrom_fw_version', version: '8.08.231 0' },
      bios: { attribute: 'optrom_bios_version', version: '3.57' },
    });
  });

  it('mpt3sas: version_fw, version_bios, version_nvdata_persistent', () => {
    expect(hostVersions('mpt3sas', of({ version_fw: '16.00.10.00', version_bios: '08.37.00.00', version_nvdata_persistent: '0e.01.00.07' }))).toEqual({
      firmware: { attribute: 'version_fw', version: '16.00.10.00' }, bios: { attribute: 'version_bios', version: '08.37.00.00' },
      nvdata: { attribute: 'version_nvdata_persistent', version: '0e.01.00.07' },
    });
  });

  it('aacraid keeps its versions under hba_*; bfa under firmware_version and option_rom_version', () => {
    expect(hostVersions('aacraid', of({ hba_kernel_version: '7.8-0[32114]', hba_bios_version: '7.8-0[32114]', hba_monitor_version: '7.8-0[32114]' }))).toMatchObject({
      firmware: { attribute: 'hba_kernel_version' }, bios: { attribute: 'hba_bios_version' },
    });
    expect(hostVersions('bfa', of({ firmware_version: '3.2.5.1', option_rom_version: '3.2.5.1' }))).toMatchObject({ firmware: { version: '3.2.5.1' }, bios: { version: '3.2.5.1' } });
  });

  it('a host without versions, or with empty or placeholder values, has none', () => {
    expect(hostVersions('ahci', of({ link_power_management_policy: 'med_power_with_dipm' }))).toEqual({});
    expect(hostVersions('mpt3sas', of({ version_fw: '', version_bios: 'N/A' }))).toEqual({});
    expect(hostVersions(undefined, of({ fw_version: '5.1' }))).toEqual({ firmware: { attribute: 'fw_version', version: '5.1' } });
  });
});

describe('firmware in an FC port\'s symbolic name', () => {
  it('qla2xxx "<model> FW:v<fw> DVR:v<driver>" and lpfc "Emulex <model> FV<fw> DV<driver> HN:… OS:…"', () => {
    expect(symbolicNameFirmware('QLE2562 FW:v8.08.231 DVR:v10.02.09.100-k')).toBe('8.08.231');
    expect(symbolicNameFirmware('Emulex LPe12002 FV2.02X12 DV14.0.0.4 HN:node1 OS:Linux')).toBe('2.02X12');
    expect(symbolicNameFirmware('fcoe v0.1 over eth2')).toBeUndefined();
  });
});
