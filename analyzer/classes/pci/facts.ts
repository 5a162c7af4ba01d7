import type { ClassFacts } from '../../facts/types.js';
import { pciTables } from './tables.js';

const SYSFS = 'attributes of the function\'s directory under sys/bus/pci/devices/<BDF>/ the source stored';

export const pciFacts: ClassFacts = {
  name: 'pci',
  doc: 'Every PCI function under sys/bus/pci/devices/: ids, config space (capabilities, link), sysfs attributes and AER counters; lspci\'s verbose text (cmd/lspci/*.out) gives the same rows for what config space did not.',
  tables: Object.keys(pciTables.doc),
  devices: [
    { class: 'pci', key: '<BDF> (0000:3b:00.0)', doc: 'ids from sysfs (config space header as fallback), driver from the driver link, parent = upstream bridge; a function only lspci\'s text shows: ids, class, revision and driver as lspci printed them, parent = the bridge whose secondary bus it is on' },
  ],
  firmware: [],
  settings: [
    {
      namespace: 'sysfs',
      devices: ['pci'],
      doc: 'attributes as sysfs gives them, trimmed; links (iommu_group, physfn, firmware_node) as the last component of their target; link/<attr> (ASPM) as link.<attr>',
      // Text as sysfs gives it (the loader parses none of them), but named so a rule's typo shows.
      keys: {
        numa_node: { type: 'text', doc: '-1 when the platform has no NUMA information' },
        current_link_speed: { type: 'text', doc: 'e.g. "8.0 GT/s PCIe"' },
        current_link_width: { type: 'text' },
        max_link_speed: { type: 'text' },
        max_link_width: { type: 'text' },
        sriov_totalvfs: { type: 'text' },
        sriov_numvfs: { type: 'text' },
        iommu_group: { type: 'text', doc: 'the group number (last component of the link)' },
        physfn: { type: 'text', doc: 'BDF of the physical function (on virtual functions)' },
      },
      open: { type: 'text', source: SYSFS, pattern: /^[A-Za-z0-9_.-]+$/ },
    },
    {
      namespace: 'lspci',
      devices: ['pci'],
      doc: "what lspci's verbose text says of a function the bundle has no sysfs directory of",
      keys: {
        name: { type: 'text', doc: "vendor and device as lspci printed them (`Mellanox Technologies MT27710 Family [ConnectX-4 Lx]`), not its `Device 1021` for a device its pci.ids did not know; the report's name of a function pci.ids does not name" },
      },
    },
    {
      namespace: 'pci.vpd',
      devices: ['pci'],
      doc: "the Vital Product Data lspci's verbose text (-vv as root) shows under a function's `Capabilities: [..] Vital Product Data`, values as printed (also the `[RV]` checksum and `[RW]` free-space lines, as lspci words them)",
      keys: {
        product_name: { type: 'text', doc: 'the VPD identifier string (`Product Name: CX713106A - ConnectX-7 QSFP112`)' },
        PN: { type: 'text', doc: 'part number' },
        EC: { type: 'text', doc: 'engineering change level' },
        SN: { type: 'text', doc: 'serial number of the card' },
        MN: { type: 'text', doc: 'manufacturer id' },
      },
      open: {
        type: 'text',
        source: 'the two-byte keywords of the VPD lspci prints (`[V0] Vendor specific: …`, `[VA]`, `[V3]`, `[RV]`…), as pciutils 3.6.4+ prints them: a byte below 0x20 or 0x7f as `\\xNN`, a backslash as `\\\\` (`\\x00\\x00` for `[\\x00\\x00] Unknown: …`; an older lspci\'s raw byte is written so too)',
        pattern: /^(?:\\\\|\\x[0-9a-f]{2}|[^\\\x00-\x1f\x7f]){2}$/,
      },
    },
    {
      namespace: 'pci.slot',
      devices: ['pci'],
      doc: "the physical slot the function's device sits in, as the platform (ACPI, PCIe hotplug) names it to the kernel: the name of the /sys/bus/pci/slots/<name> directory whose address is the device, which lspci -v prints as `Physical Slot:`",
      keys: {
        name: { type: 'text', doc: 'the slot\'s name (`3`, `0-2`, `CPU1 SLOT6`): sys/bus/pci/slots/<name>/address, else a saved lspci -v/-vv/-vvv' },
      },
    },
    {
      namespace: 'aer',
      devices: ['pci'],
      doc: 'AER counters: aer_dev_correctable/fatal/nonfatal one row per counter line (<file without aer_>.<counter>), root port totals',
      keys: {
        rootport_total_err_cor: { type: 'integer' },
        rootport_total_err_fatal: { type: 'integer' },
        rootport_total_err_nonfatal: { type: 'integer' },
      },
      open: { type: 'integer', source: 'counter names the kernel prints in aer_dev_* (dev_correctable.RxErr, dev_fatal.TOTAL_ERR_FATAL…)', pattern: /^dev_(?:correctable|fatal|nonfatal)\.[A-Za-z0-9_]+$/ },
    },
  ],
};
