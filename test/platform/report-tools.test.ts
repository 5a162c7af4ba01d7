import { describe, expect, it } from 'vitest';
import { SUPPORTCONFIG, SUPPORTCONFIG_TOP, all, imported, logCmd, real, settings } from '../import/report-import.js';
import { sosFileName, sosMarkers } from '../import/report-builder.js';

describe('dmidecode from a report → the platform device', () => {
  it('sosreport without /sys/class/dmi/id: model, serial, BIOS firmware and DMI settings from sos_commands/hardware/dmidecode', async () => {
    const { db, artifacts } = await imported({ ...sosMarkers('4.12'), [`sos_commands/hardware/${sosFileName(['dmidecode'])}`]: real('platform/fixtures/real/dmidecode/rhev-kvm-3.0.txt') });
    expect(artifacts.get('cmd/dmidecode/_.out')).toEqual({ path: 'sos_commands/hardware/dmidecode' });
    expect(all(db, `SELECT device_key, model, serial FROM devices WHERE class = 'platform'`)).toEqual([{ device_key: 'platform', model: 'Red Hat RHEV Hypervisor', serial: '34353737-3035-4E43-3734-353130425732' }]);
    expect(all(db, `SELECT component, version, artifact FROM firmware WHERE device_key = 'platform'`)).toEqual([{ component: 'bios', version: '1.9.1-5.el7_3.2', artifact: 'cmd/dmidecode/_.out' }]);
    expect(settings(db, 'platform', 'dmi')).toMatchObject({ bios_vendor: 'SeaBIOS', bios_date: '04/01/2014', bios_date_iso: '2014-04-01', chassis_type: '1', product_family: 'Red Hat Enterprise Linux' });
  });

  it('supportconfig: dmidecode in hardware.txt; placeholder serials are no serial', async () => {
    const { db, artifacts } = await imported({
      ...SUPPORTCONFIG,
      'hardware.txt': logCmd('/usr/sbin/dmidecode', real('platform/fixtures/real/dmidecode/poweredge-r440-3.6.txt')),
    }, SUPPORTCONFIG_TOP);
    expect(artifacts.get('cmd/dmidecode/_.out')?.path).toMatch(/^hardware\.txt:\d+$/);
    expect(all(db, `SELECT model, serial FROM devices WHERE device_key = 'platform'`)).toEqual([{ model: 'Dell Inc. PowerEdge R440', serial: null }]);
    expect(all(db, `SELECT version FROM firmware WHERE device_key = 'platform' AND component = 'bios'`)).toEqual([{ version: '2.18.1' }]);
    expect(settings(db, 'platform', 'dmi')).toMatchObject({ board_name: '0WKGTH', board_version: 'A04', chassis_type: '23', bios_release: '2.18' });
  });
});
