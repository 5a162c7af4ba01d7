import { BDF, lastBdf } from '../../load/loader-util.js';
import type { LoadContext } from '../../load/types.js';
import { parseFwManagerQuery, type FwManagerComponent, type FwManagerDevice, type FwManagerQuery, type InstallerDevice } from './fwmanager-query.js';
import { isFwImageListing, parseFwImageListing } from './fwmanager-listing.js';
import { argvDevice, bdfOf, deviceKey, lineIssues, pastedCommandDevice, pciDevice, romComponent } from './loader.js';
import { FWMANAGER_EARLIER_RUN_NAMESPACE, FWMANAGER_UPDATE_IMAGE_NAMESPACE, INSTALLER_FAMILY, NOT_IN_IMAGE } from './names.js';
import { familiesOfMajor, fwMajor, MLX_FAMILIES } from './families.js';
import { lspciCards } from './lspci-cards.js';
import { namesNothing } from '../../version/sentinels.js';
import type { FirmwareState } from '../../db/rows.js';
import { splitBranchTag } from './fw-branch.js';

/** mlxfwmanager (NVIDIA MFT), mlxup (the online updater) and mstfwmanager (mstflint's copy): one query, three names. */
const FWMANAGER_OUTPUTS = /^cmd\/(?:mlxfwmanager|mlxup|mstfwmanager)\/.*\.out$/;

/** A ConnectX PCI function the bundle already shows (an mstflint query, an RDMA device in sysfs, a devlink instance, a network interface), with what identifies it. */
export interface KnownDevice {
  key: string;
  psid?: string;
  baseGuid?: string;
  baseMac?: string;
  /** A serial number every function of one card shares (devlink's serial_number). */
  serial?: string;
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

/** The bundle's devlink instances of PCI functions (loaded by the class that reads devlink): fw.psid (or board.id) and serial_number. */
function devlinkFunctions(ctx: LoadContext): KnownDevice[] {
  const out: KnownDevice[] = [];
  for (const d of ctx.devices()) {
    if (d.class !== 'devlink' || !d.parentKey || !BDF.test(d.parentKey)) continue;
    const fixed = ctx.firmware(d.key).filter((f) => f.state === 'fixed');
    const psid = (fixed.find((f) => f.component === 'fw.psid') ?? fixed.find((f) => f.component === 'board.id'))?.version.trim();
    const serial = d.serial?.trim();
    out.push({ key: d.parentKey, ...(psid && !namesNothing(psid) ? { psid } : {}), ...(serial && !namesNothing(serial) ? { serial } : {}) });
  }
  return out;
}

/** A PSID as Mellanox prints it: a vendor prefix and ten digits (MT_0000000834, DEL2420110034, LNV2180110032). */
const PSID = /^[A-Z]{2,4}_?\d{10}$/;

/** The bundle's network interfaces of PCI functions whose driver prints the PSID after the firmware version (mlx5 `ethtool -i`: `14.32.1900 (MT_2420110034)`). */
function netFunctions(ctx: LoadContext): KnownDevice[] {
  const out: KnownDevice[] = [];
  for (const d of ctx.devices()) {
    if (d.class !== 'net' || !d.parentKey || !BDF.test(d.parentKey)) continue;
    const psid = ctx.firmware(d.key).map((f) => /\(([^()]+)\)\s*$/.exec(f.version)?.[1]?.trim()).find((p) => p !== undefined && PSID.test(p));
    if (psid) out.push({ key: d.parentKey, psid });
  }
  return out;
}

/**
 * The one card the known functions with this PSID belong to, as the key to store it under (the function an mstflint query
 * named, else the lowest); undefined when they are on several cards or none. Functions are one card when they share a PCI
 * bus (a ConnectX is one endpoint: its functions, VFs included, sit on its own bus) or a devlink serial number.
 */
function cardWithPsid(psid: string, known: readonly KnownDevice[]): string | undefined {
  return oneCard(known.filter((k) => k.psid === psid));
}

/** The cards these functions are on (functions sharing a bus or a devlink serial are one card), each as its functions. */
function cardsOf(functions: readonly KnownDevice[]): KnownDevice[][] {
  const bus = (key: string): string => (BDF.test(key) ? key.slice(0, key.lastIndexOf(':')) : key);
  const card = functions.map((_k, i) => i);
  const root = (i: number): number => (card[i] === i ? i : (card[i] = root(card[i]!)));
  functions.forEach((a, i) => functions.forEach((b, j) => {
    if (j > i && (bus(a.key) === bus(b.key) || (a.serial !== undefined && a.serial === b.serial))) card[root(j)] = root(i);
  }));
  const groups = new Map<number, KnownDevice[]>();
  functions.forEach((k, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), k]));
  return [...groups.values()];
}

