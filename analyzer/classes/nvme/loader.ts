import { namesDevice } from '../../parsers/masked-value.js';
import { ownDriveName, udevLink } from '../../parsers/drive-node.js';
import { parseAdminResult, parseApstTable, parseFwLog, parseIdCtrl, parseSmartLog, type NvmeFwLog } from './nvme.js';
import { looksLikeJson } from '../../parsers/json-output.js';
import { parseFwLogJson, parseIdCtrlJson } from './nvme-json.js';
import { parseSmartLogJson, parseSmartLogText } from './nvme-smart-log-text.js';
import { entryLine, parseErrorLog, parseErrorLogJson, parseErrorLogText } from './nvme-error-log.js';
import { parseFwLogText, parseIdCtrlText, type NvmeFwLogText, type NvmeIdCtrlFacts } from './nvme-text.js';
import { nvmeCommand, savedNvmeCommand } from '../../../collector/classes/nvme/saved.js';
import { controllerSection } from '../../../collector/classes/nvme/node-sections.js';
import { humanReadableShown } from '../../../collector/classes/nvme/text-subcommand.js';
import { instances, lastBdf, recordLineIssues, recordSettings, sysfsSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { nvmeLists } from './nvme-list-loader.js';
import { namespaceOneEui } from './id-ns-loader.js';
import { linkSerial } from './by-id-link.js';

const CTRL = /^(?:sys\/class\/nvme|ioctl\/nvme)\/(nvme\d+)(?:\/|$)/;
const NOT_SETTINGS = new Set(['uevent', 'dev', 'model', 'serial', 'firmware_rev', 'device']);

const ioctlName = (ctrl: string, what: string): string => `ioctl/nvme/${ctrl}/${what}.bin`;

function argvOf(ctx: LoadContext, name: string): string[] {
  const origin = ctx.record(name)?.origin;
  return (origin?.kind === 'cmd' ? nvmeCommand(origin.argv.slice(1)) : savedNvmeCommand(name))?.argv ?? [];
}

/**
 * How much a support engineer gets from an output's form: JSON (every value exact, no layout to misread) over `-H`
 * (the fields and their decoded bits, told by the command or by the bits the text shows) over plain text. Of two outputs
 * of one subcommand the richer is read.
 */
function richness(ctx: LoadContext, name: string, argv: readonly string[]): number {
  if (looksLikeJson(ctx.text(name) ?? '')) return 2;
  return argv.some((a) => a === '-H' || a === '--human-readable') || humanReadableShown(ctx.text(name) ?? '') ? 1 : 0;
}

/**
 * nvme-cli outputs in the bundle (`cmd/nvme/...`), by controller and subcommand; the command comes from the manifest.
 * An id-ctrl run on no node (saved with none in its name or text) is under the empty controller name, each its own.
 * Outputs run on a by-id link (`disk/by-id/nvme-…`) are by link.
 */
function toolOutputs(ctx: LoadContext): { byCtrl: Map<string, Map<string, string>>; byLink: Map<string, Map<string, string>>; unnamed: string[] } {
  const out = new Map<string, Map<string, string>>();
  const byLink = new Map<string, Map<string, string>>();
  const unnamed: string[] = [];
  for (const name of ctx.names(/^cmd\/nvme\/[^/]+\.out$/)) {
    const origin = ctx.record(name)?.origin;
    const cmd = origin?.kind === 'cmd' ? nvmeCommand(origin.argv.slice(1)) : savedNvmeCommand(name);
    if (!cmd) continue;
    if (cmd.controller === undefined) {
      unnamed.push(name);
      continue;
    }
    keepRicher(ctx, udevLink(`/dev/${cmd.controller}`) ? byLink : out, cmd.controller, cmd.argv[1]!, name);
  }
  return { byCtrl: out, byLink, unnamed };
}

/** Stores an output as its drive's output of its subcommand, unless the one stored already is richer: the other is said not stored. */
function keepRicher(ctx: LoadContext, into: Map<string, Map<string, string>>, drive: string, sub: string, name: string): void {
  const outputs = into.get(drive) ?? new Map<string, string>();
  const read = outputs.get(sub);
  const [kept, dropped] = read === undefined || richness(ctx, name, argvOf(ctx, name)) > richness(ctx, read, argvOf(ctx, read)) ? [name, read] : [read, name];
  outputs.set(sub, kept);
  if (dropped !== undefined) ctx.sink.issue('EARLIER-OUTPUT', `nvme ${sub}: another output of ${drive} (${ctx.record(kept)?.replayedFrom ?? kept}) is read; this one is not stored`, dropped);
  into.set(drive, outputs);
}

/** Identify Controller facts, from whichever form the bundle has; all forms give the same rows. */
function recordIdCtrl(ctx: LoadContext, key: string, id: NvmeIdCtrlFacts, artifact: string): void {
  recordSettings(ctx, key, 'nvme.id-ctrl', {
    version: id.version, mdts: id.mdts, oacs: id.oacs, firmware_commit_supported: id.firmwareCommitSupported, frmw: id.frmw,
    firmware_slots: id.firmwareSlots, slot1_read_only: id.slot1ReadOnly, activation_without_reset: id.activationWithoutReset,
    mtfa_ms: id.mtfaMs, power_states: id.powerStateCount, apst_supported: id.apstSupported, wctemp_k: id.warningTempK,
    cctemp_k: id.criticalTempK, oncs: id.oncs, lpa: id.lpa, volatile_write_cache: id.volatileWriteCache, ieee: id.ieee, cntlid: id.cntlid,
  }, artifact);
  for (const ps of id.powerStates ?? []) {
    // Idle and active power where the descriptor reports them (a scale), as the text form prints them.
    const reported = `${ps.idlePowerW === null ? '' : ` idle:${ps.idlePowerW}W`}${ps.activePowerW === null ? '' : ` active:${ps.activePowerW}W`}`;
    ctx.sink.setting({ deviceKey: key, namespace: 'nvme.power-state', key: `ps${ps.state}`, value: `${ps.maxPowerW}W${ps.nonOperational ? ' non-operational' : ''} enlat:${ps.entryLatencyUs} exlat:${ps.exitLatencyUs}${reported}`, mode: 'current', artifact });
  }
}

const idCtrlRead = new WeakMap<LoadContext, Map<string, NvmeIdCtrlFacts | undefined>>();

/** A saved id-ctrl's facts, read once (an id-ctrl saved with no node is read first for its serial). */
function idCtrlFromTool(ctx: LoadContext, name: string, ctrl?: string): NvmeIdCtrlFacts | undefined {
  const read = idCtrlRead.get(ctx) ?? new Map<string, NvmeIdCtrlFacts | undefined>();
  idCtrlRead.set(ctx, read);
  if (!read.has(name)) read.set(name, readIdCtrl(ctx, name, ctrl));
  return read.get(name);
}

/** An output's text as the controller's own: its section of a file holding several controllers' outputs. */
const own = (d: Buffer, ctrl: string | undefined): string => (ctrl === undefined ? d.toString('utf8') : controllerSection(d.toString('utf8'), ctrl));

function readIdCtrl(ctx: LoadContext, name: string, ctrl: string | undefined): NvmeIdCtrlFacts | undefined {
  const text = ctx.text(name) ?? '';
  if (looksLikeJson(text)) {
    const j = ctx.parse(name, 'nvme-id-ctrl-json', (d) => parseIdCtrlJson(d.toString('utf8')));
    if (j?.cut) recordLineIssues(ctx, name, 'nvme-id-ctrl-json', [j.cut]);
    return j;
  }
  const t = ctx.parse(name, 'nvme-id-ctrl-text', (d) => parseIdCtrlText(own(d, ctrl)));
  if (t) recordLineIssues(ctx, name, 'nvme-id-ctrl-text', t.issues);
  return t?.idCtrl;
}

interface Identity {
  model?: string;
  serial?: string;
  firmware?: string;
  vid?: number;
  ssvid?: number;
  artifact?: string;
}

function identity(ctx: LoadContext, ctrl: string, key: string, tool: Map<string, string> | undefined): Identity {
  const name = ioctlName(ctrl, 'id-ctrl');
  const bin = ctx.parse(name, 'nvme-id-ctrl', parseIdCtrl);
  const textName = tool?.get('id-ctrl');
  const [id, artifact] = bin ? [bin, name] : textName ? [idCtrlFromTool(ctx, textName, ctrl), textName] : [undefined, undefined];
  if (id && artifact) {
    recordIdCtrl(ctx, key, id, artifact);
    return { model: id.model, serial: id.serial, firmware: id.firmware, vid: id.vid, ssvid: id.ssvid, artifact };
  }
  const sys = (a: string): string | undefined => ctx.text(`sys/class/nvme/${ctrl}/${a}`)?.trim() || undefined;
  return { model: sys('model'), serial: sys('serial'), firmware: sys('firmware_rev'), artifact: `sys/class/nvme/${ctrl}/firmware_rev` };
}

function fwLog(ctx: LoadContext, ctrl: string | undefined, tool: Map<string, string> | undefined): { log: NvmeFwLog | Omit<NvmeFwLogText, 'issues'>; artifact: string } | undefined {
  const name = ctrl === undefined ? undefined : ioctlName(ctrl, 'fw-log');
  const log = name === undefined ? undefined : ctx.parse(name, 'nvme-fw-log', parseFwLog);
  if (log && name) return { log, artifact: name };
  const textName = tool?.get('fw-log');
  if (!textName) return undefined;
  if (looksLikeJson(ctx.text(textName) ?? '')) {
    const j = ctx.parse(textName, 'nvme-fw-log-json', (d) => parseFwLogJson(d.toString('utf8')));
    if (j?.cut) recordLineIssues(ctx, textName, 'nvme-fw-log-json', [j.cut]);
    return j ? { log: j, artifact: textName } : undefined;
  }
  const t = ctx.parse(textName, 'nvme-fw-log-text', (d) => parseFwLogText(own(d, ctrl)));
  if (!t) return undefined;
  recordLineIssues(ctx, textName, 'nvme-fw-log-text', t.issues);
  return { log: t, artifact: textName };
}

function loadController(ctx: LoadContext, ctrl: string, tool: Map<string, string> | undefined): void {
  const key = `nvme:${ctrl}`;
  const pci = lastBdf(ctx.text(`sys/class/nvme/${ctrl}/device`));
  const id = identity(ctx, ctrl, key, tool);
  const serial = id.serial?.trim();
  const wwn = namespaceOneEui(ctx, ctrl);
  ctx.sink.device({
    key, class: 'nvme', pciAddress: pci, parentKey: pci, vendorId: id.vid ?? null, subsystemVendorId: id.ssvid ?? null,
    model: id.model ?? null, serial: id.serial ?? null,
    ...(usableSerial(serial) ? { drive: { bus: 'NVMe', serial, ...(wwn ? { wwn } : {}), named: ctx.under(`sys/class/nvme/${ctrl}/`).length ? 'kernel' : 'node' } } : {}),
  });
  if (id.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: id.firmware, state: 'running', artifact: id.artifact });
  loadLogs(ctx, key, ctrl, tool);
  loadFeatures(ctx, ctrl, key);
  sysfsSettings(ctx, key, `sys/class/nvme/${ctrl}`, NOT_SETTINGS);
}

