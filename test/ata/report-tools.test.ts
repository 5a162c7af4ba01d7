import { describe, expect, it } from 'vitest';
import { SUPPORTCONFIG, SUPPORTCONFIG_TOP, all, imported, logCmd, real, settings } from '../import/report-import.js';
import { sosFileName, sosMarkers } from '../import/report-builder.js';

describe('hdparm from a report → ATA devices', () => {
  it('hdparm -I (any report holding it) gives the drive with its IDENTIFY settings; supportconfig\'s hdparm -vi the identity', async () => {
    const sos = await imported({ ...sosMarkers('4.12'), [`sos_commands/ata/${sosFileName(['hdparm', '-I', '/dev/sdb'])}`]: real('ata/fixtures/report-outputs/hdparm/intel-ssdsc2kw512g8-I.txt') });
    expect(sos.artifacts.get('cmd/hdparm/-I_%2fdev%2fsdb.out')).toEqual({ path: 'sos_commands/ata/hdparm_-I_.dev.sdb' });
    expect(all(sos.db, `SELECT device_key, class, model, serial FROM devices WHERE class = 'ata'`)).toEqual([{ device_key: 'ata:sdb', class: 'ata', model: 'INTEL SSDSC2KW512G8', serial: 'PHLA75210153512DGN' }]);
    expect(all(sos.db, `SELECT version FROM firmware WHERE device_key = 'ata:sdb'`)).toEqual([{ version: 'LHF002C' }]);
    expect(settings(sos.db, 'ata:sdb', 'ata')).toMatchObject({ trim: '1', zeroes_after_trim: '1', queue_depth: '32', rotation_rate: 'non-rotating', 'security.frozen': '1', 'security.locked': '0' });

    const sc = await imported({
      ...SUPPORTCONFIG,
      'fs-diskio.txt': logCmd('/sbin/hdparm -vi /dev/sdb', real('ata/fixtures/report-outputs/hdparm/intel-ssdsc2kw512g8-i.txt')),
    }, SUPPORTCONFIG_TOP);
    expect(all(sc.db, `SELECT device_key, model, serial FROM devices WHERE class = 'ata'`)).toEqual([{ device_key: 'ata:sdb', model: 'INTEL SSDSC2KW512G8', serial: 'PHLA75210153512DGN' }]);
    expect(all(sc.db, `SELECT version FROM firmware WHERE device_key = 'ata:sdb'`)).toEqual([{ version: 'LHF002C' }]);
  });
});
