import { cleanText, type LineIssue } from '../../parsers/text-input.js';

/** One RDMA device as `ibv_devinfo` or `ibstat` prints it, in the terms of its sysfs directory (sys/class/infiniband/<name>). */
export interface VerbsDevice {
  name: string;
  /** The 1-based line of the output that names it (`hca_id: mlx5_0`, `CA 'mlx5_0'`). */
  line: number;
  fwVer?: string;
  /** sysfs attribute names (board_id, hca_type, hw_rev, node_guid, sys_image_guid) and ibv_devinfo's vendor_id, vendor_part_id. */
  attributes: Record<string, string>;
  /** Port number → sysfs port attribute names (state, phys_state, rate, link_layer, lid, sm_lid, lid_mask_count, cap_mask). */
  ports: Record<string, Record<string, string>>;
}

export interface VerbsOutput {
  devices: VerbsDevice[];
  issues: LineIssue[];
}

/** IB port states as sysfs writes them (`4: ACTIVE`), by number; ibv_devinfo prints `PORT_ACTIVE (4)`, ibstat `Active`. */
const STATES = ['NOP', 'DOWN', 'INIT', 'ARMED', 'ACTIVE', 'ACTIVE_DEFER'];
/** IB physical port states as sysfs writes them (`5: LinkUp`), by number; ibv_devinfo -v prints `LINK_UP (5)`, ibstat `LinkUp`. */
const PHYS_STATES = ['', 'Sleep', 'Polling', 'Disabled', 'PortConfigurationTraining', 'LinkUp', 'LinkErrorRecovery', 'Phy Test'];

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');

/** A state word or `WORD (n)` as sysfs's `n: Word`; as printed when it names no state of the list. */
function stateOf(value: string, names: readonly string[]): string {
  const numbered = /\((\d+)\)\s*$/.exec(value);
  const n = numbered ? Number(numbered[1]) : names.findIndex((s) => s !== '' && squash(s) === squash(value.replace(/^PORT_/, '')));
  return n >= 0 && n < names.length && names[n] !== '' ? `${n}: ${names[n]}` : value;
}

/** A GUID as sysfs writes it (`0c42:a103:00b4:b8b4`); ibstat prints `0x0c42a10300b4b8b4`. */
function guidOf(value: string): string {
  const hex = /^0x([0-9a-f]{16})$/i.exec(value)?.[1];
  return hex ? hex.toLowerCase().match(/.{4}/g)!.join(':') : value;
}

/** ibv_devinfo's keys under `hca_id:` and under `port:`, in sysfs's names; its other keys (`-v`'s limits, GIDs) are read and not kept. */
const DEVINFO_DEVICE: Record<string, string> = { fw_ver: 'fw_ver', node_guid: 'node_guid', sys_image_guid: 'sys_image_guid', vendor_id: 'vendor_id', vendor_part_id: 'vendor_part_id', hw_ver: 'hw_rev', board_id: 'board_id' };
const DEVINFO_PORT: Record<string, string> = { state: 'state', phys_state: 'phys_state', sm_lid: 'sm_lid', port_lid: 'lid', port_lmc: 'lid_mask_count', link_layer: 'link_layer', port_cap_flags: 'cap_mask' };
/** ibstat's keys under `CA '<name>'` and under `Port <n>:`. */
const IBSTAT_DEVICE: Record<string, string> = { 'CA type': 'hca_type', 'Firmware version': 'fw_ver', 'Hardware version': 'hw_rev', 'Node GUID': 'node_guid', 'System image GUID': 'sys_image_guid' };
const IBSTAT_PORT: Record<string, string> = { State: 'state', 'Physical state': 'phys_state', Rate: 'rate', 'Base lid': 'lid', LMC: 'lid_mask_count', 'SM lid': 'sm_lid', 'Capability mask': 'cap_mask', 'Link layer': 'link_layer' };
/** ibstat's lines read and not kept. */
const IBSTAT_OTHER = new Set(['Number of ports', 'Port GUID']);

