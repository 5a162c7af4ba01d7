import type { ClassFacts } from '../../facts/types.js';

/** NVIDIA/Mellanox ConnectX: mstconfig NV configuration, mstflint and firmware manager queries, fwctl register reads. Facts hang on the PCI function. */
export const mlx5Facts: ClassFacts = {
  name: 'mlx5',
  doc: 'NVIDIA/Mellanox ConnectX: NV configuration (mstconfig query), firmware query (mstflint; mlxfwmanager/mlxup/mstfwmanager --query), firmware reset query (mlxfwreset/mstfwreset), fwctl register reads (MGIR, MNVDA). Rows hang on the PCI function <BDF>, else on ib_switch:lid-0x<LID> for a switch and ib_hca:lid-0x<LID> for an adapter reached in band, else on mst:<device as the tool named it>, except the fwctl device itself.',
  devices: [
    { class: 'fwctl', key: 'fwctl:<fwctlN>', doc: 'the fwctl character device; pci_address = parent = its PCI function; driver = the fwctl device type name' },
    { class: 'ib_switch', key: 'ib_switch:lid-0x<LID, 4 hex digits>', doc: 'an InfiniBand switch a saved flint query reached in band, over the fabric (flint -d lid-0x00047 q, the mst node /dev/mst/SW_MT52000_…_lid-0x0005): no PCI function on the host; keyed by its LID however typed; model = its ASIC family (Switch-IB 2…)' },
    { class: 'ib_hca', key: 'ib_hca:lid-0x<LID, 4 hex digits>', doc: 'an adapter (HCA) a saved flint query reached in band by its LID (flint -d lid-5 q with ConnectX/Connect-IB/BlueField firmware, the mst node /dev/mst/CA_MT4123_…_lid-0x0003): it may sit in another host of the fabric, so no PCI function and pci_address null; keyed by its LID however typed; model = its family (mst node device ID, else firmware major)' },
  ],
  firmware: [
    { devices: ['pci', 'ib_switch', 'ib_hca'], component: 'firmware', states: ['stored', 'running'], scheme: 'mlx5', doc: 'mstflint FW Version (stored) and FW Version (Running), and a firmware manager query\'s FW Current (stored) and FW (Running) Current (each row with its artifact; when the two really differ only the earlier-loaded mstflint row is kept and a TOOLS-DIFFER issue names both); else MGIR extended version (running)' },
    { devices: ['pci', 'ib_switch', 'ib_hca'], component: 'psid', states: ['fixed'], scheme: 'plain', doc: 'PSID from mstflint and a firmware manager query (the mstflint one alone when they differ), else MGIR' },
    { devices: ['pci', 'ib_switch', 'ib_hca'], component: 'rom.<type>', pattern: /^rom\.[a-z0-9_]+$/, states: ['stored'], scheme: 'dotted', doc: 'each expansion ROM mstflint lists (rom.pxe, rom.uefi…) and the Current column of a firmware manager query (PXE, UEFI, CLP, NVMe…), each row with its artifact: the two spell one version differently (3.6.102, 3.6.0102); a real difference is a TOOLS-DIFFER issue' },
  ],
  settings: [
    {
      namespace: 'mlx.device',
      devices: ['pci', 'ib_switch', 'ib_hca'],
      doc: 'device identity from mstconfig, mstflint and firmware manager queries (mlxfwmanager, mlxup, mstfwmanager --query)',
      keys: {
        device_type: { type: 'string', doc: 'mstconfig Device type, firmware manager Device Type (ConnectX6DX…)' },
        part_number: { type: 'string', doc: 'mstconfig Name, mstflint Part Number (query full), firmware manager Part Number' },
        description: { type: 'string', doc: 'the product description: mstconfig Description, mstflint Description before its GUID table (query full)' },
        product_version: { type: 'string', doc: 'mstflint Product Version' },
        security_attributes: { type: 'string', doc: 'mstflint Security Attributes' },
        orig_psid: { type: 'string', doc: 'mstflint Orig PSID: the PSID the card was made with, printed when it was flashed with another vendor\'s image (an OEM card cross-flashed to stock firmware)' },
        image_type: { type: 'string', doc: 'mstflint Image type (FS2, FS3, FS4…)' },
        fw_release_date: { type: 'string', doc: 'mstflint FW Release Date as printed (d.m.yyyy)' },
        base_guid: { type: 'string', doc: 'mstflint Base GUID' },
        base_guid_count: { type: 'integer', doc: 'number of GUIDs from the Base GUID' },
        base_mac: { type: 'string', doc: 'mstflint Base MAC' },
        base_mac_count: { type: 'integer', doc: 'number of MACs from the Base MAC' },
        pci_device_name: { type: 'string', doc: 'firmware manager PCI Device Name as printed (a PCI address, an mst device such as /dev/mst/mt4119_pciconf0, pci0:2:0:0)' },
        update_status: { type: 'string', doc: 'firmware manager Status as printed: its verdict against the update image it compared with (Up to date, Update required, No matching image found); informational, the device is unchanged' },
        port1_guid: { type: 'string', doc: 'firmware manager Port1 GUID (ConnectX-3)' },
        port2_guid: { type: 'string', doc: 'firmware manager Port2 GUID (ConnectX-3)' },
        port1_mac: { type: 'string', doc: 'firmware manager Port1 MAC (ConnectX-3)' },
        port2_mac: { type: 'string', doc: 'firmware manager Port2 MAC (ConnectX-3)' },
      },
    },
    {
      namespace: 'mlx.update_image',
      devices: ['pci', 'ib_hca'],
      modes: ['current'],
      doc: 'the Available column of a firmware manager query (mlxfwmanager, mlxup, mstfwmanager --query), and a flint burn\'s New FW version: the version per component of the update image the tool compared the device with — not on the device, neither pending nor flashed; placeholders (N/A) give no row, except after an update that was done: `none` for an expansion ROM the burned image did not hold (a ConnectX-3 keeps its own; a later card\'s flash no longer holds it, and it has no stored row; issue ROM-NOT-IN-IMAGE)',
      open: { type: 'text', source: 'the firmware component names of the firmware table: firmware, rom.pxe, rom.uefi…', pattern: /^(firmware|rom\.[a-z0-9_]+)$/ },
    },
    {
      namespace: 'mlx.earlier_run',
      devices: ['pci'],
      modes: ['current'],
      doc: 'what an earlier run of a firmware manager in the same output (a paste before and after an update, the command run twice) showed otherwise than the last run, or that the last run does not show (the last run\'s values are the device\'s facts): the earlier value per item (firmware = the flash image, firmware.running, psid, part_number, rom.<type>); an EARLIER-RUN issue names the change',
      open: { type: 'text', source: 'firmware, firmware.running, psid, part_number and the ROM components of the firmware table (rom.pxe…)', pattern: /^(firmware|firmware\.running|psid|part_number|rom\.[a-z0-9_]+)$/ },
    },
    {
      namespace: 'mlx.reset',
      devices: ['pci'],
      doc: 'a saved mlxfwreset/mstfwreset query: which firmware reset levels, types, sync owners and PCI reset methods the device supports (what loading a new firmware image without a reboot can use), and which one a reset takes by default',
      keys: {
        default_level: { type: 'integer', doc: 'the reset level marked (default)' },
        default_type: { type: 'integer', doc: 'the reset type marked (default)' },
        default_sync: { type: 'integer', doc: 'the reset sync owner marked (default)' },
        default_method: { type: 'integer', doc: 'the PCI reset request method marked (default)' },
      },
      open: { type: 'text', source: 'level.<n>, type.<n>, sync.<n>, method.<n> of the lists the query prints: Supported or Not Supported', pattern: /^(?:level|type|sync|method)\.\d+$/ },
    },
    {
      namespace: 'mlxconfig.label',
      devices: ['pci'],
      modes: ['default', 'current', 'next_boot'],
      doc: 'the value name mlxconfig printed with a number (TRUST_PCP of TRUST_PCP(1)): what the device\'s own tool says the number means',
      open: { type: 'text', source: 'parameter names as mlxconfig prints them', pattern: /^[A-Za-z0-9_[\].]+$/ },
    },
    {
      namespace: 'mlxconfig.new',
      devices: ['pci'],
      modes: ['next_boot'],
      doc: 'the New column of a saved mlxconfig set preview: what was about to be written for the next boot',
      open: { type: 'text', source: 'parameter names as mlxconfig prints them', pattern: /^[A-Za-z0-9_[\].]+$/ },
    },
    {
      namespace: 'mlxconfig',
      devices: ['pci'],
      modes: ['default', 'current', 'next_boot'],
      doc: 'NV configuration as mlxconfig prints it: the number of NAME(n) or an integer, else the printed text; array parameters left unexpanded give no row',
      open: { type: 'text', source: 'parameter names as mlxconfig prints them (SRIOV_EN, NUM_OF_VFS…; defined by the mstflint mlxconfig database of the firmware)', pattern: /^[A-Za-z0-9_[\].]+$/ },
    },
    {
      namespace: 'fwctl',
      devices: ['fwctl'],
      doc: 'FWCTL_INFO',
      keys: {
        device_type: { type: 'text', doc: 'the device type name (mlx5), else its number' },
        uctx_caps: { type: 'integer', doc: 'mlx5 info data: user context capabilities' },
      },
    },
  ],
  registers: [
    { space: 'mnvda:*', devices: ['pci'], doc: 'raw big-endian dwords of a capability TLV read through MNVDA: mnvda:<tlv name>' },
    { register: 'MGIR', devices: ['pci'], fields: 'field paths of the MGIR layout in the mstflint register database (fw_info.extended_major, fw_info.psid…)', doc: 'MGIR (general information) decoded with the register layouts' },
  ],
};