/** The firmware, SMART and error logs of a drive: read live from its controller (`ctrl`), else saved nvme-cli outputs. */
function loadLogs(ctx: LoadContext, key: string, ctrl: string | undefined, tool: Map<string, string> | undefined): void {
  const fw = fwLog(ctx, ctrl, tool);
  if (fw) {
    const { log, artifact } = fw;
    for (const [slot, version] of Object.entries(log.slots)) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version, state: `slot-${Number(slot)}`, artifact });
    const next = log.nextResetSlot;
    if (next !== null && next !== undefined && next !== log.activeSlot && log.slots[next]) {
      ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: log.slots[next]!, state: 'pending', artifact });
    }
    recordSettings(ctx, key, 'nvme.fw-log', { active_slot: log.activeSlot, next_reset_slot: next }, artifact);
  }

  const binName = ctrl === undefined ? undefined : ioctlName(ctrl, 'smart-log');
  const bin = binName === undefined ? undefined : ctx.parse(binName, 'nvme-smart-log', parseSmartLog);
  const textName = bin ? undefined : tool?.get('smart-log');
  const json = textName !== undefined && looksLikeJson(ctx.text(textName) ?? '');
  const text = !textName ? undefined
    : json ? ctx.parse(textName, 'nvme-smart-log-json', (d) => parseSmartLogJson(d.toString('utf8')))
    : ctx.parse(textName, 'nvme-smart-log-text', (d) => parseSmartLogText(own(d, ctrl)));
  if (textName && text) recordLineIssues(ctx, textName, json ? 'nvme-smart-log-json' : 'nvme-smart-log-text', text.issues);
  const s = bin ?? text;
  const smartName = bin ? binName! : textName!;
  if (s) {
    recordSettings(ctx, key, 'nvme.smart', {
      critical_warning: s.criticalWarning, critical_warnings: s.criticalWarnings, temperature_c: s.temperatureC,
      available_spare: s.availableSparePct, available_spare_threshold: s.availableSpareThresholdPct, percentage_used: s.percentageUsed,
      data_units_read: s.dataUnitsRead, data_units_written: s.dataUnitsWritten, power_cycles: s.powerCycles, power_on_hours: s.powerOnHours,
      unsafe_shutdowns: s.unsafeShutdowns, media_errors: s.mediaErrors, error_log_entries: s.errorLogEntries,
      warning_temp_minutes: s.warningTempMinutes, critical_temp_minutes: s.criticalTempMinutes,
    }, smartName);
  }
  loadErrorLog(ctx, key, ctrl, tool?.get('error-log'));
}

