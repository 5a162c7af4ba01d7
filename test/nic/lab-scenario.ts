import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { parseDrvinfo, parseRegsHeader } from '../../analyzer/classes/nic/ethtool.js';
import type { LabRun } from '../lab/lab-machine.js';
import type { LabMachinePart } from '../lab/harness/machine-part.js';

export const NIC_MAC = '52:54:00:f5:1a:b0';

/** The e1000e behind a PCIe 1.0 x1 root port (the pci scenario reads its link; the Ansible phase reaches the guest through it). */
export const nicLabPart: LabMachinePart = {
  devices: [
    { kind: 'pcie-root-port', id: 'rp-nic', chassis: 2, slot: 2, speed: '2_5', width: 1 },
    { kind: 'e1000e', id: 'nic-lab', mac: NIC_MAC, bus: 'rp-nic' },
  ],
  buses: ['pci'],
  // ethtool on the interface bound to e1000e (tools/e1000e.ifname), its registers dumped before and after the collector.
  tools: [{
    each: { list: 'e1000e.ifname', command: 'for n in /sys/bus/pci/drivers/e1000e/*/net/*; do [ -e "$n" ] && echo "${n##*/}"; done', first: true },
    runs: [
      { output: 'ethtool-i', argv: ['ethtool', '-i', '{}'] },
      { output: 'ethtool-P', argv: ['ethtool', '-P', '{}'] },
      { output: 'ethtool-d-raw-before', argv: ['ethtool', '-d', '{}', 'raw', 'on'] },
      { output: 'ethtool-d-raw-after', argv: ['ethtool', '-d', '{}', 'raw', 'on'], phase: 'after-collect' },
    ],
  }],
};

/** ETHTOOL_GEEPROM, ETHTOOL_GMODULEINFO, ETHTOOL_GMODULEEEPROM (linux/ethtool.h). */
const ETHTOOL_EEPROM_COMMANDS = [0x0b, 0x42, 0x43];
const ETHTOOL_GREGS = 0x04;

/** Byte offsets where two dumps differ, for a readable failure. */
function differingOffsets(a: Buffer, b: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

export function e1000eScenario(lab: () => LabRun): void {
  describe('e1000e: QEMU 82574L, Linux e1000e driver, ethtool as reference', () => {
    const ifname = (): string => {
      const name = lab().text('tools/e1000e.ifname')?.trim();
      if (!name) throw new Error('the guest found no interface bound to e1000e');
      return name;
    };
    const drvinfo = () => parseDrvinfo(lab().bundle().get(`ioctl/net/${ifname()}/drvinfo.bin`));

    it('driver info equals `ethtool -i`', () => {
      const { issues, driverField, others, earlier, unnamed, ...ref } = parseEthtoolInfoText(lab().tool('ethtool-i').toString('utf8'));
      expect(issues).toEqual([]);
      expect(earlier).toEqual([]);
      expect(others).toEqual([]);
      expect(unnamed).toEqual([]);
      // The driver line as printed; e1000e's carries no note, so it is the driver's name.
      expect(driverField).toBe(ref.driver);
      const d = drvinfo();
      expect({
        driver: d.driver, version: d.version, fwVersion: d.fwVersion, eromVersion: d.eromVersion, busInfo: d.busInfo,
        supports: { statistics: d.nStats > 0, test: d.testinfoLen > 0, eepromAccess: d.eedumpLen > 0, registerDump: d.regdumpLen > 0, privFlags: d.nPrivFlags > 0 },
      }).toEqual(ref);
      expect(d.driver).toBe('e1000e');
      expect(d.fwVersion).not.toBe('');
    });

    it('permanent MAC address equals `ethtool -P` and the address the lab gave the NIC', () => {
      const answer = lab().bundle().get(`ioctl/net/${ifname()}/permaddr.bin`);
      // struct ethtool_perm_addr: cmd, size (bytes of address), then the address.
      const mac = [...answer.subarray(8, 8 + answer.readUInt32LE(4))].map((b) => b.toString(16).padStart(2, '0')).join(':');
      expect(lab().tool('ethtool-P').toString('utf8').trim()).toBe(`Permanent address: ${mac}`);
      expect(mac).toBe(NIC_MAC);
    });

    it('register dump bytes equal `ethtool -d <if> raw on`', () => {
      const regs = lab().bundle().get(`ioctl/net/${ifname()}/regs.bin`);
      const header = parseRegsHeader(regs);
      const ours = regs.subarray(header.dataOffset, header.dataOffset + header.len);
      // The dump right after ours: MDIC holds the last PHY access, and both dumps end with the same PHY reads.
      const reference = lab().tool('ethtool-d-raw-after');
      expect(header.len).toBe(drvinfo().regdumpLen);
      expect(differingOffsets(ours, reference)).toEqual([]);
      expect(ours.length).toBeGreaterThan(0);
    });

    it('without --include-eeprom no EEPROM was read, though the driver offers one', () => {
      const b = lab().bundle();
      expect(drvinfo().eedumpLen).toBeGreaterThan(0);
      expect(b.manifest?.options.includeEeprom).toBe(false);
      expect(b.names(/^ioctl\/net\/[^/]+\/(eeprom|moduleinfo|module-eeprom)\.bin$/)).toEqual([]);
      // Every stored ethtool answer starts with its command number; none may be an EEPROM command.
      const commands = b.names(/^ioctl\/net\//).map((n) => b.get(n).readUInt32LE(0));
      expect(commands.filter((c) => ETHTOOL_EEPROM_COMMANDS.includes(c))).toEqual([]);
      expect(commands).toContain(ETHTOOL_GREGS);
    });
  });
}