/** The key a card's rows are stored under: the (lowest) function an mstflint query named, else the lowest, whatever order the outputs were loaded in. */
const cardKey = (functions: readonly KnownDevice[]): string => {
  const sorted = [...functions].sort((a, b) => a.key.localeCompare(b.key));
  return (sorted.find((k) => k.flint) ?? sorted[0]!).key;
};

/** The one card these functions are on (see cardWithPsid), as the key to store it under; undefined for none or several. */
function oneCard(functions: readonly KnownDevice[]): string | undefined {
  const cards = cardsOf(functions);
  return cards.length === 1 ? cardKey(cards[0]!) : undefined;
}

/** `ConnectX6DX`, `ConnectX-6 Dx`, `BlueField3` → one spelling. */
const familyWord = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The bundle's only ConnectX or BlueField card (its functions shown by an mstflint or firmware manager query, an RDMA
 * device, a devlink instance, an mlx5 interface, lspci): the device of an output that prints nothing of its card's own
 * (an mlxconfig query with no Device line, an mlxfwreset query) and whose command names none. With no such card or
 * several, or when the output's device type is not that card's family (its firmware major, else the family lspci
 * names), no key, and why not.
 */
export function onlyCard(ctx: LoadContext, flinted: readonly KnownDevice[], deviceType?: string): { key: string } | { why: string } {
  // lspci pasted beside the output shows the cards too (their physical functions, by device ID or by the name it printed).
  const listed = lspciCards(ctx);
  const cards = cardsOf([...flinted, ...rdmaFunctions(ctx), ...devlinkFunctions(ctx), ...netFunctions(ctx), ...listed.map((c) => ({ key: c.key }))]);
  if (cards.length === 0) return { why: 'the bundle shows no ConnectX or BlueField card to be it' };
  if (cards.length > 1) return { why: `the bundle shows ${cards.length} ConnectX/BlueField cards (${cards.map(cardKey).sort().join(', ')}), and nothing says which it ran on` };
  const key = cardKey(cards[0]!);
  if (deviceType === undefined || deviceType.trim() === '') return { key };
  const listedFamily = listed.find((c) => c.key === key)?.family;
  const major = ctx.firmware(key).map((f) => (f.component === 'firmware' ? fwMajor(f.version) : undefined)).find((m) => m !== undefined) ??
    [...MLX_FAMILIES.values()].find((f) => f.name === listedFamily)?.fwMajor;
  if (major === undefined) return { key };
  const families = familiesOfMajor(major);
  return families.length === 0 || families.map(familyWord).includes(familyWord(deviceType)) ? { key } : { why: `the bundle's one card, ${key}, is a ${families.join(' / ')}, not a ${deviceType.trim()}` };
}

/** A GUID or MAC a tool prints for a card that has none burnt in: all zeros or all ones names no card. */
const NO_ADDRESS = /^(?:0x)?(?:0+|f+)$/i;

/**
 * The device of a query that names none, neither in its command nor in its text (`flint q` pasted alone): the PCI function
 * the bundle already shows with its base GUID or MAC (an RDMA device, an mstflint query keyed by its address), else the
 * one card with its PSID (devlink, an mlx5 interface), else the card itself by its base GUID (`mst:guid-<guid>`) or MAC
 * (`mst:mac-<mac>`), which no other card has; undefined when it prints neither.
 */
