import type { LoadContext } from '../../load/types.js';
import { parseFabricManagerLog } from './fabric-manager-log.js';

/** The log at its configured path: the collector reads only a *fabricmanager*.log under /var/log. */
const LOG = /^var\/log\/(?:[^/]+\/)*[^/]*fabricmanager[^/]*\.log$/;

export type HostSetting = [key: string, value: string | boolean, artifact: string];

/**
 * What the last start of the Fabric Manager recorded in its log, as settings every GPU of the host carries (like the
 * Fabric Manager's version): the driver it refused, a topology it refused, NVSwitch SXids, whether it configured the
 * fabric. Nothing when the bundle holds no log.
 */
export function fabricManagerLogSettings(ctx: LoadContext): HostSetting[] {
  const name = ctx.names(LOG)[0];
  if (!name) return [];
  const log = ctx.parse(name, 'fabricmanager-log', (b) => parseFabricManagerLog(b.toString('utf8')));
  if (!log) return [];
  for (const i of log.issues) ctx.sink.issue('PARSE-LINE', `fabricmanager-log: line ${i.line} "${i.text}": ${i.message}`, name);
  const run = log.run;
  const out: HostSetting[] = [
    ['fabric_manager_log_configured', run.configured, name],
    ['fabric_manager_log_topology_refused', run.topologyRefused !== undefined, name],
    ['fabric_manager_log_nvswitch_fatal', run.nvswitchFatal.map((e) => e.sxid).join(','), name],
    ['fabric_manager_log_nvswitch_non_fatal', run.nvswitchNonFatal.map((e) => e.sxid).join(','), name],
  ];
  if (run.version) out.push(['fabric_manager_log_version', run.version, name]);
  if (run.driverRefused) {
    out.push(['fabric_manager_log_interface_version', run.driverRefused.interfaceVersion, name]);
    out.push(['fabric_manager_log_refused_driver', run.driverRefused.driverVersion, name]);
  }
  return out;
}
