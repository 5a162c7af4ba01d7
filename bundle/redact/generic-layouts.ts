import { type Layout, under, wholeValue } from './layout.js';
import type { TokenMap } from './tokens.js';
import { hexIdDigits, hexKindOf, isPlaceholder, redactHexId, redactIdentifier } from './values.js';

function hardwareAddress(t: TokenMap, value: string): string {
  const groups = value.split(':');
  if (groups.length === 6 && !(parseInt(groups[0]!, 16) & 1)) return redactHexId(t, 'mac', value);
  if (groups.length === 20) return groups.slice(0, 12).join(':') + ':' + redactHexId(t, 'eui64', groups.slice(12).join(':'));
  return value;
}

/**
 * Layouts that hold for any class: the host's names, and sysfs attributes whose names mean the same in every
 * subsystem (addresses, serials, unique ids, the model and firmware fields kept whole). Classes add their own.
 */
export const GENERIC_LAYOUTS: readonly Layout[] = [
  {
    name: 'hostname',
    test: under(/^(?:proc\/sys\/kernel\/(?:hostname|domainname)|etc\/hostname|etc\/mailname)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => learnHostname(t, v)),
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
    test: under(/^sys\/.*\/(?:model|firmware_rev|fw_ver|fw_version|firmware_version|vendor|device|subsystem_vendor|subsystem_device|rev|hw_rev|board_id)$/),
    binary: false,
    learn: keepWhole,
  },
];

/** For fields rules compare (models, firmware versions): learned as kept, so no secret is replaced inside them. */
export function keepWhole(d: Buffer, t: TokenMap): [] {
  t.keep(d.toString('utf8'));
  return [];
}

const NOT_A_HOSTNAME = new Set(['(none)', 'localhost', 'localhost.localdomain', 'localhost6', 'localdomain']);

/** Registers a hostname (and its first label, for an FQDN); returns its token. */
export function learnHostname(t: TokenMap, v: string): string {
  if (isPlaceholder(v) || v.length < 2 || NOT_A_HOSTNAME.has(v.toLowerCase())) return v;
  const short = v.split('.')[0]!;
  if (short !== v && short.length >= 2) t.token('hostname', short.toLowerCase());
  return redactIdentifier(t, v, 'hostname');
}

/** Artifacts of any host whose bytes are mostly version numbers, never addresses: sysfs attributes. */
export const GENERIC_NO_IPS: readonly RegExp[] = [/^sys\//];

/** The host's own names, learned before anything is collected. */
export const GENERIC_SEED_FILES: readonly string[] = ['/proc/sys/kernel/hostname', '/etc/hostname'];