export function unnamedCardKey(ctx: LoadContext, id: { psid?: string; baseGuid?: string; baseMac?: string }, flinted: readonly KnownDevice[]): string | undefined {
  const known = [...flinted, ...rdmaFunctions(ctx), ...devlinkFunctions(ctx), ...netFunctions(ctx)];
  const address = (v: string | undefined): string | undefined => (v === undefined || NO_ADDRESS.test(v.replace(/[:.-]/g, '')) ? undefined : v.replace(/[:.-]/g, '').toLowerCase());
  const [guid, mac] = [address(id.baseGuid), address(id.baseMac)];
  const byAddress = known.filter((k) => (guid !== undefined && address(k.baseGuid) === guid) || (mac !== undefined && address(k.baseMac) === mac));
  // Of several (a query by PCI address and one by mst node of the same card), a PCI function, the card's key: the same whatever the load order.
  const functions = byAddress.filter((k) => BDF.test(k.key));
  if (byAddress.length) return cardKey(functions.length ? functions : byAddress);
  const byPsid = id.psid !== undefined && !namesNothing(id.psid) ? cardWithPsid(id.psid, known) : undefined;
  return byPsid ?? (guid !== undefined ? `mst:guid-${guid}` : mac !== undefined ? `mst:mac-${mac}` : undefined);
}

/** The component a Versions row stands for: `FW` is the firmware, the rest are expansion ROMs as flint names them. */
function componentOf(name: string): { component: string; running: boolean } {
  if (/^FW$/i.test(name)) return { component: 'firmware', running: false };
  if (/^FW\s*\(Running\)$/i.test(name)) return { component: 'firmware', running: true };
  return { component: romComponent(name), running: false };
}

/**
 * The device a query's entry is: its printed PCI address, else (an mst device name) the PCI function the bundle shows
 * (an mstflint query keyed by its address, another firmware manager entry that prints its address, an RDMA device, a
 * devlink instance, an mlx5 network interface) with the same base GUID or MAC — of several, the card's key (see cardKey),
 * so the answer is the same whatever order the outputs were saved and loaded in —, or the one card with its PSID when no
 * other entry of its run has that PSID either.
 */
function keyOf(ctx: LoadContext, d: FwManagerDevice, given: string | undefined, run: readonly FwManagerDevice[], known: readonly KnownDevice[]): string | undefined {
  const key = deviceKey(ctx, d.pciDeviceName, given);
  if (key !== undefined && BDF.test(key)) return key;
  const addresses = (xs: (string | undefined)[]): string[] => xs.filter((x): x is string => x !== undefined && !namesNothing(x) && !NO_ADDRESS.test(x)).map((x) => x.toLowerCase());
  const guids = addresses([d.baseGuid, ...Object.values(d.portGuids)]);
  const macs = addresses([d.baseMac, ...Object.values(d.portMacs)]);
  // Only a PCI function places it: another output naming the same mst node (`mst:mt4127_pciconf0`) is no address.
  const byAddress = known.filter((k) => BDF.test(k.key) && ((k.baseGuid !== undefined && guids.includes(k.baseGuid.toLowerCase())) || (k.baseMac !== undefined && macs.includes(k.baseMac.toLowerCase()))));
  if (byAddress.length) return cardKey(byAddress);
  if (d.psid !== undefined && run.filter((x) => x.psid === d.psid).length === 1) return cardWithPsid(d.psid, known) ?? key;
  return key;
}

/**
 * The card each entry is. An entry of an earlier run that no address places is the last run's entry with the same
 * printed device name, base GUID or base MAC (its PSID may have changed: a cross-flash); one that names nothing (a
 * `| grep` of the query) is the entry at its place in the last run when both runs list as many entries.
 */
