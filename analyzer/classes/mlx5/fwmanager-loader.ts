import { BDF, lastBdf } from '../../load/loader-util.js';
import type { LoadContext } from '../../load/types.js';
import { parseFwManagerQuery, type FwManagerDevice } from './fwmanager-query.js';
import { argvDevice, deviceKey, lineIssues, pastedCommandDevice, pciDevice, romComponent } from './loader.js';
import { FWMANAGER_UPDATE_IMAGE_NAMESPACE } from './names.js';

/** mlxfwmanager (NVIDIA MFT), mlxup (the online updater) and mstfwmanager (mstflint's copy): one query, three names. */
const FWMANAGER_OUTPUTS = /^cmd\/(?:mlxfwmanager|mlxup|mstfwmanager)\/.*\.out$/;

/** A ConnectX PCI function the bundle already shows (an mstflint query, an RDMA device in sysfs), with what identifies it. */
export interface KnownDevice {
  key: string;
  psid?: string;
  baseGuid?: string;
  baseMac?: string;
  /** An mstflint query stored its firmware rows. */
  flint?: boolean;
}

/** The bundle's RDMA devices of PCI functions: board_id is the PSID, function 0's node GUID the card's base GUID. */
function rdmaFunctions(ctx: LoadContext): KnownDevice[] {
  const out: KnownDevice[] = [];
  for (const name of ctx.names(/^sys\/class\/infiniband\/[^/]+\/board_id$/)) {
    const dir = name.slice(0, -'/board_id'.length);
    const key = lastBdf(ctx.text(`${dir}/device`) ?? ctx.text(`${dir}/device/.link`));
    if (!key) continue;
    const psid = ctx.text(name)?.trim();
    const guid = ctx.text(`${dir}/node_guid`)?.trim().replace(/:/g, '');
    out.push({ key, ...(psid ? { psid } : {}), ...(guid ? { baseGuid: guid } : {}) });
  }
  return out;
}

/** The component a Versions row stands for: `FW` is the firmware, the rest are expansion ROMs as flint names them. */
function componentOf(name: string): { component: string; running: boolean } {
  if (/^FW$/i.test(name)) return { component: 'firmware', running: false };
  if (/^FW\s*\(Running\)$/i.test(name)) return { component: 'firmware', running: true };
  return { component: romComponent(name), running: false };
}

/**
 * The device a query's entry is: its printed PCI address, else (an mst device name) the PCI function the bundle already
 * shows (an mstflint query keyed by its address, an RDMA device) with the same base GUID or MAC, or with a PSID no other
 * function or entry has.
 */
function keyOf(ctx: LoadContext, d: FwManagerDevice, given: string | undefined, all: readonly FwManagerDevice[], known: readonly KnownDevice[]): string | undefined {
  const key = deviceKey(ctx, d.pciDeviceName, all.length === 1 ? given : undefined);
  if (key !== undefined && BDF.test(key)) return key;
  const guids = [d.baseGuid, ...Object.values(d.portGuids)].filter((x): x is string => x !== undefined).map((x) => x.toLowerCase());
  const macs = [d.baseMac, ...Object.values(d.portMacs)].filter((x): x is string => x !== undefined).map((x) => x.toLowerCase());
  const byAddress = known.find((k) => (k.baseGuid !== undefined && guids.includes(k.baseGuid.toLowerCase())) || (k.baseMac !== undefined && macs.includes(k.baseMac.toLowerCase())));
  if (byAddress) return byAddress.key;
  if (d.psid !== undefined) {
    const same = new Set(known.filter((k) => k.psid === d.psid).map((k) => k.key));
    if (same.size === 1 && all.filter((x) => x.psid === d.psid).length === 1) return [...same][0]!;
  }
  return key;
}

function loadDevice(ctx: LoadContext, key: string, d: FwManagerDevice, artifact: string, flinted: boolean): boolean {
  const sink = ctx.sink;
  pciDevice(sink, key);
  let firmware = false;
  // What an mstflint query of the same device printed wins: the two may have been run on either side of an update.
  if (!flinted) {
    const stored = d.components.find((c) => componentOf(c.name).component === 'firmware' && !componentOf(c.name).running)?.current;
    const running = d.components.find((c) => componentOf(c.name).running)?.current ?? stored;
    if (stored) sink.firmware({ deviceKey: key, component: 'firmware', version: stored, state: 'stored', scheme: 'mlx5', artifact });
    if (running) sink.firmware({ deviceKey: key, component: 'firmware', version: running, state: 'running', scheme: 'mlx5', artifact });
    firmware = stored !== undefined || running !== undefined;
    if (d.psid) sink.firmware({ deviceKey: key, component: 'psid', version: d.psid, state: 'fixed', scheme: 'plain', artifact });
    for (const c of d.components) {
      const { component } = componentOf(c.name);
      if (component !== 'firmware' && c.current) sink.firmware({ deviceKey: key, component, version: c.current, state: 'stored', scheme: 'dotted', artifact });
    }
  }
  // The update image's versions are not on the device: facts of their own, never a firmware state.
  for (const c of d.components) {
    const { component, running } = componentOf(c.name);
    if (!running && c.available) sink.setting({ deviceKey: key, namespace: FWMANAGER_UPDATE_IMAGE_NAMESPACE, key: component, value: c.available, mode: 'current', artifact });
  }
  const facts: Record<string, string | undefined> = {
    device_type: d.deviceType, part_number: d.partNumber, description: d.description, base_guid: d.baseGuid, base_mac: d.baseMac,
    pci_device_name: d.pciDeviceName, update_status: d.status,
    port1_guid: d.portGuids[1], port2_guid: d.portGuids[2], port1_mac: d.portMacs[1], port2_mac: d.portMacs[2],
  };
  for (const [k, value] of Object.entries(facts)) {
    if (value !== undefined) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: k, value, mode: 'current', artifact });
  }
  return firmware;
}

/** Firmware manager queries; returns the PCI functions they gave a firmware version (MGIR rows are only added for others). */
export function loadFwManager(ctx: LoadContext, flinted: readonly KnownDevice[]): Set<string> {
  const done = new Set<string>();
  const known = [...flinted, ...rdmaFunctions(ctx)];
  for (const name of ctx.names(FWMANAGER_OUTPUTS)) {
    const q = ctx.parse(name, 'fwmanager-query', (data) => parseFwManagerQuery(data.toString('utf8')));
    if (!q) continue;
    lineIssues(ctx, name, q.issues);
    const given = argvDevice(ctx, name) ?? pastedCommandDevice(ctx.get(name));
    for (const d of q.devices) {
      const key = keyOf(ctx, d, given, q.devices, known);
      if (!key) {
        ctx.sink.issue('NO-DEVICE', `${name}: device #${d.index} is not named, neither in the output nor in the command`, name);
        continue;
      }
      if (loadDevice(ctx, key, d, name, known.some((k) => k.key === key && k.flint === true))) done.add(key);
    }
  }
  return done;
}
