import { redactIpv6 } from './text-scrub.js';
import { type Edit, type Layout, wholeValue } from './layout.js';
import type { TokenMap } from './tokens.js';
import { hexIdDigits, hexKindOf, isPlaceholder, redactHexId, redactIdentifier } from './values.js';

const under = (re: RegExp) => (n: string) => re.test(n);

function hardwareAddress(t: TokenMap, value: string): string {
  const groups = value.split(':');
  if (groups.length === 6 && !(parseInt(groups[0]!, 16) & 1)) return redactHexId(t, 'mac', value);
  if (groups.length === 20) return groups.slice(0, 12).join(':') + ':' + redactHexId(t, 'eui64', groups.slice(12).join(':'));
  return value;
}

function jsonSerials(data: Buffer, t: TokenMap): Edit[] {
  let doc: unknown;
  try {
    doc = JSON.parse(data.toString('utf8'));
  } catch {
    return [];
  }
  const walk = (v: unknown, depth: number): void => {
    if (depth > 16 || typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && /(^|\.)serial_number$|^serial$/.test(k)) redactIdentifier(t, x);
      else walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  return [];
}

/** NVIDIA GPU and MIG UUIDs and board serials in nvidia-smi output (XML and text) and the driver's proc information file. */
function nvidiaIdentifiers(data: Buffer, t: TokenMap): Edit[] {
  const text = data.toString('utf8');
  for (const m of text.matchAll(/\b(?:GPU|MIG)-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\b/g)) redactHexId(t, 'uuid', m[1]!);
  for (const m of text.matchAll(/<serial>([^<]*)<\/serial>|^\s*Serial Number\s*:\s*(\S.*?)\s*$/gm)) redactIdentifier(t, (m[1] ?? m[2]!).trim(), 'serial', false);
  return [];
}

/** Text artifacts whose fields fwsnap knows; the values are learned so every other spelling is found too. */
export const TEXT_LAYOUTS: Layout[] = [
  {
    name: 'hostname',
    test: under(/^(?:proc\/sys\/kernel\/(?:hostname|domainname)|etc\/hostname|etc\/mailname)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => learnHostname(t, v)),
  },
  {
    name: 'dmi serial',
    test: under(/^sys\/(?:class\/dmi\/id|devices\/virtual\/dmi\/id)\/(?:product_serial|board_serial|chassis_serial|board_asset_tag|chassis_asset_tag)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => redactIdentifier(t, v)),
  },
  {
    name: 'dmi uuid',
    test: under(/^sys\/(?:class\/dmi\/id|devices\/virtual\/dmi\/id)\/product_uuid$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'uuid', v)),
  },
  {
    name: 'hardware address',
    test: under(/^sys\/.*\/(?:address|perm_address|permaddr|macaddress)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => (/^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2})+$/.test(v) ? hardwareAddress(t, v) : v)),
  },
  {
    name: 'device serial',
    test: under(/^sys\/.*\/(?:serial|serial_number)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => redactIdentifier(t, v, 'serial', false)),
  },
  {
    name: 'infiniband guid',
    test: under(/^sys\/.*\/(?:node_guid|sys_image_guid|port_guid)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'eui64', v)),
  },
  {
    name: 'infiniband gid',
    test: under(/^sys\/.*\/ports\/\d+\/gids\/\d+$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => redactIpv6(t, v)),
  },
  {
    name: 'namespace id',
    test: under(/^sys\/.*\/(?:eui|nguid|uuid|wwid|wwn)$/),
    binary: false,
    learn: (d, t) =>
      wholeValue(d, (v) => {
        const m = /^(eui\.|naa\.|0x)?([0-9a-fA-F][0-9a-fA-F :-]*)$/.exec(v);
        const digits = m ? hexIdDigits(m[2]!) : undefined;
        const kind = digits ? hexKindOf(digits) : undefined;
        return m && kind ? m[1]! + redactHexId(t, kind, m[2]!) : v;
      }),
  },
  {
    name: 'compared fields',
    test: under(
      /^sys\/(?:(?:class\/dmi\/id|devices\/virtual\/dmi\/id)\/(?:product_name|product_version|product_family|product_sku|board_name|board_vendor|board_version|sys_vendor|bios_vendor|bios_version|chassis_vendor|chassis_version)|.*\/(?:model|firmware_rev|fw_ver|fw_version|firmware_version|vendor|device|subsystem_vendor|subsystem_device|rev|hw_rev|board_id))$/,
    ),
    binary: false,
    learn: (d, t) => {
      t.keep(d.toString('utf8'));
      return [];
    },
  },
  {
    name: 'nvidia gpu identifiers',
    test: under(/^(?:cmd\/nvidia-smi\/.*\.out|proc\/driver\/nvidia\/gpus\/[^/]+\/information)$/),
    binary: false,
    learn: nvidiaIdentifiers,
  },
  {
    name: 'devlink json',
    test: under(/^cmd\/devlink\/.*\.out$/),
    binary: false,
    learn: jsonSerials,
  },
];

const NOT_A_HOSTNAME = new Set(['(none)', 'localhost', 'localhost.localdomain', 'localhost6', 'localdomain']);

/** Registers a hostname (and its first label, for an FQDN); returns its token. */
export function learnHostname(t: TokenMap, v: string): string {
  if (isPlaceholder(v) || v.length < 2 || NOT_A_HOSTNAME.has(v.toLowerCase())) return v;
  const short = v.split('.')[0]!;
  if (short !== v && short.length >= 2) t.token('hostname', short.toLowerCase());
  return redactIdentifier(t, v, 'hostname');
}
