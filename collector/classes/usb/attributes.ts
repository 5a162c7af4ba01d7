/**
 * What the usb source reads. Every attribute below is served by the kernel from descriptors and state it
 * cached at enumeration (drivers/usb/core/sysfs.c, drivers/thunderbolt/{domain,switch,retimer}.c): reading
 * it sends nothing to the device.
 */
export const USB_DEVICES = '/sys/bus/usb/devices';
export const THUNDERBOLT_DEVICES = '/sys/bus/thunderbolt/devices';
/** usb-storage's quirks parameter overrides the unusual_devs table (vid:pid:flags,…). */
export const USB_STORAGE_QUIRKS = '/sys/module/usb_storage/parameters/quirks';

export const USB_DEVICE_ATTRIBUTES = [
  'idVendor', 'idProduct', 'bcdDevice', 'version', 'speed', 'manufacturer', 'product', 'serial',
  'bDeviceClass', 'bDeviceSubClass', 'bDeviceProtocol', 'bNumConfigurations', 'bConfigurationValue',
  'bMaxPower', 'busnum', 'devnum', 'devpath', 'maxchild', 'removable', 'quirks', 'rx_lanes', 'tx_lanes',
  'ltm_capable', 'authorized',
] as const;

export const USB_INTERFACE_ATTRIBUTES = [
  'bInterfaceNumber', 'bAlternateSetting', 'bInterfaceClass', 'bInterfaceSubClass', 'bInterfaceProtocol',
  'bNumEndpoints', 'interface', 'modalias',
] as const;

export const THUNDERBOLT_DOMAIN_ATTRIBUTES = ['security', 'iommu_dma_protection', 'deauthorization'] as const;

export const THUNDERBOLT_ROUTER_ATTRIBUTES = [
  'vendor', 'vendor_name', 'device', 'device_name', 'generation', 'nvm_version', 'nvm_authenticate',
  'unique_id', 'authorized', 'boot', 'rx_speed', 'tx_speed', 'rx_lanes', 'tx_lanes',
] as const;

export const THUNDERBOLT_RETIMER_ATTRIBUTES = ['vendor', 'device', 'nvm_version', 'nvm_authenticate'] as const;

/**
 * Never read, whatever a future allow-list edit says: `key` is the device's secret challenge key; a domain's
 * `boot_acl` is fetched from the connection-manager firmware (an ICM command) on every read; `nvm_authenticate_on_disconnect`
 * and the nvm_active/nvm_non_active nvmem devices are update interfaces; `descriptors` is long binary.
 */
export const USB_DENIED = ['key', 'boot_acl', 'nvm_authenticate_on_disconnect', 'descriptors', 'remove', 'reset'] as const;