/** ibv_devinfo's `key: value` (`fw_ver:  22.36.1010`, `GID[  0]:  fe80::…`, `-v`'s `max_qp:  131072`, a key with no value). */
const DEVINFO_LINE = /^([A-Za-z_][\w ]*?(?:\[\s*\d+\])?):\s*(.*)$/;
/** The names of set flag bits ibv_devinfo -v lists under a flags field (`BAD_PKEY_CNTR`, `RESIZE_MAX_WR`). */
const FLAG_NAMES = /^[A-Z][A-Z0-9_]*(?:\s+[A-Z][A-Z0-9_]*)*$/;
/** What the tools print instead of devices. */
const NONE = /^(?:No IB devices found|Failed to get IB devices list|ibwarn: |ibpanic: |Failed to open |Couldn't load driver|libibverbs: Warning)/;

function setPort(device: VerbsDevice, port: string, attribute: string, value: string): void {
  const v = attribute === 'state' ? stateOf(value, STATES) : attribute === 'phys_state' ? stateOf(value, PHYS_STATES) : attribute === 'rate' && /^\d+(?:\.\d+)?$/.test(value) ? `${value} Gb/sec` : value;
  (device.ports[port] ??= {})[attribute] = v;
}

function setDevice(device: VerbsDevice, attribute: string, value: string): void {
  if (value === '') return;
  if (attribute === 'fw_ver') device.fwVer = value;
  else device.attributes[attribute] = attribute.endsWith('guid') ? guidOf(value) : value;
}

/**
 * `ibv_devinfo` (also `-v`, `-d <dev>`, `-i <port>`) and `ibstat` (also `ibstat <CA>`) as printed, pasted or saved:
 * each device with its firmware, identity and ports. A line neither tool prints is an issue with its number; the
 * devices around it are kept.
 */
export function parseVerbsText(text: string): VerbsOutput {
  const out: VerbsOutput = { devices: [], issues: [] };
  let device: VerbsDevice | undefined;
  let port: string | undefined;
  let form: 'devinfo' | 'ibstat' | undefined;
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.trim();
    if (line === '') continue;
    const hca = /^hca_id:\s*(\S+)$/.exec(line)?.[1];
    const ca = /^CA '([^']+)'$/.exec(line)?.[1];
    if (hca !== undefined || ca !== undefined) {
      out.devices.push((device = { name: (hca ?? ca)!, line: no, attributes: {}, ports: {} }));
      form = hca !== undefined ? 'devinfo' : 'ibstat';
      port = undefined;
      continue;
    }
    if (NONE.test(line)) {
      out.issues.push({ line: no, text: line, message: 'the tool printed this instead of a device' });
      continue;
    }
    const unread = (message: string): void => void out.issues.push({ line: no, text: line, message });
    if (device === undefined) {
      unread('not under an `hca_id:` or `CA` line');
      continue;
    }
    if (form === 'ibstat') {
      const portNo = /^Port (\d+):$/.exec(line)?.[1];
      if (portNo !== undefined) {
        port = portNo;
        continue;
      }
      const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
      if (!m) unread('not an ibstat "Key: value" line');
      else if (port !== undefined && IBSTAT_PORT[m[1]!] !== undefined) setPort(device, port, IBSTAT_PORT[m[1]!]!, m[2]!);
      else if (port === undefined && IBSTAT_DEVICE[m[1]!] !== undefined) setDevice(device, IBSTAT_DEVICE[m[1]!]!, m[2]!);
      else if (!IBSTAT_OTHER.has(m[1]!) && IBSTAT_PORT[m[1]!] === undefined) unread('not a key ibstat prints');
      continue;
    }
    const m = DEVINFO_LINE.exec(line);
    if (!m) {
      // `-v` lists the names of a flags field's set bits under it, one per line.
      if (!FLAG_NAMES.test(line)) unread('not an ibv_devinfo "key: value" line');
      continue;
    }
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'port') port = value.trim();
    else if (port !== undefined && DEVINFO_PORT[key] !== undefined) setPort(device, port, DEVINFO_PORT[key]!, value.trim());
    else if (port === undefined && DEVINFO_DEVICE[key] !== undefined) setDevice(device, DEVINFO_DEVICE[key]!, value.trim());
  }
  return out;
}
