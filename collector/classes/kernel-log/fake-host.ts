import type { FakeTree } from '../../fake-host/tree.js';
import { FAKEHOST } from '../../fake-host/fakehost-facts.js';

/** /dev/kmsg records: "<prio>,<seq>,<usec>,<flags>;<text>" lines, as the kernel hands them out. */
export function fakehostKmsg(): string {
  const lines: [number, number, string][] = [
    [6, 0, 'Linux version 5.14.0-427.13.1.el9_4.x86_64 (mockbuild@x86-64-01.build.eng.rdu2.redhat.com) (gcc (GCC) 11.4.1 20231218 (Red Hat 11.4.1-3), GNU ld version 2.35.2-43.el9) #1 SMP PREEMPT_DYNAMIC Wed Apr 10 10:29:16 EDT 2024'],
    [6, 0, `Command line: ${FAKEHOST.cmdline}`],
    [4, 412000, 'microcode: updated early: 0x2006e05 -> 0x2007006, date = 2023-03-06'],
    [6, 2231000, 'ahci 0000:00:17.0: AHCI 0001.0301 32 slots 8 ports 6 Gbps 0xff impl SATA mode'],
    [6, 2534000, 'ata1: SATA link up 6.0 Gbps (SStatus 133 SControl 300)'],
    [4, 2536000, `ata1.00: Model '${FAKEHOST.sataSsd.model}', rev '${FAKEHOST.sataSsd.firmware}', applying quirks: noncqtrim zeroaftertrim nolpm`],
    [6, 2537000, 'ata1.00: ATA-9: Crucial_CT512MX100SSD1, MU01, max UDMA/133'],
    [6, 2537100, 'ata1.00: 1000215216 sectors, multi 16: LBA48 NCQ (depth 32), AA'],
    [6, 3102000, 'nvme nvme0: pci function 0000:af:00.0'],
    [6, 3314000, 'nvme nvme0: 80/0/0 default/read/poll queues'],
    [6, 4120000, 'mlx5_core 0000:3b:00.0: firmware version: 22.39.1002'],
    [6, 4121000, 'mlx5_core 0000:3b:00.0: 252.048 Gb/s available PCIe bandwidth (16.0 GT/s PCIe x16 link)'],
    [6, 4620000, 'mlx5_core 0000:3b:00.1: firmware version: 22.39.1002'],
    [6, 5210000, 'i40e 0000:5e:00.0: fw 9.120.73026 api 1.15 nvm 9.20 0x8000d8c5 1.3429.0 [8086:1572] [8086:0007]'],
    [4, 5211000, 'i40e 0000:5e:00.0: The driver for the device detected a newer version of the NVM image v1.15 than expected v1.9. Please install the most recent version of the network driver.'],
  ];
  return lines.map(([prio, usec, text], seq) => `${prio},${seq},${usec},-;${text}\n`).join('');
}

/** The shared fake host's kernel log as /dev/kmsg hands it out: boot, microcode update, disk, NVMe and NIC probes. */
export function fakehostKernelLog(tree: FakeTree): void {
  tree.file('dev/kmsg', fakehostKmsg());
}
