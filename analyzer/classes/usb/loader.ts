import { DIR_LINK_NAME } from '../../../bundle/format.js';
import type { DeviceRow } from '../../db/rows.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { parseStorageQuirks, type StorageQuirk } from './storage-quirks-param.js';

const USB = 'sys/bus/usb/devices';
const TB = 'sys/bus/thunderbolt/devices';
const USB_ENTRY = /^sys\/bus\/usb\/devices\/([^/]+)\//;
const TB_ENTRY = /^sys\/bus\/thunderbolt\/devices\/([^/]+)\//;
const USB_DEVICE = /^(?:usb\d+|\d+-\d+(?:\.\d+)*)$/;
const USB_INTERFACE = /^(\d+-[\d.]+):\d+\.\d+$/;
const TB_DOMAIN = /^domain\d+$/;
const TB_ROUTER = /^\d+-[0-9a-f]+$/;
const TB_RETIMER = /^\d+-[0-9a-f]+:\d+\.\d+$/;
const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const QUIRKS_PARAM = 'sys/module/usb_storage/parameters/quirks';
const MASS_STORAGE = '08';

const lastComponent = (target: string): string => target.replace(/\/+$/, '').split('/').pop() ?? target;
const hex = (t: string | undefined): number | null => (t !== undefined && /^[0-9a-f]{1,8}$/i.test(t.trim()) ? parseInt(t.trim(), 16) : null);
const joinNames = (...parts: (string | undefined)[]): string | null => parts.filter((p): p is string => !!p && p.trim() !== '').map((p) => p.trim()).join(' ') || null;

/** The directory holding this one in its /sys/devices path, as the key of the device it hangs off. */
function parentOf(ctx: LoadContext, base: string, name: string, own: (n: string) => string | undefined): string | null {
  const target = ctx.text(`${base}/${name}/${DIR_LINK_NAME}`);
  const parent = target?.split('/').at(-2);
  if (!parent) return null;
  if (BDF.test(parent)) return parent;
  return own(parent) ?? null;
}

function entries(ctx: LoadContext, match: RegExp, prefix: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const n of ctx.under(`${prefix}/`)) {
    const m = match.exec(n);
    if (!m) continue;
    const attr = n.slice(m[0].length);
    if (attr.includes('/')) continue;
    let s = out.get(m[1]!);
    if (!s) out.set(m[1]!, (s = new Set()));
    s.add(attr);
  }
  return out;
}

interface Interface {
  cls?: string;
  driver?: string;
}

function loadUsb(ctx: LoadContext, overrides: StorageQuirk[]): void {
  const all = entries(ctx, USB_ENTRY, USB);
  const ifaces = new Map<string, Interface[]>();
  for (const name of all.keys()) {
    const m = USB_INTERFACE.exec(name);
    if (!m) continue;
    const cls = ctx.text(`${USB}/${name}/bInterfaceClass`)?.trim();
    const driver = ctx.text(`${USB}/${name}/driver`);
    const list = ifaces.get(m[1]!) ?? [];
    list.push({ ...(cls ? { cls } : {}), ...(driver ? { driver: lastComponent(driver) } : {}) });
    ifaces.set(m[1]!, list);
  }
  for (const [name, attrs] of all) {
    if (!USB_DEVICE.test(name)) continue;
    const art = (a: string): string => `${USB}/${name}/${a}`;
    const text = (a: string): string | undefined => (attrs.has(a) ? ctx.text(art(a))?.trim() : undefined);
    const key = `usb:${name}`;
    const own = ifaces.get(name) ?? [];
    const drivers = [...new Set(own.map((i) => i.driver).filter((d): d is string => !!d))];
    const row: DeviceRow = {
      key, class: 'usb',
      parentKey: parentOf(ctx, USB, name, (p) => (USB_DEVICE.test(p) && all.has(p) ? `usb:${p}` : undefined)),
      vendorId: hex(text('idVendor')), deviceId: hex(text('idProduct')),
      model: joinNames(text('manufacturer'), text('product')), serial: text('serial') || null,
      driver: drivers.join(',') || null,
    };
    ctx.sink.device(row);
    const bcd = hex(text('bcdDevice'));
    if (bcd !== null) ctx.sink.firmware({ deviceKey: key, component: 'bcd_device', version: `0x${bcd.toString(16).padStart(4, '0')}`, state: 'running', scheme: 'usb-bcd', artifact: art('bcdDevice') });
    const set = (k: string, value: string | number | null, artifact: string): void => {
      if (value !== null) ctx.sink.setting({ deviceKey: key, namespace: 'usb', key: k, value, mode: 'current', artifact });
    };
    const version = text('version');
    if (version) set('version', version, art('version'));
    const speed = Number(text('speed'));
    if (text('speed') && Number.isFinite(speed)) set('speed', speed, art('speed'));
    for (const a of ['quirks', 'removable'] as const) {
      const v = text(a);
      if (v) set(a, v, art(a));
    }
    if (own.length) {
      const ifArt = `${USB}/${name}:*`;
      set('interface_classes', own.map((i) => i.cls ?? '?').join(','), ifArt);
      set('interface_drivers', drivers.join(','), ifArt);
      const storage = own.filter((i) => i.cls === MASS_STORAGE);
      if (storage.length) set('storage_driver', storage.find((i) => i.driver === 'uas' || i.driver === 'usb-storage')?.driver ?? 'none', ifArt);
    }
    const o = overrides.find((q) => q.vendorId === row.vendorId && q.productId === row.deviceId);
    if (o) set('storage_quirks_override', o.flags, QUIRKS_PARAM);
  }
}

