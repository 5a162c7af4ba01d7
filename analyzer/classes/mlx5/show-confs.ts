import { ParseError } from '../../parsers/errors.js';
import { type LineIssue } from '../../parsers/text-input.js';
import { mstText } from './mst-text.js';

/** One parameter of the listing: its name, the values it takes as printed (`<False|True>`, `<NUM>`), its section. */
export interface ListedParam {
  name: string;
  values: string;
  section?: string;
}

/** `mlxconfig -d <dev> i` (show_confs): the parameters a device may support, with descriptions; no value of the device's. */
export interface ShowConfs {
  /** The device its heading names (`List of configurations the device 4b:00.0 may support:`). */
  device?: string;
  params: ListedParam[];
  errors: string[];
  issues: LineIssue[];
}

const HEADING = /^List of configurations the device (\S+) may support:$/;
/** `ROCE CC ECN:`, `PCI CONFIGURATION:`, `GLOBAL PCI CONF:`: a section of the listing. */
const SECTION = /^[A-Z0-9][A-Z0-9 _/.()-]*:$/;
/** `SRIOV_EN=<False|True>   Enable Single-Root I/O Virtualization`; a long value list runs into the description. */
const PARAM = /^([A-Z][A-Za-z0-9_]*(?:\[\d+\])?)=(<[^>]*>)/;

/** The heading that tells a listing from a query, wherever the paste starts. */
export const isShowConfs = (text: string): boolean => mstText(text).lines.some((l) => HEADING.test(l.text.trim()));

export function parseShowConfs(text: string): ShowConfs {
  const params: ListedParam[] = [];
  const errors: string[] = [];
  const issues: LineIssue[] = [];
  let device: string | undefined;
  let section: string | undefined;
  let lastIndent = -1;
  for (const l of mstText(text).lines) {
    const s = l.text.trim();
    const indent = l.text.length - l.text.trimStart().length;
    const heading = HEADING.exec(s);
    if (heading) {
      device = heading[1];
      continue;
    }
    if (/^-[WI]-/.test(s)) continue;
    if (s.startsWith('-E-')) {
      errors.push(s.replace(/^-E-\s*/, ''));
      continue;
    }
    const param = PARAM.exec(s);
    if (param) {
      params.push({ name: param[1]!, values: param[2]!, ...(section !== undefined ? { section } : {}) });
      lastIndent = indent;
      continue;
    }
    if (SECTION.test(s)) {
      section = s.slice(0, -1).trim();
      lastIndent = -1;
      continue;
    }
    // A description's further lines (`0x1: DEST_IP - shaper is selected…`) are indented past the parameter's name.
    if (lastIndent >= 0 && indent > lastIndent) continue;
    issues.push({ line: l.no, text: l.text, message: 'not a section, parameter or description of an mlxconfig parameter listing' });
  }
  if (params.length === 0 && errors.length === 0) throw new ParseError('mlxconfig-show-confs', 'no parameter and no tool error in the listing');
  return { ...(device !== undefined ? { device } : {}), params, errors, issues };
}