/**
 * The Error Information log, read live (Get Log Page 01h) or from a saved `nvme error-log` (text or -o json): how many entries were read, the highest error count, how many entries
 * hold an error, and each such entry as a person reads it (status decoded, LBA, namespace, command id).
 */
function loadErrorLog(ctx: LoadContext, key: string, ctrl: string | undefined, textName: string | undefined): void {
  const binName = ctrl === undefined ? undefined : ioctlName(ctrl, 'error-log');
  const bin = binName === undefined ? undefined : ctx.parse(binName, 'nvme-error-log', parseErrorLog);
  const name = bin ? binName : textName;
  if (name === undefined) return;
  const json = !bin && looksLikeJson(ctx.text(name) ?? '');
  const parser = bin ? 'nvme-error-log' : json ? 'nvme-error-log-json' : 'nvme-error-log-text';
  const log = bin ?? ctx.parse(name, parser, (d) => (json ? parseErrorLogJson(d.toString('utf8')) : parseErrorLogText(own(d, ctrl))));
  if (!log) return;
  recordLineIssues(ctx, name, parser, log.issues);
  const logged = log.list.filter((e) => e.errorCount !== 0);
  const highest = logged.reduce<bigint | undefined>((m, e) => (m === undefined || BigInt(e.errorCount) > m ? BigInt(e.errorCount) : m), undefined);
  recordSettings(ctx, key, 'nvme.error-log', {
    entries: log.entries, errors_logged: logged.length,
    error_count: highest === undefined ? (log.list.length ? 0 : null) : highest <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(highest) : highest.toString(),
  }, name);
  for (const e of logged) ctx.sink.setting({ deviceKey: key, namespace: 'nvme.error-log', key: `entry${e.index}`, value: entryLine(e), mode: 'current', artifact: name });
}