function keysOf(ctx: LoadContext, devices: readonly FwManagerDevice[], given: string | undefined, known: readonly KnownDevice[]): (string | undefined)[] {
  const runs = new Map<number, FwManagerDevice[]>();
  for (const d of devices) runs.set(d.run, [...(runs.get(d.run) ?? []), d]);
  // A device the command line names (`-d`) is every run's entry only when each run shows one.
  const one = [...runs.values()].every((r) => r.length === 1);
  // Of several runs, each one's own command line names its device (`-d 3b:00.0`, then `-d af:00.0`).
  const givenFor = (d: FwManagerDevice): string | undefined => (runs.get(d.run)!.length !== 1 ? undefined : runs.size > 1 ? d.commandDevice ?? (one ? given : undefined) : given);
  const keys = devices.map((d) => keyOf(ctx, d, givenFor(d), runs.get(d.run)!, known));
  const last = runs.get(Math.max(...runs.keys()))!;
  const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  return devices.map((d, i) => {
    const run = runs.get(d.run)!;
    if (run === last || (keys[i] !== undefined && BDF.test(keys[i]!))) return keys[i];
    const now = last.find((l) => same(l.pciDeviceName, d.pciDeviceName) || same(l.baseGuid, d.baseGuid) || same(l.baseMac, d.baseMac));
    if (now) return keys[devices.indexOf(now)];
    if (keys[i] !== undefined || run.length !== last.length) return keys[i];
    return keys[devices.indexOf(last[run.indexOf(d)]!)];
  });
}

