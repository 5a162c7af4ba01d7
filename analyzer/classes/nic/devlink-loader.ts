import type { SettingMode } from '../../db/rows.js';
import { DEVLINK_VERSION_NAME, parseDevlinkHealth, parseDevlinkInfo, parseDevlinkParams, VERSION_GROUPS, type DevlinkInfo, type ParamValue, type Parsed } from './devlink.js';
import { parseDevlinkPorts } from './devlink-port.js';
import { BDF } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';

/**
 * Every captured output of one devlink query: `devlink -j <args>` as the collector runs it, and the text
 * forms a pasted output is stored under (`dev_info.out`, `-jp_dev_info.out`, `dev_info_pci%2f0000:3b:00.0.out`).
 * Each file is routed to the JSON or the text parser by its content, not by its name.
 */
function outputs(ctx: LoadContext, args: string): string[] {
  const pattern = new RegExp(`^cmd/devlink/(?:-[a-z]+_)*${args}(?:_[^/]*)?\\.out$`);
  return ctx.names(pattern).filter((n) => ctx.get(n) !== undefined);
}

/** Runs a devlink parser on one artifact and records each line it could not read as an issue naming the line. */
function parsed<T>(ctx: LoadContext, name: string, parser: string, fn: (text: string) => Parsed<T>): T[] {
  const result = ctx.parse(name, parser, (d) => fn(d.toString('utf8')));
  for (const i of result?.issues ?? []) ctx.sink.issue('PARSE-LINE', `${parser}: line ${i.line} "${i.text}": ${i.message}`, name);
  return result?.items ?? [];
}

/** A port handle (bus/device/port) belongs to its device: 'pci/0000:08:00.0/32768' → device handle and port. */
function splitHandle(handle: string): { device: string; port?: string } {
  const parts = handle.split('/');
  return parts.length > 2 ? { device: parts.slice(0, 2).join('/'), port: parts.slice(2).join('/') } : { device: handle };
}

const CMODES: ReadonlySet<string> = new Set(['runtime', 'driverinit', 'permanent']);

class Devices {
  private readonly seen = new Set<string>();
  constructor(private readonly ctx: LoadContext) {}

  /** The device key of a handle, creating its device row on first sight. */
  key(handle: string, extra: { driver?: string; serial?: string } = {}): string {
    const key = `devlink:${handle}`;
    if (!this.seen.has(key) || extra.driver || extra.serial) {
      const [bus, addr] = handle.split('/');
      const pci = bus === 'pci' && addr && BDF.test(addr) ? addr : null;
      this.ctx.sink.device({ key, class: 'devlink', pciAddress: pci, parentKey: pci, driver: extra.driver ?? null, serial: extra.serial ?? null });
      this.seen.add(key);
    }
    return key;
  }
}

/**
 * The outputs of one file that are current: of a thing shown twice (`dev info` before and after a flash and reload,
 * `health show` before and after a recover), the later output; the earlier one is not stored, so no finding comes from
 * the stale copy, and is noted as an issue.
 */
function latestOf<T>(ctx: LoadContext, name: string, items: T[], id: (item: T) => string, what: string): T[] {
  const last = new Map(items.map((item, i) => [id(item), i]));
  return items.filter((item, i) => {
    if (last.get(id(item)) === i) return true;
    ctx.sink.issue('EARLIER-OUTPUT', `${what} shows ${id(item)} more than once: its later output is read as current, this earlier one (output ${i + 1} of the file) is not stored`, name);
    return false;
  });
}

function loadInfo(ctx: LoadContext, devices: Devices, name: string): void {
  for (const info of latestOf(ctx, name, parsed(ctx, name, 'devlink-info', parseDevlinkInfo), (i) => i.handle, 'devlink dev info')) {
    // The card's serial: serial_number, else board.serial_number (qed prints only that one), so a qed card has one too.
    const key = devices.key(info.handle, { driver: info.driver, serial: info.serialNumber ?? info.boardSerialNumber });
    for (const group of VERSION_GROUPS) {
      for (const [component, version] of Object.entries(info.versions[group])) {
        if (!DEVLINK_VERSION_NAME.test(component)) ctx.sink.issue('PARSE', `devlink-info: ${group} version "${component}" of ${info.handle} is not a version name devlink prints (letters, digits, ".", "_" or "-"): not stored`, name);
        else if (version.trim()) ctx.sink.firmware({ deviceKey: key, component, version: version.trim(), state: group, artifact: name });
      }
    }
    const top: Record<string, string | undefined> = { driver: info.driver, serial_number: info.serialNumber, 'board.serial_number': info.boardSerialNumber, ...info.other };
    for (const [k, v] of Object.entries(top)) {
      if (v !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'devlink.info', key: k, value: v, mode: 'current', artifact: name });
    }
    for (const c of info.flashComponents) {
      if (!DEVLINK_VERSION_NAME.test(c)) ctx.sink.issue('PARSE', `devlink-info: flash component "${c}" of ${info.handle} is not a version name devlink prints: not stored`, name);
      else ctx.sink.setting({ deviceKey: key, namespace: 'devlink.flash-component', key: c, value: true, mode: 'current', artifact: name });
    }
  }
}

