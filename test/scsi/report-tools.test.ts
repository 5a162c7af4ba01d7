import { describe, expect, it } from 'vitest';
import { all, imported, real, settings } from '../import/report-import.js';
import { sosMarkers } from '../import/report-builder.js';

describe('lsscsi from a report → SCSI devices', () => {
  it('sos\'s `lsscsi` file (lsscsi -i) and lsscsi -H: devices with vendor, model, type and revision, hosts with their driver', async () => {
    const { db, artifacts } = await imported({
      ...sosMarkers('4.12'),
      'sos_commands/scsi/lsscsi': real('scsi/fixtures/real/lsscsi-insights-core.txt'),
      'sos_commands/scsi/lsscsi_-H': '[0]    ahci\n[1]    iscsi_tcp\n[3]    mptsas\n',
    });
    expect(artifacts.get('cmd/lsscsi/_.out')).toEqual({ path: 'sos_commands/scsi/lsscsi' });
    expect(all(db, `SELECT device_key, driver FROM devices WHERE class = 'scsi_host' ORDER BY device_key`)).toEqual([
      { device_key: 'scsi_host:host0', driver: 'ahci' }, { device_key: 'scsi_host:host1', driver: 'iscsi_tcp' }, { device_key: 'scsi_host:host3', driver: 'mptsas' },
    ]);
    expect(all(db, `SELECT d.device_key, d.model, d.parent_key, f.version FROM devices d JOIN firmware f ON f.device_key = d.device_key WHERE d.class = 'scsi' ORDER BY d.device_key`)).toEqual([
      { device_key: 'scsi:1:0:0:0', model: 'Controller', parent_key: 'scsi_host:host1', version: '0001' },
      { device_key: 'scsi:1:0:0:1', model: 'VIRTUAL-DISK', parent_key: 'scsi_host:host1', version: '0001' },
      { device_key: 'scsi:3:0:5:0', model: 'C5713A', parent_key: 'scsi_host:host3', version: 'H910' },
    ]);
    expect(settings(db, 'scsi:3:0:5:0', 'scsi')).toEqual({ vendor: 'HP', type: '1' });
  });
});
