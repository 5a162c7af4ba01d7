import { cleanText, isElision, type LineIssue } from '../../parsers/text-input.js';

/**
 * `ethtool -m <if>` (`--module-info`): the plugged module's EEPROM decoded, one `Label : value` line per field, the
 * labels padded to one column (ethtool's sfpid.c for SFP/SFP+ (SFF-8079/8472), qsfp.c for QSFP+/QSFP28 (SFF-8436/8636),
 * cmis.c for QSFP-DD/OSFP). The shapes differ in which lines they print (a QSFP28 adds per-channel readings and
 * `Extended identifier description`), not in how a line reads; every shape names the module's vendor the same way.
 */
export interface ModuleInfo {
  /** `0x03 (SFP)`, `0x11 (QSFP28)`: the identifier byte and ethtool's name of it. */
  identifier: string | null;
  connector: string | null;
  vendorName: string | null;
  vendorOui: string | null;
  vendorPn: string | null;
  vendorRev: string | null;
  vendorSn: string | null;
  dateCode: string | null;
  /** `850nm`, `1301.000nm`, as printed. */
  laserWavelength: string | null;
  issues: LineIssue[];
}

const FIELD = /^([A-Za-z][^:]*?)\s*:\s*(.*)$/;

const FIELDS: Record<string, keyof Omit<ModuleInfo, 'issues'>> = {
  identifier: 'identifier', connector: 'connector', 'vendor name': 'vendorName', 'vendor oui': 'vendorOui', 'vendor pn': 'vendorPn',
  'vendor rev': 'vendorRev', 'vendor sn': 'vendorSn', 'date code': 'dateCode', 'laser wavelength': 'laserWavelength',
};

/** Whether a text is `ethtool -m` output: its identifier line, and a line naming the module's vendor. */
export const isModuleInfoText = (text: string): boolean => /^[\s>]*Identifier\s*:\s*0x[0-9a-f]{2}\b/im.test(text) && /^[\s>]*Vendor (?:name|PN)\s*:/im.test(text);

/**
 * The fields of one module. A line that is no `Label : value` is an issue with its number; an elision a person left
 * (`(...)`, `[...]`, `........`) is none. A second `Identifier` line starts another module's output: one issue there,
 * and only the first module is read.
 */
export function parseModuleInfo(text: string): ModuleInfo {
  const out: ModuleInfo = {
    identifier: null, connector: null, vendorName: null, vendorOui: null, vendorPn: null, vendorRev: null, vendorSn: null,
    dateCode: null, laserWavelength: null, issues: [],
  };
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.trim();
    if (line === '' || isElision(line) || /^[.\s]+$/.test(line)) continue;
    const m = FIELD.exec(line);
    if (!m) {
      out.issues.push({ line: no, text: line, message: 'not an ethtool -m "Label : value" line' });
      continue;
    }
    const label = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (label === 'identifier' && out.identifier !== null) {
      out.issues.push({ line: no, text: line, message: "another module's output from here on, not read with the first" });
      break;
    }
    const key = FIELDS[label];
    if (key !== undefined && value !== '') out[key] = value;
  }
  return out;
}
