import { describe, expect, it } from 'vitest';
import { SUPPORTCONFIG, SUPPORTCONFIG_TOP, all, imported, logCmd, real } from '../import/report-import.js';
import { sosFileName, sosMarkers } from '../import/report-builder.js';

describe('nvme list from a report → NVMe controllers', () => {
  it('a supportconfig\'s `nvme list` (nvme.txt): model, serial and firmware per controller', async () => {
    const { db } = await imported({
      ...SUPPORTCONFIG,
      'nvme.txt': logCmd('/usr/sbin/nvme list', real('nvme/fixtures/report-outputs/nvme-list/intel-600p-lkml.txt')),
    }, SUPPORTCONFIG_TOP);
    expect(all(db, `SELECT device_key, model, serial FROM devices WHERE class = 'nvme'`)).toEqual([{ device_key: 'nvme:nvme0', model: 'INTEL SSDPEKKW512G7', serial: 'BTPY65250EQN512F' }]);
    expect(all(db, `SELECT version, state, artifact FROM firmware WHERE device_key = 'nvme:nvme0'`)).toEqual([{ version: 'PSF121C', state: 'running', artifact: 'cmd/nvme/list.out' }]);
  });

  it('a sosreport with nvme list and id-ctrl for the same controller: id-ctrl\'s row stands, nvme list adds only the controller id-ctrl did not cover', async () => {
    const idCtrl = real('nvme/fixtures/real/id-ctrl/samsung-pm1733-notes-H.txt');
    const { db } = await imported({
      ...sosMarkers('4.12'),
      'sos_commands/nvme/nvme_list': real('nvme/fixtures/report-outputs/nvme-list/intel-600p-lkml.txt').replace('nvme0n1', 'nvme1n1'),
      [`sos_commands/nvme/${sosFileName(['nvme', 'id-ctrl', '-H', '/dev/nvme0n1'])}`]: idCtrl,
    });
    const rows = all(db, `SELECT device_key, model FROM devices WHERE class = 'nvme' ORDER BY device_key`);
    expect(rows.map((r) => r.device_key)).toEqual(['nvme:nvme0', 'nvme:nvme1']);
    expect(rows[1]).toEqual({ device_key: 'nvme:nvme1', model: 'INTEL SSDPEKKW512G7' });
  });

  it('a sosreport\'s nvme id-ns -H of a namespace: the namespace is stored on its block device under the controller', async () => {
    const { db } = await imported({
      ...sosMarkers('4.12'),
      [`sos_commands/nvme/${sosFileName(['nvme', 'id-ns', '-H', '/dev/nvme0n1'])}`]: real('nvme/fixtures/real/id-ns/intel-optane-m10-cm4-cli1.12-H.txt'),
    });
    expect(all(db, `SELECT device_key, class, parent_key FROM devices WHERE device_key LIKE 'block:%'`)).toEqual([{ device_key: 'block:nvme0n1', class: 'block', parent_key: 'nvme:nvme0' }]);
    expect(all(db, `SELECT value FROM settings WHERE device_key = 'block:nvme0n1' AND namespace = 'nvme.id-ns' AND key = 'size_bytes'`)).toEqual([{ value: '29260513280' }]);
  });
});
