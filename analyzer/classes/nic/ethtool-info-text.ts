import { ParseError } from '../../parsers/errors.js';

/** What `ethtool -i <if>` prints: the drvinfo strings and which optional features the driver supports. */
export interface EthtoolInfoText {
  driver: string;
  version: string;
  fwVersion: string;
  eromVersion: string;
  busInfo: string;
  supports: { statistics?: boolean; test?: boolean; eepromAccess?: boolean; registerDump?: boolean; privFlags?: boolean };
}

const SUPPORTS: Record<string, keyof EthtoolInfoText['supports']> = {
  'supports-statistics': 'statistics',
  'supports-test': 'test',
  'supports-eeprom-access': 'eepromAccess',
  'supports-register-dump': 'registerDump',
  'supports-priv-flags': 'privFlags',
};

/** Parses `ethtool -i` output (one `key: value` per line; values may be empty or contain spaces). */
export function parseEthtoolInfoText(text: string): EthtoolInfoText {
  const kv = new Map<string, string>();
  text.split('\n').forEach((line) => {
    const m = /^\s*([a-z-]+):[ \t]?(.*)$/.exec(line);
    if (m) kv.set(m[1]!, m[2]!.replace(/\s+$/, ''));
  });
  const driver = kv.get('driver');
  if (driver === undefined) throw new ParseError('ethtool-i', 'no "driver:" line; not ethtool -i output');
  const supports: EthtoolInfoText['supports'] = {};
  for (const [key, field] of Object.entries(SUPPORTS)) {
    const v = kv.get(key);
    if (v === 'yes' || v === 'no') supports[field] = v === 'yes';
  }
  return {
    driver,
    version: kv.get('version') ?? '',
    fwVersion: kv.get('firmware-version') ?? '',
    eromVersion: kv.get('expansion-rom-version') ?? '',
    busInfo: kv.get('bus-info') ?? '',
    supports,
  };
}