const compactName = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The MLNX_OFED / MLNX_EN installer names each card it ran the firmware manager on by its PCI address after the run
 * (`Device (03:00.0):`, one block per function, lspci's `[ConnectX-3]` below it). An entry of the query no address places
 * (named by its mst device, or by nothing) is the card the installer names when the installer names one card and the
 * query leaves one card unplaced, else the one card of its family (Device Type `ConnectX3`, lspci `[ConnectX-3]`) on
 * both sides. A card is keyed on its lowest function the installer names; a function another entry already is stays its.
 */
function installerKeys(keys: (string | undefined)[], devices: readonly FwManagerDevice[], named: readonly InstallerDevice[]): (string | undefined)[] {
  const cards = new Map<string, { key: string; family?: string }>();
  for (const n of named) {
    const bdf = bdfOf(n.address);
    if (!bdf) continue;
    const slot = bdf.slice(0, bdf.lastIndexOf('.'));
    const had = cards.get(slot);
    const family = had?.family ?? n.family;
    cards.set(slot, { key: had && had.key < bdf ? had.key : bdf, ...(family ? { family } : {}) });
  }
  const placed = (k: string | undefined): k is string => k !== undefined && BDF.test(k);
  const slotOf = (bdf: string): string => bdf.slice(0, bdf.lastIndexOf('.'));
  const taken = new Set(keys.filter(placed).map(slotOf));
  const free = [...cards.values()].filter((c) => !taken.has(slotOf(c.key)));
  // The query's unplaced cards: entries of one mst name are one card; an entry named by nothing is a card of its own.
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (placed(k)) return;
    const g = k ?? `#${devices[i]!.run}.${devices[i]!.index}`;
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  if (groups.size === 0 || free.length === 0) return keys;
  const out = [...keys];
  if (groups.size === 1 && free.length === 1) {
    for (const i of [...groups.values()][0]!) out[i] = free[0]!.key;
    return out;
  }
  for (const members of groups.values()) {
    const type = devices[members[0]!]!.deviceType;
    if (type === undefined) continue;
    const sameType = [...groups.values()].filter((m) => devices[m[0]!]!.deviceType !== undefined && compactName(devices[m[0]!]!.deviceType!) === compactName(type));
    const sameFamily = free.filter((c) => c.family !== undefined && compactName(c.family) === compactName(type));
    if (sameType.length === 1 && sameFamily.length === 1) for (const i of members) out[i] = sameFamily[0]!.key;
  }
  return out;
}

/** A ConnectX-3's firmware major: its FS2 images are burned keeping the card's own expansion ROM when the image has none. */
const FS2_MAJOR = 2;

/**
 * The expansion ROMs an update that was done wrote from an image holding none of them (Available `N/A`), with the version
 * the card had. The firmware managers burn through mstflint's library with its default ROM option: a ConnectX-3 (FS2)
 * image without a ROM gets the card's own put into it (fs2_ops.cpp), so that ROM is untouched; an image of a later
 * card (FS3/FS4, Connect-IB on) is written with its own ROMs only (flint keeps the card's with `--use_dev_rom` alone),
 * so once it is written the flash holds no such ROM.
 */
export function romsNotInImage(d: FwManagerDevice): { component: string; before: string; kept: boolean }[] {
  if (d.update !== 'done') return [];
  const fw = d.components.find((c) => componentOf(c.name).component === 'firmware' && !componentOf(c.name).running);
  const kept = fw?.current !== undefined && fwMajor(fw.current) === FS2_MAJOR;
  return d.components.flatMap((c) => {
    const { component } = componentOf(c.name);
    return component !== 'firmware' && c.available === undefined && c.current !== undefined ? [{ component, before: c.current, kept }] : [];
  });
}

/**
 * What an entry says of the device, by firmware component and state (`firmware running`, `rom.pxe stored`, `psid fixed`).
 * After an update the run reports done, the flash holds the image's versions (Available) and the old firmware runs
 * until the card is reset: the stored rows are the image's, the running one stays the Current column's. A ROM the image
 * did not hold is the card's still on a ConnectX-3, and on no later card's flash any more (romsNotInImage).
 */
function versionsOf(d: FwManagerDevice): { component: string; state: FirmwareState; version: string; scheme: string }[] {
  const out: { component: string; state: FirmwareState; version: string; scheme: string }[] = [];
  const dropped = new Set(romsNotInImage(d).filter((r) => !r.kept).map((r) => r.component));
  const flashed = (c: FwManagerComponent): string | undefined =>
    d.update !== 'done' ? c.current : dropped.has(componentOf(c.name).component) ? undefined : c.available ?? c.current;
  const fw = d.components.find((c) => componentOf(c.name).component === 'firmware' && !componentOf(c.name).running);
  const stored = fw && flashed(fw);
  const running = d.components.find((c) => componentOf(c.name).running)?.current ?? fw?.current;
  // A development branch's tag glued to the version (`26.33.1048_0004`): the version is what rules compare.
  const untagged = (v: string): string => splitBranchTag(v)?.version ?? v;
  if (stored) out.push({ component: 'firmware', state: 'stored', version: untagged(stored), scheme: 'mlx5' });
  if (running) out.push({ component: 'firmware', state: 'running', version: untagged(running), scheme: 'mlx5' });
  if (d.psid) out.push({ component: 'psid', state: 'fixed', version: d.psid, scheme: 'plain' });
  for (const c of d.components) {
    const { component } = componentOf(c.name);
    const version = flashed(c);
    if (component !== 'firmware' && version) out.push({ component, state: 'stored', version, scheme: 'dotted' });
  }
  return out;
}

/** The development branch's tag a FW row prints (alone or glued to the version), kept as flint's is. */
function branchTags(d: FwManagerDevice): { fw_branch_tag?: string; fw_branch_tag_running?: string } {
  const fw = d.components.find((c) => componentOf(c.name).component === 'firmware' && !componentOf(c.name).running);
  const running = d.components.find((c) => componentOf(c.name).running)?.current;
  const tag = (v: string | undefined): string | undefined => (v === undefined ? undefined : splitBranchTag(v)?.tag);
  const stored = tag(fw?.current);
  const run = tag(running);
  return { fw_branch_tag: stored, fw_branch_tag_running: run !== stored ? run : undefined };
}

/**
 * Stores the entry's rows beside those another output (an mstflint query, another firmware manager file) already gave
 * the card, each with its artifact. A version spelled otherwise (`3.6.102` and `3.6.0102`) is the same version; a really
 * different one is an issue naming both, and for the firmware and the PSID the earlier output's stays the only fact
 * (the two were run on either side of an update; a stored row of one beside a running row of the other would read as
 * an image waiting to be activated). Returns whether the card has a firmware version.
 */
function loadDevice(ctx: LoadContext, key: string, d: FwManagerDevice, artifact: string): boolean {
  const sink = ctx.sink;
  pciDevice(sink, key);
  const before = ctx.firmware(key).filter((f) => f.artifact !== artifact);
  for (const v of versionsOf(d)) {
    const other = before.find((f) => f.component === v.component && f.state === v.state && !sameVersion(f.version, v.version));
    if (other) {
      sink.issue('TOOLS-DIFFER', `${key}: ${other.artifact ?? 'another output'} shows ${v.state} ${v.component} ${other.version}, ${artifact} (device #${d.index}) shows ${v.version}`, artifact);
      if (v.component === 'firmware' || v.component === 'psid') continue;
    }
    sink.firmware({ deviceKey: key, component: v.component, version: v.version, state: v.state, scheme: v.scheme, artifact });
  }
  // The update image's versions are not on the device: facts of their own, never a firmware state.
  for (const c of d.components) {
    const { component, running } = componentOf(c.name);
    if (!running && c.available) sink.setting({ deviceKey: key, namespace: FWMANAGER_UPDATE_IMAGE_NAMESPACE, key: component, value: c.available, mode: 'current', artifact });
  }
  const notInImage = romsNotInImage(d);
  for (const r of notInImage) sink.setting({ deviceKey: key, namespace: FWMANAGER_UPDATE_IMAGE_NAMESPACE, key: r.component, value: NOT_IN_IMAGE, mode: 'current', artifact });
  if (notInImage.length) {
    const names = notInImage.map((r) => r.component).join(', ');
    const before = notInImage.map((r) => `${r.component} ${r.before}`).join(', ');
    sink.issue('ROM-NOT-IN-IMAGE', notInImage[0]!.kept
      ? `${key}: the update image held no ${names} (Available N/A); a ConnectX-3 image without a ROM is burned with the card's own, so ${before} stays on the flash`
      : `${key}: the update image held no ${names} (Available N/A); an image for a ConnectX-4 or later card is written with its own ROMs only, so the flash no longer holds ${before}; query it again (flint -d ${d.pciDeviceName ?? key} q) to see what it holds`, artifact);
  }
  const facts: Record<string, string | undefined> = {
    device_type: d.deviceType, part_number: d.partNumber, description: d.description, base_guid: d.baseGuid, base_mac: d.baseMac,
    pci_device_name: d.pciDeviceName, update_status: d.status, ...branchTags(d),
    port1_guid: d.portGuids[1], port2_guid: d.portGuids[2], port1_mac: d.portMacs[1], port2_mac: d.portMacs[2],
  };
  for (const [k, value] of Object.entries(facts)) {
    if (value !== undefined) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: k, value, mode: 'current', artifact });
  }
  return ctx.firmware(key).some((f) => f.component === 'firmware');
}

