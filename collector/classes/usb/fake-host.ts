import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { firmwareRows, settingText } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';

/** The host controllers the rendered devices hang off (an xHCI and a Thunderbolt NHI function). */
const XHCI = 'sys/devices/pci0000:00/0000:00:14.0';
const NHI = 'sys/devices/pci0000:00/0000:00:0d.2';
const USB_SETTINGS = new Set(['version', 'speed', 'storage_driver', 'storage_quirks_override', 'quirks', 'removable']);
const TB_SETTINGS = new Set(['security', 'iommu_dma_protection', 'deauthorization', 'nvm_authenticate', 'generation', 'authorized', 'boot', 'rx_speed', 'tx_speed']);
const hex4 = (n: number | undefined): string => (n ?? 0).toString(16).padStart(4, '0');

/** "3.20" as drivers/usb/core/sysfs.c prints bcdUSB ("%2x.%02x"). */
const bcdUsb = (v: string): string => {
  const [maj = '0', min = '00'] = v.trim().split('.');
  return `${maj.padStart(2, ' ')}.${min.padEnd(2, '0')}`;
};

function renderUsb(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const bus = names.next('usb-bus') + 1;
  const name = `${bus}-1`;
  const dir = `${XHCI}/usb${bus}/${name}`;
  tree.link(`sys/bus/usb/devices/${name}`, `../../../devices/pci0000:00/0000:00:14.0/usb${bus}/${name}`);
  const attr = (a: string, v: string): void => tree.file(`${dir}/${a}`, `${v}\n`);
  attr('idVendor', hex4(d.vendor_id));
  attr('idProduct', hex4(d.device_id));
  if (d.model) attr('product', d.model);
  const bcd = firmwareRows(d).find((f) => f.component === 'bcd_device');
  if (bcd) attr('bcdDevice', bcd.version.replace(/^0x/i, ''));
  const version = settingText(d, 'usb', 'version');
  if (version) attr('version', bcdUsb(version));
  for (const k of ['speed', 'quirks', 'removable']) {
    const v = settingText(d, 'usb', k);
    if (v !== undefined) attr(k, v);
  }
  const storage = settingText(d, 'usb', 'storage_driver');
  if (storage) {
    const iface = `${name}:1.0`;
    tree.link(`sys/bus/usb/devices/${iface}`, `../../../devices/pci0000:00/0000:00:14.0/usb${bus}/${name}/${iface}`);
    tree.file(`${dir}/${iface}/bInterfaceClass`, '08\n');
    tree.file(`${dir}/${iface}/bInterfaceProtocol`, storage === 'uas' ? '62\n' : '50\n');
    if (storage !== 'none') tree.link(`${dir}/${iface}/driver`, `../../../../../../bus/usb/drivers/${storage}`);
  }
  const override = settingText(d, 'usb', 'storage_quirks_override');
  if (override !== undefined) {
    const path = 'sys/module/usb_storage/parameters/quirks';
    const before = tree.read(path)?.trim();
    tree.file(path, `${before ? `${before},` : ''}${hex4(d.vendor_id)}:${hex4(d.device_id)}:${override}\n`);
  }
  return `usb:${name}`;
}

function renderThunderbolt(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const domain = names.next('thunderbolt-domain');
  const isDomain = d.key.startsWith('thunderbolt:domain');
  const name = isDomain ? `domain${domain}` : `${domain}-1`;
  const path = isDomain ? `domain${domain}` : `domain${domain}/${name}`;
  const dir = `${NHI}/${path}`;
  tree.link(`sys/bus/thunderbolt/devices/${name}`, `../../../devices/pci0000:00/0000:00:0d.2/${path}`);
  if (!isDomain) tree.file(`${NHI}/domain${domain}/security`, 'user\n');
  const attr = (a: string, v: string): void => tree.file(`${dir}/${a}`, `${v}\n`);
  if (!isDomain) {
    attr('vendor', `0x${hex4(d.vendor_id ?? 0x8086)}`);
    attr('device', `0x${hex4(d.device_id ?? 0x1234)}`);
    if (d.model) attr('device_name', d.model);
  }
  const nvm = firmwareRows(d).find((f) => f.component === 'nvm');
  if (nvm) attr('nvm_version', nvm.version);
  for (const k of TB_SETTINGS) {
    const v = settingText(d, 'thunderbolt', k);
    if (v !== undefined) attr(k, v === 'true' ? '1' : v === 'false' ? '0' : v);
  }
  return `thunderbolt:${name}`;
}

/** USB devices under an xHCI controller, and Thunderbolt domains and routers under an NHI, in sysfs layout. */
export const usbFakeHost: FakeHostPart = {
  classes: ['usb', 'thunderbolt'],
  // usb-storage.quirks is one module parameter for the whole host.
  hostShared: (d) => (d.class === 'usb' ? (settingText(d, 'usb', 'storage_quirks_override') ?? '') : undefined),
  unsupported(d) {
    const ns = d.class === 'usb' ? 'usb' : 'thunderbolt';
    const known = d.class === 'usb' ? USB_SETTINGS : TB_SETTINGS;
    const other = d.settings?.find((s) => s.namespace !== ns || !known.has(s.key));
    if (other) return `setting ${other.namespace}/${other.key} is not rendered`;
    return undefined;
  },
  render: (tree, d, names) => (d.class === 'usb' ? renderUsb(tree, d, names) : renderThunderbolt(tree, d, names)),
};