function loadFeatures(ctx: LoadContext, ctrl: string, key: string): void {
  const pmName = ioctlName(ctrl, 'feature-power-mgmt');
  const pm = ctx.parse(pmName, 'nvme-admin-result', parseAdminResult);
  if (pm !== undefined) recordSettings(ctx, key, 'nvme.feature', { power_state: pm & 0x1f, workload_hint: (pm >> 5) & 7 }, pmName);
  const apstResult = ioctlName(ctrl, 'feature-apst-result');
  const apste = ctx.parse(apstResult, 'nvme-admin-result', parseAdminResult);
  if (apste !== undefined) recordSettings(ctx, key, 'nvme.feature', { apst_enabled: (apste & 1) === 1 }, apstResult);
  const apstName = ioctlName(ctrl, 'feature-apst');
  for (const e of ctx.parse(apstName, 'nvme-apst', parseApstTable) ?? []) {
    ctx.sink.setting({ deviceKey: key, namespace: 'nvme.feature', key: `apst.ps${e.fromState}`, value: `ps${e.toState} after ${e.idleTimeMs} ms`, mode: 'current', artifact: apstName });
  }
}

/** A serial that names one drive: not blank, a placeholder or a mask (`[...]`, `XXXXXXXX`, `<removed>`, `S4EVNX0N (removed)`). */
const usableSerial = (s: string | undefined): s is string => namesDevice(s);