/**
 * What earlier entries of the same card (earlier runs in the file) showed otherwise than the last, or alone: kept as
 * rows of their own; a change is named in one issue per earlier run ("the paste shows an update"). The last entry's
 * values are the card's facts.
 */
function loadEarlier(ctx: LoadContext, key: string, earlier: readonly FwManagerDevice[], last: FwManagerDevice, artifact: string): void {
  const now = new Map(versionsOf(last).map((v) => [`${v.component} ${v.state}`, v.version]));
  if (last.partNumber) now.set('part_number', last.partNumber);
  for (const d of earlier) {
    const changes: string[] = [];
    const then = versionsOf(d).map((v) => ({ what: `${v.component} ${v.state}`, key: v.state === 'running' ? `${v.component}.running` : v.component, version: v.version }));
    if (d.partNumber) then.push({ what: 'part_number', key: 'part_number', version: d.partNumber });
    for (const t of then) {
      const later = now.get(t.what);
      if (later !== undefined && sameVersion(later, t.version)) continue;
      // The stored flash image says it when it and the running one agree: one change, not two.
      if (t.key === 'firmware.running' && then.some((x) => x.key === 'firmware' && x.version === t.version) && now.get('firmware stored') === later) continue;
      ctx.sink.setting({ deviceKey: key, namespace: FWMANAGER_EARLIER_RUN_NAMESPACE, key: t.key, value: t.version, mode: 'current', artifact });
      // What only the earlier run shows (a grep of other fields) is kept, but it is no change.
      if (later !== undefined) changes.push(`${t.key} ${t.version} → ${later}`);
    }
    if (changes.length > 0) {
      ctx.sink.issue('EARLIER-RUN', `${key}: the output holds several runs of the firmware manager, and between run ${d.run} (line ${d.line}) and run ${last.run} (line ${last.line}) the card changed: ${changes.join(', ')} (an update or a cross-flash); the last run's values are kept`, artifact);
    }
  }
}

