import { ParseError } from '../../parsers/errors.js';
import { cleanText, type LineIssue, type TextLine } from '../../parsers/text-input.js';

/** What `ethtool -i <if>` prints: the drvinfo strings and which optional features the driver supports. */
export interface EthtoolInfoText {
  /** The driver's name (`mlx4_en`), also where the field carries a note (`mlx4_en (MT_0BD0110004)`, the board's PSID in old MLNX_EN). */
  driver: string;
  /** The driver field as printed. */
  driverField: string;
  version: string;
  fwVersion: string;
  eromVersion: string;
  busInfo: string;
  supports: { statistics?: boolean; test?: boolean; eepromAccess?: boolean; registerDump?: boolean; privFlags?: boolean };
  /** Lines that are not ethtool -i lines, with their line numbers; the rest was read. */
  issues: LineIssue[];
}

const SUPPORTS: Record<string, keyof EthtoolInfoText['supports']> = {
  'supports-statistics': 'statistics',
  'supports-test': 'test',
  'supports-eeprom-access': 'eepromAccess',
  'supports-register-dump': 'registerDump',
  'supports-priv-flags': 'privFlags',
};
const STRINGS = new Set(['driver', 'version', 'firmware-version', 'expansion-rom-version', 'bus-info']);

/**
 * Parses `ethtool -i` output (one `key: value` per line; values may be empty or contain spaces), as captured
 * or as pasted (prompts, indentation, quote markers, `...` — see text-input.ts). An unknown line is an issue;
 * only an output without a single ethtool -i line is refused. Given the interface the file is saved for, a paste of
 * several `ethtool -i <if>` runs is read for that interface's run only.
 */
export function parseEthtoolInfoText(text: string, ifname?: string): EthtoolInfoText {
  const kv = new Map<string, string>();
  const issues: LineIssue[] = [];
  const lines = cleanText(text).lines;
  // A paste holding several interfaces' outputs, each under its command: only the one of this interface is its output.
  // A document's command names the interface as a placeholder (`ethtool -i <ethX>`): that run is any interface's.
  const mine = (l: TextLine): boolean => {
    const named = l.command === undefined ? undefined : /(?:^|\s)(?:-i|--driver)\s+(\S+)/.exec(l.command)?.[1];
    return named !== undefined && (named === ifname || /^<[^<>]+>$/.test(named));
  };
  const own = ifname !== undefined && lines.some(mine);
  for (const l of lines) {
    if (own && !mine(l)) {
      issues.push({ line: l.no, text: l.text.trim(), message: l.command === undefined ? 'not a "field: value" line' : `the output of another command (${l.command})` });
      continue;
    }
    const m = /^\s*([a-z-]+):(?:[ \t](.*))?$/.exec(l.text);
    if (m && (STRINGS.has(m[1]!) || m[1]! in SUPPORTS) && !kv.has(m[1]!)) kv.set(m[1]!, (m[2] ?? '').trim());
    else issues.push({ line: l.no, text: l.text.trim(), message: m ? `unknown or repeated field "${m[1]}"` : 'not a "field: value" line' });
  }
  if (!kv.size) throw new ParseError('ethtool-i', 'no "driver:" line; not ethtool -i output');
  const driver = kv.get('driver');
  if (driver === undefined) issues.push({ line: 0, text: '', message: 'no "driver:" line' });
  const supports: EthtoolInfoText['supports'] = {};
  for (const [key, field] of Object.entries(SUPPORTS)) {
    const v = kv.get(key);
    if (v === 'yes' || v === 'no') supports[field] = v === 'yes';
  }
  return {
    driver: /^(\S+)\s+\(.*\)$/.exec(driver ?? '')?.[1] ?? driver ?? '',
    driverField: driver ?? '',
    version: kv.get('version') ?? '',
    fwVersion: kv.get('firmware-version') ?? '',
    eromVersion: kv.get('expansion-rom-version') ?? '',
    busInfo: kv.get('bus-info') ?? '',
    supports,
    issues,
  };
}