/**
 * An id-ctrl that names no controller: a device keyed by what is its own, as smartctl's outputs without a device are:
 * its serial, else its model, else its saved name (`nvme:id-ctrl-MS92N171312902J0N`). A controller of the same serial
 * already loaded is that drive, read already; so is an earlier such output keyed alike.
 */
function loadUnnamedIdCtrl(ctx: LoadContext, name: string): void {
  const id = idCtrlFromTool(ctx, name);
  if (!id) return;
  const serial = id.serial?.trim() || undefined;
  if (usableSerial(serial) && ctx.devices().some((d) => d.class === 'nvme' && d.serial?.trim() === serial)) return;
  const own = usableSerial(serial) ? serial : id.model?.trim() || (ctx.record(name)?.replayedFrom ?? name).split('/').pop()!.replace(/\.[^.]*$/, '');
  const key = `nvme:id-ctrl-${own.replace(/[^A-Za-z0-9_.:+,-]/g, '_')}`;
  if (ctx.devices().some((d) => d.key === key)) return;
  ctx.sink.device({
    key, class: 'nvme', vendorId: id.vid ?? null, subsystemVendorId: id.ssvid ?? null, model: id.model ?? null, serial: id.serial ?? null,
    ...(usableSerial(serial) ? { drive: { bus: 'NVMe', serial, named: 'own' } } : {}),
  });
  if (id.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: id.firmware, state: 'running', artifact: name });
  recordIdCtrl(ctx, key, id, name);
}

/**
 * The node of the drive of this serial, when exactly one node has it: in sysfs (`sys/class/nvme/nvme0/serial`) or
 * in an `nvme list`. Two nodes of one serial (two controllers of one subsystem) name neither.
 */
function nodeOfSerial(ctx: LoadContext, serial: string): string | undefined {
  const nodes = new Set<string>();
  for (const c of instances(ctx, CTRL)) if (ctx.text(`sys/class/nvme/${c}/serial`)?.trim() === serial) nodes.add(c);
  for (const { entries } of nvmeLists(ctx)) for (const e of entries) if (e.controller && e.serial?.trim() === serial) nodes.add(e.controller);
  return nodes.size === 1 ? [...nodes][0] : undefined;
}

/**
 * Outputs of one drive are one device: an id-ctrl saved with no node whose serial is a node's the tree knows
 * (sysfs, an nvme list) is that node's id-ctrl when the node has none of its own. The others stay apart.
 */
