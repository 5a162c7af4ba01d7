import type { ClassFacts } from '../../facts/types.js';

export const usbFacts: ClassFacts = {
  name: 'usb',
  doc: 'USB devices (/sys/bus/usb/devices) and Thunderbolt/USB4 domains, routers and retimers (/sys/bus/thunderbolt/devices).',
  devices: [
    { class: 'usb', key: 'usb:<bus-port.port…> or usb:usb<N> (root hub)', doc: 'vendor_id/device_id = idVendor/idProduct; model = manufacturer and product strings; serial = the serial string; driver = the drivers bound to its interfaces; parent = the hub it hangs off, or the host controller\'s PCI function' },
    { class: 'thunderbolt', key: 'thunderbolt:domain<N>, thunderbolt:<domain>-<route> (router), thunderbolt:<router>:<port>.<index> (retimer)', doc: 'vendor_id/device_id = vendor/device; model = vendor_name and device_name; serial = unique_id (routers)' },
  ],
  firmware: [
    { devices: ['usb'], component: 'bcd_device', states: ['running'], scheme: 'usb-bcd', doc: 'bcdDevice, the device release number the kernel\'s quirk tables key on, as 0x%04x (lsusb prints 0x0128 as 1.28)' },
    { devices: ['thunderbolt'], component: 'nvm', states: ['running'], scheme: 'dotted', doc: 'nvm_version of a router or retimer, as the kernel prints it (major.minor in hex)' },
  ],
  settings: [
    {
      namespace: 'usb',
      devices: ['usb'],
      doc: 'USB device attributes (drivers/usb/core/sysfs.c) and what its interfaces say',
      keys: {
        version: { type: 'text', doc: 'bcdUSB, the USB version the device declares (2.00, 3.20)' },
        speed: { type: 'number', unit: 'Mb/s', doc: 'the speed it runs at: 1.5, 12, 480, 5000, 10000, 20000' },
        interface_classes: { type: 'list', doc: 'bInterfaceClass of each interface (08 mass storage, 03 HID, 09 hub)' },
        interface_drivers: { type: 'list', doc: 'the drivers bound to its interfaces (usb-storage, uas, usbhid, hub)' },
        storage_driver: { type: 'string', values: ['uas', 'usb-storage', 'none'], doc: 'the driver of its mass-storage interface: uas, usb-storage, or none bound' },
        quirks: { type: 'text', doc: 'the USB core quirks in effect (hex)' },
        removable: { type: 'text' },
        storage_quirks_override: { type: 'text', doc: 'the flags usb-storage.quirks gives this vid:pid (overriding the kernel\'s table)' },
      },
    },
    {
      namespace: 'thunderbolt',
      devices: ['thunderbolt'],
      doc: 'Thunderbolt/USB4 attributes (Documentation/ABI/testing/sysfs-bus-thunderbolt)',
      keys: {
        security: { type: 'string', values: ['none', 'user', 'secure', 'dponly', 'usbonly', 'nopcie'], doc: 'a domain\'s security level' },
        iommu_dma_protection: { type: 'boolean', doc: 'a domain: the IOMMU protects the host from DMA by Thunderbolt devices (1)' },
        deauthorization: { type: 'boolean' },
        nvm_authenticate: { type: 'text', doc: 'a router or retimer: status of the last NVM authentication (0: none failed; else the mailbox status, hex)' },
        generation: { type: 'integer' },
        authorized: { type: 'text', doc: '0 not authorized, 1 authorized, 2 authorized with the secure key' },
        boot: { type: 'boolean', doc: 'authorized by the firmware at boot' },
        rx_speed: { type: 'text' },
        tx_speed: { type: 'text' },
      },
    },
  ],
};