/** Line numbers as a person writes them: `1, 2, 29–36`. */
function lineRanges(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    out.push(j > i ? `${lines[i]}–${lines[j]}` : `${lines[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/**
 * A card the installer has no image for (`… not distributed inside Mellanox driver: 31:00.0 (PSID: LNV0000000016)`):
 * the card at that address with the PSID the installer's query read, and an issue saying it was not updated. The
 * installer prints no query of it, so nothing of its firmware version is known from this output.
 */
function loadWithoutImage(ctx: LoadContext, w: { address: string; psid: string; line: number }, queried: ReadonlyMap<string, readonly FwManagerDevice[]>, artifact: string): string | undefined {
  const key = bdfOf(w.address);
  // A card a query of the same file shows is that query's.
  if (key === undefined || queried.get(key)?.some((d) => d.psid !== undefined || d.components.length > 0)) return undefined;
  pciDevice(ctx.sink, key);
  ctx.sink.firmware({ deviceKey: key, component: 'psid', version: w.psid, state: 'fixed', scheme: 'plain', artifact });
  ctx.sink.issue('NO-IMAGE', `${artifact}:${w.line}: the installer carries no firmware image for ${key} (PSID ${w.psid}, not one of the driver's) and did not update it; the output shows no firmware version of it`, artifact);
  return key;
}

/**
 * The family lspci's brackets give on the installer's line below `Device (01:00.0):` (`[ConnectX-4 Lx]`), kept as the
 * model of a card this output stores where its query names no Device Type (a card the installer has no image for is
 * shown by no query at all). A query's own Device Type names its card.
 */
function installerFamilies(ctx: LoadContext, named: readonly InstallerDevice[], stored: ReadonlySet<string>, queried: ReadonlyMap<string, readonly FwManagerDevice[]>, artifact: string): void {
  const slotOf = (bdf: string): string => bdf.slice(0, bdf.lastIndexOf('.'));
  const families = new Map<string, string>();
  for (const n of named) {
    const bdf = bdfOf(n.address);
    if (bdf && n.family && !families.has(slotOf(bdf))) families.set(slotOf(bdf), n.family);
  }
  if (families.size === 0) return;
  for (const key of stored) {
    if (!BDF.test(key)) continue;
    const family = families.get(slotOf(key));
    if (family === undefined || queried.get(key)?.some((d) => d.deviceType !== undefined)) continue;
    ctx.sink.setting({ deviceKey: key, namespace: 'mlx.device', key: INSTALLER_FAMILY, value: family, mode: 'current', artifact });
  }
}

/** The PCI functions firmware manager entries print (`PCI Device Name: 0002:01:00.0`), with their PSID, base GUID and MAC. */
function printedFunctions(ctx: LoadContext, queries: readonly (FwManagerQuery | undefined)[]): KnownDevice[] {
  const out: KnownDevice[] = [];
  for (const d of queries.flatMap((q) => q?.devices ?? [])) {
    const key = deviceKey(ctx, d.pciDeviceName);
    if (key === undefined || !BDF.test(key)) continue;
    out.push({ key, ...(d.psid ? { psid: d.psid } : {}), ...(d.baseGuid ? { baseGuid: d.baseGuid } : {}), ...(d.baseMac ? { baseMac: d.baseMac } : {}) });
  }
  return out;
}

/** Firmware manager queries; returns the PCI functions they gave a firmware version (MGIR rows are only added for others). */
export function loadFwManager(ctx: LoadContext, flinted: readonly KnownDevice[]): Set<string> {
  const done = new Set<string>();
  // Every query is read before any entry is placed: an entry named by its mst node is matched against all the bundle's
  // outputs, not only those whose saved names sort before its own.
  const queries = ctx.names(FWMANAGER_OUTPUTS).filter((name) => !loadImageListing(ctx, name))
    .map((name) => ({ name, q: ctx.parse(name, 'fwmanager-query', (data) => parseFwManagerQuery(data.toString('utf8'))) }));
  const known = [...flinted, ...printedFunctions(ctx, queries.map((x) => x.q)), ...rdmaFunctions(ctx), ...devlinkFunctions(ctx), ...netFunctions(ctx)];
  for (const { name, q } of queries) {
    if (!q) continue;
    lineIssues(ctx, name, q.issues);
    if (q.installerLines.length) {
      ctx.sink.issue('INSTALLER', `${name}: line(s) ${lineRanges(q.installerLines)} are the MLNX_OFED / MLNX_EN installer's own around the query (its packages, log, each card's PCI link, its closing advice): nothing of the firmware`, name);
    }
    const given = argvDevice(ctx, name) ?? pastedCommandDevice(ctx.get(name));
    const keys = installerKeys(keysOf(ctx, q.devices, given, known), q.devices, q.installerDevices ?? []);
    const byCard = new Map<string, FwManagerDevice[]>();
    q.devices.forEach((d, i) => {
      const key = keys[i];
      if (key === undefined) ctx.sink.issue('NO-DEVICE', `${name}: device #${d.index}${d.run > 1 ? ` of run ${d.run}` : ''} is not named, neither in the output nor in the command`, name);
      else byCard.set(key, [...(byCard.get(key) ?? []), d]);
    });
    for (const [key, entries] of byCard) {
      const last = entries.at(-1)!;
      if (loadDevice(ctx, key, last, name)) done.add(key);
      loadEarlier(ctx, key, entries.slice(0, -1), last, name);
    }
    const stored = new Set(byCard.keys());
    for (const w of q.installerWithoutImage ?? []) {
      const key = loadWithoutImage(ctx, w, byCard, name);
      if (key !== undefined) stored.add(key);
    }
    installerFamilies(ctx, q.installerDevices ?? [], stored, byCard, name);
  }
  return done;
}

/**
 * `mlxup -l` / `mlxfwmanager -l -i <file>` (`--list-content`) lists the firmware images a file, a folder or mlxup itself
 * carries, by board: what the tool could burn, no device's own version, so nothing is stored as a device's firmware; one
 * LISTING issue says what it is and how many boards it names.
 */
function loadImageListing(ctx: LoadContext, name: string): boolean {
  const origin = ctx.record(name)?.origin;
  const listed = origin?.kind === 'cmd' && origin.argv.some((a) => a === '-l' || a === '--list-content');
  const data = ctx.get(name);
  if (!listed && !(data && isFwImageListing(data.toString('utf8')))) return false;
  const l = ctx.parse(name, 'fwmanager-listing', (d) => parseFwImageListing(d.toString('utf8')));
  if (!l) return true;
  lineIssues(ctx, name, l.issues);
  for (const e of l.errors) ctx.sink.issue('FWMANAGER', `${name}: ${e}`, name);
  const tool = origin?.kind === 'cmd' ? origin.argv[0] : 'mlxup';
  ctx.sink.issue('LISTING', `${name}: a firmware image listing (${tool} -l) of ${l.images.length} board(s) the tool carries images for, with no device's own version: not a device's firmware`, name);
  return true;
}

/** Versions that differ only in leading zeros of a number (flint's `3.6.102`, the firmware manager's `3.6.0102`). */
export function sameVersion(a: string, b: string): boolean {
  const bare = (v: string): string => v.trim().toLowerCase().replace(/(^|\D)0+(?=\d)/g, '$1');
  return bare(a) === bare(b);
}