function placeUnnamed(ctx: LoadContext, byCtrl: Map<string, Map<string, string>>, unnamed: string[]): string[] {
  const rest: string[] = [];
  for (const name of unnamed) {
    const serial = idCtrlFromTool(ctx, name)?.serial?.trim();
    const node = usableSerial(serial) ? nodeOfSerial(ctx, serial) : undefined;
    const tools = node === undefined ? undefined : (byCtrl.get(node) ?? new Map<string, string>());
    if (node === undefined || !tools || tools.has('id-ctrl')) {
      rest.push(name);
      continue;
    }
    tools.set('id-ctrl', name);
    byCtrl.set(node, tools);
  }
  return rest;
}

/**
 * The outputs run on by-id links (`disk/by-id/nvme-…`), by drive: a link's drive is keyed as smartctl's and hdparm's
 * outputs on a link are, by the serial an id-ctrl run on it prints, else the link names (`nvme:nvme-<serial>`); a link
 * naming none, with no id-ctrl of it, by the link (`nvme:disk-by-id-nvme-eui.…`). Of two links' outputs of one
 * subcommand of a drive, the richer is read.
 */
function linkDrives(ctx: LoadContext, byLink: Map<string, Map<string, string>>): { drives: Map<string, Map<string, string>>; serials: Map<string, string> } {
  const drives = new Map<string, Map<string, string>>();
  const serials = new Map<string, string>();
  for (const [link, tools] of [...byLink].sort(([a], [b]) => a.localeCompare(b))) {
    const idName = tools.get('id-ctrl');
    const printed = idName === undefined ? undefined : idCtrlFromTool(ctx, idName)?.serial?.trim();
    const serial = usableSerial(printed) ? printed : linkSerial(link);
    const key = `nvme:${serial !== undefined ? ownDriveName('nvme', serial) : link.replace(/\//g, '-')}`;
    // An id-ns output is its namespace's (the id-ns loader's): it makes no controller of a link.
    const own = [...tools].filter(([sub]) => sub !== 'id-ns');
    if (!own.length) continue;
    if (serial !== undefined) serials.set(key, serial);
    for (const [sub, name] of own) keepRicher(ctx, drives, key, sub, name);
  }
  return { drives, serials };
}

/**
 * A drive nvme-cli was run on through by-id links: declared as what it gives of itself, so that it folds into the
 * device of that serial a node or the host names.
 */
function loadLinkDrive(ctx: LoadContext, key: string, serial: string | undefined, tools: Map<string, string>): void {
  const idName = tools.get('id-ctrl');
  const id = idName === undefined ? undefined : idCtrlFromTool(ctx, idName);
  ctx.sink.device({
    key, class: 'nvme', vendorId: id?.vid ?? null, subsystemVendorId: id?.ssvid ?? null, model: id?.model ?? null, serial: serial ?? null,
    ...(serial !== undefined ? { drive: { bus: 'NVMe', serial, named: 'own' } } : {}),
  });
  if (id && idName) {
    if (id.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: id.firmware, state: 'running', artifact: idName });
    recordIdCtrl(ctx, key, id, idName);
  }
  loadLogs(ctx, key, undefined, tools);
}

export const nvmeLoader: ClassLoader = {
  name: 'nvme',
  load(ctx) {
    const { byCtrl, byLink, unnamed } = toolOutputs(ctx);
    const rest = placeUnnamed(ctx, byCtrl, unnamed);
    const ctrls = new Set([...instances(ctx, CTRL), ...byCtrl.keys()]);
    for (const ctrl of [...ctrls].sort()) loadController(ctx, ctrl, byCtrl.get(ctrl));
    const { drives, serials } = linkDrives(ctx, byLink);
    for (const [key, tools] of drives) loadLinkDrive(ctx, key, serials.get(key), tools);
    for (const name of rest) loadUnnamedIdCtrl(ctx, name);
  },
};
