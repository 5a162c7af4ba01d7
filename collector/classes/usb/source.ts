import type { Source, SourceContext } from '../../source.js';
import {
  THUNDERBOLT_DEVICES, THUNDERBOLT_DOMAIN_ATTRIBUTES, THUNDERBOLT_RETIMER_ATTRIBUTES, THUNDERBOLT_ROUTER_ATTRIBUTES,
  USB_DENIED, USB_DEVICE_ATTRIBUTES, USB_DEVICES, USB_INTERFACE_ATTRIBUTES, USB_STORAGE_QUIRKS,
} from './attributes.js';

/** usbN root hubs and bus-port[.port…] devices; interfaces carry ":config.interface". */
const USB_DEVICE = /^(?:usb\d+|\d+-\d+(?:\.\d+)*)$/;
const USB_INTERFACE = /^\d+-[\d.]+:\d+\.\d+$/;
/** domainN; routers N-R (route in hex); retimers <router>:<port>.<index>. */
const TB_DOMAIN = /^domain\d+$/;
const TB_ROUTER = /^\d+-[0-9a-f]+$/;
const TB_RETIMER = /^\d+-[0-9a-f]+:\d+\.\d+$/;

function attributes(ctx: SourceContext, dir: string, wanted: readonly string[]): void {
  const present = new Set(ctx.listDir(dir) ?? []);
  const denied: readonly string[] = USB_DENIED;
  ctx.collectAttributes(dir, wanted.filter((n) => present.has(n) && !denied.includes(n)));
}

function collectUsb(ctx: SourceContext): number {
  const names = ctx.listDir(USB_DEVICES) ?? [];
  for (const name of names) {
    const dir = `${USB_DEVICES}/${name}`;
    if (USB_DEVICE.test(name)) {
      ctx.device('usb', name);
      ctx.collectLink(dir, { directory: true });
      attributes(ctx, dir, USB_DEVICE_ATTRIBUTES);
    } else if (USB_INTERFACE.test(name)) {
      ctx.collectLink(dir, { directory: true });
      attributes(ctx, dir, USB_INTERFACE_ATTRIBUTES);
      if ((ctx.listDir(dir) ?? []).includes('driver')) ctx.collectLink(`${dir}/driver`);
    }
  }
  if (ctx.exists(USB_STORAGE_QUIRKS)) ctx.collectFile(USB_STORAGE_QUIRKS);
  return names.length;
}

function collectThunderbolt(ctx: SourceContext): number {
  const names = ctx.listDir(THUNDERBOLT_DEVICES) ?? [];
  for (const name of names) {
    const dir = `${THUNDERBOLT_DEVICES}/${name}`;
    const wanted = TB_DOMAIN.test(name) ? THUNDERBOLT_DOMAIN_ATTRIBUTES
      : TB_ROUTER.test(name) ? THUNDERBOLT_ROUTER_ATTRIBUTES
        : TB_RETIMER.test(name) ? THUNDERBOLT_RETIMER_ATTRIBUTES : undefined;
    if (!wanted) continue;
    if (!TB_DOMAIN.test(name)) ctx.device('thunderbolt', name);
    ctx.collectLink(dir, { directory: true });
    attributes(ctx, dir, wanted);
  }
  return names.length;
}

export const source: Source = {
  name: 'usb',
  description: 'USB devices (ids, bcdDevice firmware revision, speed, interfaces and their drivers, usb-storage quirks) and Thunderbolt/USB4 domains, routers and retimers (NVM versions, security level, DMA protection)',
  collect(ctx) {
    const usb = ctx.isDir(USB_DEVICES);
    const tb = ctx.isDir(THUNDERBOLT_DEVICES);
    if (!usb && !tb) ctx.skip('no USB or Thunderbolt bus on this host');
    const found = (usb ? collectUsb(ctx) : 0) + (tb ? collectThunderbolt(ctx) : 0);
    if (found === 0) ctx.skip('no USB or Thunderbolt devices on this host');
  },
};
