import type { ClassFacts } from '../../facts/types.js';

export const cxlFacts: ClassFacts = {
  name: 'cxl',
  doc: 'CXL memory devices (/sys/bus/cxl/devices/memN), their firmware slots (Get FW Info through the mailbox ioctl, or a saved `cxl list -F`) and health (`cxl list -H`).',
  devices: [
    { class: 'cxl', key: 'cxl:mem<N>', doc: 'serial = the PCIe Device Serial Number (sysfs serial, hex; absent when 0); parent = its PCI function (cxl_pci)' },
  ],
  firmware: [
    {
      devices: ['cxl'], component: 'firmware', states: ['running', 'pending', 'slot-*'], scheme: 'plain',
      doc: 'running: firmware_version (the FW Revision of Identify Memory Device), else the active slot\'s revision; slot-N: each slot\'s revision (Get FW Info: the CXL_MEM_SEND_COMMAND ioctl, or cxl list -F); pending: the staged slot\'s revision when it is not the active slot',
    },
  ],
  settings: [
    {
      namespace: 'cxl',
      devices: ['cxl'],
      doc: 'sysfs attributes of the memory device and the Get FW Info answer (the CXL_MEM_SEND_COMMAND ioctl, or cxl list -F)',
      keys: {
        dsn_present: { type: 'boolean', doc: 'the device has a PCIe Device Serial Number (sysfs serial not 0)' },
        ram_size: { type: 'integer', unit: 'bytes', doc: 'volatile-only capacity (ram/size)' },
        pmem_size: { type: 'integer', unit: 'bytes', doc: 'persistent-only capacity (pmem/size)' },
        numa_node: { type: 'integer' },
        payload_max: { type: 'integer', unit: 'bytes', doc: 'largest mailbox payload' },
        label_storage_size: { type: 'integer', unit: 'bytes' },
        security_state: { type: 'string', values: ['disabled', 'sanitize', 'locked', 'unlocked', 'frozen'], doc: 'security/state' },
        fw_upload_status: { type: 'string', values: ['idle', 'receiving', 'preparing', 'transferring', 'programming'], doc: 'firmware/<memN>/status of the kernel\'s firmware upload' },
        fw_upload_error: { type: 'text', doc: 'firmware/<memN>/error: <progress>:<error> of the last upload that failed (e.g. transferring:hw-error); empty when none' },
        fw_upload_failed: { type: 'boolean', doc: 'the last firmware upload left an error' },
        num_slots: { type: 'integer', doc: 'firmware slots the device has (Get FW Info)' },
        active_slot: { type: 'integer', doc: 'the slot whose firmware runs' },
        staged_slot: { type: 'integer', doc: 'the slot activated at the next cold reset (absent when none is staged)' },
        activation_pending: { type: 'boolean', doc: 'a staged slot other than the active one: new firmware waits for a cold reset' },
        online_activate_capable: { type: 'boolean' },
        fw_update_in_progress: { type: 'boolean', doc: 'a firmware transfer is under way (cxl list), or the upload status is not idle' },
      },
    },
    {
      namespace: 'cxl.health',
      devices: ['cxl'],
      doc: 'the Get Health Info answer as cxl list -H prints it',
      keys: {
        maintenance_needed: { type: 'boolean' },
        performance_degraded: { type: 'boolean' },
        hw_replacement_needed: { type: 'boolean' },
        media_normal: { type: 'boolean' },
        media_data_lost: { type: 'boolean' },
        media_persistence_lost: { type: 'boolean' },
        life_used_percent: { type: 'integer', unit: '%' },
        temperature: { type: 'integer', unit: '°C' },
        dirty_shutdowns: { type: 'integer' },
      },
      open: { type: 'text', source: 'the other keys of cxl list\'s health object (ext_life_used, media_not_ready, volatile_errors…)', pattern: /^[a-z0-9_]+$/ },
    },
  ],
};
