import { DIR_LINK_NAME } from '../../../bundle/format.js';
import { recordConfig, recordLink } from './config-facts.js';
import { loadLspciOutputs, type FromSysfs } from './lspci-loader.js';
import { CONFIG_HEADER_SIZE, parsePciConfig, type PciConfig } from './pci-config.js';
import { parseAerCounters, parseCount, parseHexAttribute, parseLinkSpeed, parseLinkWidth } from './pci-sysfs.js';
import { loadUdevadmWalks } from './udevadm-loader.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';

const DEVICES = 'sys/bus/pci/devices';
const UNDER_DEVICES = /^sys\/bus\/pci\/devices\/([^/]+)(?:\/(.+))?$/;
const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const AER_COUNTERS = /^aer_(dev_(?:correctable|fatal|nonfatal))$/;
const AER_TOTALS = /^aer_(rootport_total_err_(?:cor|fatal|nonfatal))$/;
const LINK_ATTRIBUTES = ['current_link_speed', 'current_link_width', 'max_link_speed', 'max_link_width'] as const;
/** Attributes that become columns, capability rows or AER settings instead of 'sysfs' settings. */
const NOT_SETTINGS = new Set(['vendor', 'device', 'subsystem_vendor', 'subsystem_device', 'class', 'revision', 'config', 'vpd', 'driver', 'modalias', 'uevent']);
/** Symlinks whose target's last component is the setting (iommu_group → 40, physfn → 0000:3b:00.0). */
const LINK_SETTINGS = new Set(['iommu_group', 'physfn', 'firmware_node']);

const lastComponent = (target: string): string => target.replace(/\/+$/, '').split('/').pop() ?? target;

/** The upstream bridge: the BDF directory that holds this one in the device's /sys/devices path. */
function upstreamBridge(linkTarget: string | undefined): string | null {
  const parts = linkTarget?.split('/') ?? [];
  const parent = parts.at(-2);
  return parent && BDF.test(parent) ? parent : null;
}

