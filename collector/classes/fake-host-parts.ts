import type { FakeHostPart, PciAddOn } from '../fake-host/part.js';
import { pciPart } from './pci/fake-host.js';
import { nvmeFakeHost } from './nvme/fake-host.js';
import { ataFakeHost } from './ata/fake-host.js';
import { scsiFakeHost } from './scsi/fake-host.js';
import { cpuFakeHost } from './cpu/fake-host.js';
import { platformFakeHost } from './platform/fake-host.js';
import { platformFirmwareFakeHost } from './platform/fake-host-firmware.js';
import { devlinkFakeHost, netFakeHost } from './nic/fake-host.js';
import { mlx5FakeHost } from './mlx5/fake-host.js';
import { rdmaFakeHost } from './rdma/fake-host.js';
import { gpuFakeHost } from './gpu/fake-host.js';
import { usbFakeHost } from './usb/fake-host.js';
import { cxlFakeHost } from './cxl/fake-host.js';

/**
 * The fake-host builder's class parts (collector/fake-host/), one line per class; pci last, as it takes the
 * others' PCI add-ons. Test code: nothing the collector ships imports it (test/collector/shipped-code.test.ts).
 */
const CLASS_PARTS: readonly FakeHostPart[] = [
  nvmeFakeHost,
  ataFakeHost,
  scsiFakeHost,
  cpuFakeHost,
  platformFakeHost,
  platformFirmwareFakeHost,
  netFakeHost,
  devlinkFakeHost,
  mlx5FakeHost,
  rdmaFakeHost,
  gpuFakeHost,
  usbFakeHost,
  cxlFakeHost,
];
export const FAKE_HOST_PARTS: readonly FakeHostPart[] = [pciPart(CLASS_PARTS.flatMap((p): PciAddOn[] => (p.pciAddOn ? [p.pciAddOn] : []))), ...CLASS_PARTS];