function loadParams(ctx: LoadContext, devices: Devices, name: string): void {
  // A parameter shown twice (`param show`, a `param set` typed, `param show` again): its later output is current, all
  // modes alike, so a mode the later output lacks (a reply that cut it) keeps no stale value from the earlier one.
  const params = parsed(ctx, name, 'devlink-param', parseDevlinkParams);
  for (const p of latestOf(ctx, name, params, (x) => `param ${x.name} of ${x.handle}`, 'devlink dev param show')) {
    const { device, port } = splitHandle(p.handle);
    const deviceKey = devices.key(device);
    const key = port ? `port:${port}/${p.name}` : p.name;
    ctx.sink.setting({ deviceKey, namespace: 'devlink.param-type', key, value: p.type, mode: 'current', artifact: name });
    for (const v of p.values) {
      if (!CMODES.has(v.cmode)) {
        ctx.sink.issue('DEVLINK-CMODE', `param ${p.name} of ${p.handle} has unknown cmode "${v.cmode}"`, name);
        continue;
      }
      ctx.sink.setting({ deviceKey, namespace: 'devlink.param', key, value: v.value, mode: v.cmode as SettingMode, artifact: name });
      if (v.default !== undefined) ctx.sink.setting({ deviceKey, namespace: 'devlink.param', key, value: v.default, mode: 'default', artifact: name });
    }
  }
}

function loadHealth(ctx: LoadContext, devices: Devices, name: string): void {
  const reporters = parsed(ctx, name, 'devlink-health', parseDevlinkHealth);
  for (const r of latestOf(ctx, name, reporters, (x) => `reporter ${x.name} of ${x.handle}`, 'devlink health show')) {
    const { device, port } = splitHandle(r.handle);
    const deviceKey = devices.key(device);
    const prefix = port ? `port:${port}/${r.name}` : r.name;
    const values: Record<string, ParamValue | undefined> = {
      state: r.state, error: r.error, recover: r.recover, last_dump: r.lastDump, grace_period_ms: r.gracePeriodMs,
      auto_recover: r.autoRecover, auto_dump: r.autoDump, ...r.other,
    };
    for (const [k, v] of Object.entries(values)) {
      if (v !== undefined) ctx.sink.setting({ deviceKey, namespace: 'devlink.health', key: `${prefix}.${k}`, value: v, mode: 'current', artifact: name });
    }
  }
}

function loadPorts(ctx: LoadContext, devices: Devices, name: string): void {
  for (const p of latestOf(ctx, name, parsed(ctx, name, 'devlink-port', parseDevlinkPorts), (x) => `port ${x.handle}`, 'devlink port show')) {
    const { device, port } = splitHandle(p.handle);
    const deviceKey = devices.key(device);
    const values: [string, ParamValue][] = [...Object.entries(p.attrs), ...Object.entries(p.nested).flatMap(([g, kv]) => Object.entries(kv).map(([k, v]): [string, ParamValue] => [`${g}.${k}`, v]))];
    for (const [k, v] of values) ctx.sink.setting({ deviceKey, namespace: 'devlink.port', key: `port:${port ?? ''}/${k}`, value: v, mode: 'current', artifact: name });
  }
}

export const devlinkLoader: ClassLoader = {
  name: 'devlink',
  load(ctx) {
    const devices = new Devices(ctx);
    for (const name of outputs(ctx, 'dev_info')) loadInfo(ctx, devices, name);
    for (const name of [...outputs(ctx, 'dev_param_show'), ...outputs(ctx, 'port_param_show')]) loadParams(ctx, devices, name);
    for (const name of outputs(ctx, 'health_show')) loadHealth(ctx, devices, name);
    for (const name of outputs(ctx, 'port_show')) loadPorts(ctx, devices, name);
  },
};
