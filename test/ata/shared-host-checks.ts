import { expect, it } from 'vitest';
import { ataDeviceOf, ataDiskPath } from '../../collector/classes/ata/topology.js';
import { FAKEHOST } from '../../collector/fake-host/fakehost-facts.js';
import type { SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** ATA string from IDENTIFY words: two characters per word, high byte first, trailing spaces dropped. */
function ataString(words: number[], first: number, count: number): string {
  let s = '';
  for (let i = first; i < first + count; i++) s += String.fromCharCode(words[i]! >> 8, words[i]! & 0xff);
  return s.trimEnd();
}

/** What the ata source collects and loads from the shared fake host (its disks: collector/classes/ata/fake-host.ts). */
export const ataSharedHost: SharedHostChecks = {
  name: 'ata',
  // dev2.0 is an empty port (class "none"): collected, but no device.
  source: { status: 'ok', devices: { block: FAKEHOST.blocks.length, ata: 1 } },
  // ata has two parts (block devices, saved smartctl outputs): skipped only when both are, with both reasons.
  bare: { status: 'skipped', reason: expect.stringMatching(/^block: no block devices in the tree; smartctl: no smartctl outputs/) },
  lost: { dirs: ['sys/class/ata_device', 'sys/class/ata_link', 'sys/class/ata_port'], source: { status: 'ok', devices: { block: FAKEHOST.blocks.length } } },
  collected(host) {
    it('ata: stores the ATA disk\'s full IDENTIFY, whose model and firmware are the libata-quirked drive', () => {
      const { bundle: b } = host();
      const facts = FAKEHOST;
      const id = b.text(`sys/class/ata_device/${facts.sataSsd.device}/id`);
      const words = id.trim().split(/\s+/).map((w) => Number.parseInt(w, 16));
      expect(words).toHaveLength(256);
      expect(ataString(words, 27, 20)).toBe(facts.sataSsd.model);
      expect(ataString(words, 23, 4)).toBe(facts.sataSsd.firmware);
      expect(ataString(words, 10, 10)).toBe(facts.sataSsd.serial);
      expect(words.reduce((s, w) => s + (w & 0xff) + (w >> 8), 0) & 0xff).toBe(0);
      expect(b.text(`sys/class/ata_device/${facts.sataSsd.device}/trim`)).toBe('forced_unqueued\n');
      // The SCSI view truncates both strings, which is why IDENTIFY is collected.
      expect(b.text('sys/block/sda/device/model')).toBe('Crucial_CT512MX1\n');
      expect(b.text('sys/block/sda/device/rev')).toBe('MU01\n');
    });

    it('ata: stores the links that map the disk to its ATA device, link and port, and the LPM and provisioning settings', () => {
      const { bundle: b } = host();
      const disk = ataDiskPath(b.text('sys/block/sda/.link'));
      const ataDevices = [...b.entries.keys()].filter((n) => /^sys\/class\/ata_device\/[^/]+\/\.link$/.test(n)).map((n) => n.split('/').at(-2)!);
      expect(disk && ataDeviceOf(disk, ataDevices)).toBe(FAKEHOST.sataSsd.device);
      expect(b.text('sys/class/ata_device/dev1.0/.link')).toContain('/ata1/link1/dev1.0/');
      expect(b.text('sys/class/ata_link/link1/sata_spd')).toBe('6.0 Gbps\n');
      expect(b.text('sys/class/ata_port/ata1/port_no')).toBe('1\n');
      expect(b.text('sys/class/scsi_host/host0/link_power_management_policy')).toBe('med_power_with_dipm\n');
      expect(b.text('sys/class/scsi_disk/0:0:0:0/provisioning_mode')).toBe('writesame_16\n');
      expect(b.text('sys/block/sda/queue/scheduler')).toBe('[mq-deadline] kyber bfq none\n');
      expect(b.text('sys/block/sda/queue/discard_max_bytes')).toBe('2147450880\n');
      expect(b.text('sys/block/nvme0n1/device/.link')).toBe('../../nvme0');
      expect(b.text('sys/block/nvme0n1/wwid')).toBe('eui.36344730526019530025384500000001\n');
    });
  },
  loaded(host) {
    it('ata: maps the SATA disk to its ATA device and records IDENTIFY facts and the kernel trim decision', () => {
      const { device, firmware, setting } = host();
      // parent_key points from child to parent: the disk to its drive, the drive to its controller.
      expect(device('block:sda')).toMatchObject({ class: 'block', pci_address: '0000:00:17.0', parent_key: 'ata:dev1.0' });
      expect(device('block:nvme0n1')).toMatchObject({ parent_key: 'nvme:nvme0' });
      expect(device('ata:dev1.0')).toMatchObject({ class: 'ata', parent_key: '0000:00:17.0', model: 'Crucial_CT512MX100SSD1' });
      expect(device('ata:dev2.0')).toBeUndefined();
      expect(firmware('ata:dev1.0')).toEqual([{ component: 'firmware', version: 'MU01', state: 'running' }]);
      expect(setting('ata:dev1.0', 'ata', 'trim_mode')).toBe('forced_unqueued');
      expect(setting('ata:dev1.0', 'ata', 'ncq')).toBe('1');
      expect(setting('ata:dev1.0', 'ata', 'lpm_policy')).toBeDefined();
      expect(setting('block:sda', 'queue', 'scheduler')).toBe('mq-deadline');
      expect(setting('block:sda', 'queue', 'rotational')).toBe('0');
    });
  },
};
