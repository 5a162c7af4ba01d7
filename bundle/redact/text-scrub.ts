import { formatIpv6, ipv6Bytes } from './ip.js';
import type { TokenMap } from './tokens.js';
import { isPlaceholder, redactHexId, redactIdentifier } from './values.js';

const HEX_BYTES = /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4,18}[0-9A-Fa-f]{2}(?![0-9A-Fa-f]|[:-][0-9A-Fa-f])/g;
const GUID_WORDS = /(?<![\w:])[0-9A-Fa-f]{4}(?::[0-9A-Fa-f]{4}){3}(?![\w:])/g;
const UUID = /(?<![\w-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![\w-])/g;
const SERIAL_KEYED = /\b((?:board[._ ])?serial(?:[ _-]?(?:number|no\.?|num))?|s\/n|sn)(\s*["']?\s*[:=]\s*["']?)([^\s"',;]{3,64})(?=([^\n"]*))/gi;
/** `serial_number(…)`, `serial(…)` as drivers print them between parentheses. */
const SERIAL_PAREN = /\b((?:serial|sn)(?:[ _-]?(?:number|no|num))?\(\s*)([^\s()]{3,64})(\s*\))/gi;
const SERIAL_SPACED = /^(\s*(?:board\.)?serial_number )(\S+)$/gm;
const MST_IDS = /\b((?:base\s+)?(?:mac|guid)|(?:node|port|system\s+image)\s+guid)(\s*[:=]\s*)((?:0x)?[0-9A-Fa-f]{12}(?:[0-9A-Fa-f]{4})?)\b/gi;
/**
 * 64- and 128-bit identifiers drivers print after a key: mpt3sas/mpt2sas and mpi3mr `sas_address(0x…)`,
 * `sas_addr(0x…)`, `device_name(0x…)`, `enclosure logical id(0x…)`, `wwid(0x…)` (drivers/scsi/mpt3sas/
 * mpt3sas_scsih.c, mpt3sas_transport.c, drivers/scsi/mpi3mr/), mptevents' `SASAddress=…`, and `node/port/
 * system image GUID`, `EUI64`, `NGUID`, `WWN`, FC `port_name`/`node_name`/`fabric_name` written with `(`, `:` or `=`
 * or a space, the number with `0x`, lpfc's `x` or nothing before it.
 */
const KEYED_HEX_IDS =
  /(?<![A-Za-z])((?:expander_)?sas[ _]?addr(?:ess)?|sasaddress|device[ _]name|enclosure[ _]logical[ _]id|logical[ _]id|enclosure[ _]id(?:entifier)?|wwid|wwpn|wwnn|wwn|(?:port|node|fabric)[ _]name|(?:node|port|sys(?:tem)?[ _]image)[ _]?guid|guid|eui-?64|nguid)(\s*[(:=]\s*["']?|\s+(?:is\s+)?)((?:0?x)?)([0-9A-Fa-f]{16}|[0-9A-Fa-f]{32})(?![0-9A-Fa-f])/gi;
/** World wide names and namespace ids by their prefix: `naa.…`, `eui.…` (also in `nvme-eui.…`), `wwn-0x…` (udev links). */
const PREFIXED_HEX_IDS = /(?<![0-9A-Za-z])(naa\.|eui\.|wwn-0x)([0-9A-Fa-f]{32}|[0-9A-Fa-f]{16})(?![0-9A-Fa-f])/gi;

/**
 * SAS addresses and world wide names in a format no key announces (libsas `(5000c500…)`, other drivers' own
 * words): NAA type 5 (16 hex digits, IEEE registered) or type 6 (32, registered extended), standing alone.
 */
const NAA_IDS = /(?<![0-9A-Za-z_.:-])(0x)?(5[0-9A-Fa-f]{15}|6[0-9A-Fa-f]{31})(?![0-9A-Za-z_:-])/g;

function redactWideId(t: TokenMap, digits: string, original: string): string {
  if (digits.length === 16) return redactHexId(t, 'eui64', original);
  return redactHexId(t, 'uuid', original);
}

const IPV6_CANDIDATE = /(?<![\w:.%])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:])/g;
const IPV4 = /(?<![\w.-])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w-]|\.\d)/g;
const VERSION_CONTEXT = /(?:\bv|\bver(?:sion)?|\bfw|firmware|\brev(?:ision)?|\bbios|microcode|\bnvm|\bapi|release|driver|\bbuild)\W{0,3}$/i;

function redactAddressBytes(t: TokenMap, m: string, sep: string): string {
  const groups = m.split(sep);
  if (groups.length === 6) {
    const first = parseInt(groups[0]!, 16);
    return first & 1 ? m : redactHexId(t, 'mac', m);
  }
  if (groups.length === 8) return redactHexId(t, 'eui64', m);
  if (groups.length === 20) {
    const head = groups.slice(0, 12).join(sep);
    return head + sep + redactHexId(t, 'eui64', groups.slice(12).join(sep));
  }
  return m;
}

/** A GID or IPv6 address: link-local interface ids become EUI-64 tokens, IPv4-mapped ones IPv4 tokens, others IPv6 tokens. */
export function redactIpv6(t: TokenMap, text: string): string {
  const b = ipv6Bytes(text);
  if (!b || b.every((x) => x === 0)) return text;
  const full = /^[0-9A-Fa-f]{4}(?::[0-9A-Fa-f]{4}){7}$/.test(text);
  const upper = /[A-F]/.test(text) && !/[a-f]/.test(text);
  const out = Buffer.from(b);
  const iid = b.subarray(8).toString('hex');
  if (b.readUInt16BE(0) === 0xfe80 && b.subarray(2, 8).every((x) => x === 0)) {
    if (/^0+$/.test(iid) || t.isToken('eui64', iid)) return text;
    Buffer.from(t.token('eui64', iid), 'hex').copy(out, 8);
  } else if (b.subarray(0, 10).every((x) => x === 0) && b.readUInt16BE(10) === 0xffff) {
    const v4 = Array.from(b.subarray(12)).join('.');
    if (t.isToken('ipv4', v4)) return text;
    Buffer.from(t.token('ipv4', v4).split('.').map(Number)).copy(out, 12);
  } else if (b.subarray(0, 15).every((x) => x === 0) && b[15] === 1) {
    return text;
  } else {
    const key = b.toString('hex');
    if (b.readUInt32BE(0) === 0x20010db8 || t.isToken('ipv6', key)) return text;
    ipv6Bytes(t.token('ipv6', key))!.copy(out);
  }
  const s = formatIpv6(out, full);
  return upper ? s.toUpperCase() : s;
}

function redactIpv4(t: TokenMap, m: string, before: string): string {
  if (VERSION_CONTEXT.test(before)) return m;
  const o = m.split('.').map(Number);
  if (o[0] === 0 || o[0] === 127 || o[0] === 255 || o.every((x) => x === 0)) return m;
  const doc = (o[0] === 192 && o[1] === 0 && o[2] === 2) || (o[0] === 198 && o[1] === 51 && o[2] === 100) || (o[0] === 203 && o[1] === 0 && o[2] === 113);
  if (doc || (o[0] === 198 && (o[1] === 18 || o[1] === 19)) || t.isToken('ipv4', m)) return m;
  return t.token('ipv4', m);
}

export interface TextScrubOptions {
  /** Look for IPv4/IPv6 addresses (off for artifacts full of dotted version numbers). */
  ips: boolean;
}

/** Replaces addresses, ids and keyed serial numbers found by pattern; known secrets are the literal pass's job. */
export function scrubText(text: string, t: TokenMap, o: TextScrubOptions): string {
  let s = text.replace(HEX_BYTES, (m: string, sep: string) => redactAddressBytes(t, m, sep));
  s = s.replace(UUID, (m) => redactHexId(t, 'uuid', m));
  s = s.replace(KEYED_HEX_IDS, (_m, key: string, sep: string, x: string, digits: string) => key + sep + x + redactWideId(t, digits, digits));
  s = s.replace(PREFIXED_HEX_IDS, (_m, prefix: string, digits: string) => prefix + redactWideId(t, digits, digits));
  s = s.replace(NAA_IDS, (m: string, x: string | undefined, digits: string) => (/^(.)\1+$/.test(digits.slice(1)) || t.isToken(digits.length === 16 ? 'eui64' : 'uuid', digits.toLowerCase()) ? m : (x ?? '') + redactWideId(t, digits, digits)));
  s = s.replace(MST_IDS, (_m, key: string, sep: string, id: string) => key + sep + redactIdentifier(t, id));
  s = s.replace(SERIAL_PAREN, (m, head: string, v: string, tail: string) => (isPlaceholder(v) ? m : head + redactIdentifier(t, v) + tail));
  s = s.replace(SERIAL_SPACED, (_m, head: string, v: string) => head + redactIdentifier(t, v));
  s = s.replace(SERIAL_KEYED, (m, key: string, sep: string, v: string, rest: string) =>
    isPlaceholder(v + rest) || isPlaceholder(v) ? m : key + sep + redactIdentifier(t, v),
  );
  s = s.replace(IPV6_CANDIDATE, (m) => {
    const full = /^[0-9A-Fa-f]{4}(?::[0-9A-Fa-f]{4}){7}$/.test(m);
    if (!full && !(o.ips && m.includes('::')) && !(o.ips && m.split(':').length === 8)) return m;
    return redactIpv6(t, m);
  });
  s = s.replace(GUID_WORDS, (m) => redactHexId(t, 'eui64', m));
  if (o.ips) s = s.replace(IPV4, (m: string, off: number, all: string) => redactIpv4(t, m, all.slice(Math.max(0, off - 24), off)));
  return s;
}