function loadThunderbolt(ctx: LoadContext): void {
  const all = entries(ctx, TB_ENTRY, TB);
  for (const [name, attrs] of all) {
    const kind = TB_DOMAIN.test(name) ? 'domain' : TB_ROUTER.test(name) ? 'router' : TB_RETIMER.test(name) ? 'retimer' : undefined;
    if (!kind) continue;
    const art = (a: string): string => `${TB}/${name}/${a}`;
    const text = (a: string): string | undefined => (attrs.has(a) ? ctx.text(art(a))?.trim() : undefined);
    const key = `thunderbolt:${name}`;
    ctx.sink.device({
      key, class: 'thunderbolt',
      parentKey: parentOf(ctx, TB, name, (p) => (all.has(p) ? `thunderbolt:${p}` : undefined)),
      vendorId: hex(text('vendor')?.replace(/^0x/i, '')), deviceId: hex(text('device')?.replace(/^0x/i, '')),
      model: joinNames(text('vendor_name'), text('device_name')), serial: text('unique_id') || null,
    });
    const nvm = text('nvm_version');
    if (nvm) ctx.sink.firmware({ deviceKey: key, component: 'nvm', version: nvm, state: 'running', scheme: 'dotted', artifact: art('nvm_version') });
    const set = (k: string, value: string | number | boolean): void => {
      ctx.sink.setting({ deviceKey: key, namespace: 'thunderbolt', key: k, value, mode: 'current', artifact: art(k) });
    };
    for (const k of ['security', 'nvm_authenticate', 'authorized', 'rx_speed', 'tx_speed'] as const) {
      const v = text(k);
      if (v) set(k, v);
    }
    for (const k of ['iommu_dma_protection', 'deauthorization', 'boot'] as const) {
      const v = text(k);
      if (v === '0' || v === '1') set(k, v === '1');
    }
    const gen = text('generation');
    if (gen && /^\d+$/.test(gen)) set('generation', Number(gen));
  }
}

/** USB devices and Thunderbolt/USB4 domains, routers and retimers from their sysfs attributes. */
export const usbLoader: ClassLoader = {
  name: 'usb',
  load(ctx) {
    const param = ctx.text(QUIRKS_PARAM);
    const overrides = param ? (ctx.parse(QUIRKS_PARAM, 'usb-storage-quirks', (b) => parseStorageQuirks(b.toString('utf8'))) ?? { quirks: [], issues: [] }) : { quirks: [], issues: [] };
    for (const i of overrides.issues) ctx.sink.issue('PARSE-LINE', `usb-storage quirks: "${i}" is not vid:pid:flags`, QUIRKS_PARAM);
    loadUsb(ctx, overrides.quirks);
    loadThunderbolt(ctx);
  },
};