function loadFunction(ctx: LoadContext, bdf: string, attrs: Set<string>): FromSysfs {
  const art = (a: string): string => `${DEVICES}/${bdf}/${a}`;
  const text = (a: string): string | undefined => (attrs.has(a) ? ctx.text(art(a)) : undefined);
  const parsed = <T>(a: string, fn: (t: string) => T): T | undefined =>
    attrs.has(a) ? ctx.parse(art(a), 'pci-sysfs', (d) => fn(d.toString('utf8'))) : undefined;
  const hexId = (a: string): number | undefined => parsed(a, (t) => parseHexAttribute(t, a));

  const config: PciConfig | undefined = attrs.has('config') ? ctx.parse(art('config'), 'pci-config', parsePciConfig) : undefined;
  const classAttr = hexId('class');
  const driver = text('driver');
  ctx.sink.device({
    key: bdf,
    class: 'pci',
    pciAddress: bdf,
    parentKey: upstreamBridge(ctx.text(`${DEVICES}/${bdf}/${DIR_LINK_NAME}`)),
    vendorId: hexId('vendor') ?? config?.vendorId ?? null,
    deviceId: hexId('device') ?? config?.deviceId ?? null,
    subsystemVendorId: hexId('subsystem_vendor') ?? config?.subsystemVendorId ?? null,
    subsystemDeviceId: hexId('subsystem_device') ?? config?.subsystemDeviceId ?? null,
    classCode: classAttr ?? config?.classCode ?? null,
    revision: hexId('revision') ?? config?.revision ?? null,
    driver: driver ? lastComponent(driver) : null,
  });

  for (const a of [...attrs].sort()) {
    const aer = a.match(AER_COUNTERS);
    const total = a.match(AER_TOTALS);
    if (aer) {
      for (const c of parsed(a, parseAerCounters) ?? []) {
        ctx.sink.setting({ deviceKey: bdf, namespace: 'aer', key: `${aer[1]}.${c.name}`, value: c.count, mode: 'current', artifact: art(a) });
      }
    } else if (total) {
      const n = parsed(a, (t) => parseCount(t, a));
      if (n !== undefined) ctx.sink.setting({ deviceKey: bdf, namespace: 'aer', key: total[1]!, value: n, mode: 'current', artifact: art(a) });
    } else if (!NOT_SETTINGS.has(a)) {
      const t = text(a);
      if (t === undefined) continue;
      const value = LINK_SETTINGS.has(a) ? lastComponent(t) : t.trim();
      ctx.sink.setting({ deviceKey: bdf, namespace: 'sysfs', key: a.replace(/\//g, '.'), value, mode: 'current', artifact: art(a) });
    }
  }

  const bytes = config && ctx.get(art('config'));
  if (config && bytes) recordConfig(ctx, bdf, bytes, config, art('config'));
  recordSysfsLink(ctx, bdf, attrs, art, parsed);
  return { device: true, capabilities: (config?.length ?? 0) > CONFIG_HEADER_SIZE };
}

function recordSysfsLink(
  ctx: LoadContext, bdf: string, attrs: Set<string>, art: (a: string) => string,
  parsed: <T>(a: string, fn: (t: string) => T) => T | undefined,
): void {
  const present = LINK_ATTRIBUTES.filter((a) => attrs.has(a));
  if (!present.length) return;
  recordLink(ctx.sink, {
    deviceKey: bdf,
    source: 'sysfs',
    maxSpeedGts: parsed('max_link_speed', parseLinkSpeed) ?? null,
    maxWidth: parsed('max_link_width', parseLinkWidth) ?? null,
    speedGts: parsed('current_link_speed', parseLinkSpeed) ?? null,
    width: parsed('current_link_width', parseLinkWidth) ?? null,
    artifact: art(present[0]!),
  });
}

/** A slot's name as the kernel gives it (`CPU1 SLOT6`) from its artifact path component (`CPU1%20SLOT6`, bundle/format.ts safeComponent). */
const fromSafeComponent = (c: string): string => (c === '%' ? '' : c.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));

const SLOT_ADDRESS = /^sys\/bus\/pci\/slots\/([^/]+)\/address$/;

/**
 * The kernel's slots by the device each holds (`0000:3b:00` → slot `3`), from sys/bus/pci/slots/<name>/address; a slot
 * whose address names a bus only (`0000:3b`: the platform gave no device number) holds no device lspci would name.
 */
function slotsByDevice(ctx: LoadContext): Map<string, { name: string; artifact: string }> {
  const out = new Map<string, { name: string; artifact: string }>();
  for (const artifact of ctx.names(SLOT_ADDRESS)) {
    const address = ctx.text(artifact)?.trim().toLowerCase() ?? '';
    if (/^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}$/.test(address)) out.set(address, { name: fromSafeComponent(SLOT_ADDRESS.exec(artifact)![1]!), artifact });
  }
  return out;
}

/**
 * Every PCI function under sys/bus/pci/devices/: device row, 'sysfs' and 'aer' settings, capabilities, links;
 * then the functions lspci's text shows (cmd/lspci/*.out), for what config space did not give; then the functions a
 * pasted `udevadm info -a` walks through (cmd/udevadm/*.out) that neither gave.
 */
export const pciLoader: ClassLoader = {
  name: 'pci',
  load(ctx) {
    const functions = new Map<string, Set<string>>();
    for (const name of ctx.names(/^sys\/bus\/pci\/devices\//)) {
      const m = name.match(UNDER_DEVICES);
      if (!m || !BDF.test(m[1]!)) continue;
      const attrs = functions.get(m[1]!) ?? new Set<string>();
      if (m[2]) attrs.add(m[2]);
      functions.set(m[1]!, attrs);
    }
    const fromSysfs = new Map<string, FromSysfs>();
    const slots = slotsByDevice(ctx);
    for (const [bdf, attrs] of functions) {
      const from = loadFunction(ctx, bdf, attrs);
      const slot = slots.get(bdf.slice(0, bdf.lastIndexOf('.')));
      if (slot) ctx.sink.setting({ deviceKey: bdf, namespace: 'pci.slot', key: 'name', value: slot.name, mode: 'current', artifact: slot.artifact });
      fromSysfs.set(bdf, { ...from, slot: slot !== undefined });
    }
    const shown = loadLspciOutputs(ctx, fromSysfs);
    loadUdevadmWalks(ctx, new Set([...fromSysfs.keys(), ...shown]));
  },
};
