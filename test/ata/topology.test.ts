import { describe, expect, it } from 'vitest';
import { ataDeviceOf, ataDiskPath, ataLinkOf } from '../../collector/classes/ata/topology.js';

describe('ata topology from sysfs link targets', () => {
  it('maps a disk on a host link to devP.<scsi id>', () => {
    const disk = ataDiskPath('../devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0/block/sdb')!;
    expect(disk).toEqual({ port: 'ata3', printId: 3, hctl: '2:0:0:0', channel: 0, id: 0 });
    expect(ataDeviceOf(disk, ['dev1.0', 'dev3.0', 'dev4.0'])).toBe('dev3.0');
  });

  it('maps a disk behind a port multiplier to devP.<channel>.0', () => {
    const disk = ataDiskPath('../devices/pci0000:00/0000:00:1f.2/ata5/host4/target4:2:0/4:2:0:0/block/sdd')!;
    expect(ataDeviceOf(disk, ['dev5.0.0', 'dev5.1.0', 'dev5.2.0', 'dev5.15'])).toBe('dev5.2.0');
    expect(ataLinkOf('../../devices/pci0000:00/0000:00:1f.2/ata5/link5.2/dev5.2.0/ata_device/dev5.2.0')).toBe('link5.2');
  });

  it('finds no ATA device for NVMe, virtio or SAS disks', () => {
    expect(ataDiskPath('../devices/pci0000:00/0000:00:02.0/virtio1/block/vda')).toBeUndefined();
    expect(ataDiskPath('../devices/pci0000:ae/0000:ae:00.0/0000:af:00.0/nvme/nvme0/nvme0n1')).toBeUndefined();
    expect(ataDiskPath('../devices/pci0000:00/0000:00:01.0/0000:01:00.0/host0/port-0:0/end_device-0:0/target0:0:0/0:0:0:0/block/sda')).toBeUndefined();
    expect(ataDeviceOf({ port: 'ata1', printId: 1, hctl: '0:0:0:0', channel: 0, id: 0 }, ['dev2.0'])).toBeUndefined();
  });
});
