import { type ClassRedaction, type Edit, rawId, textEdit, under } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { isPlaceholder, redactIdentifier } from '../../../bundle/redact/values.js';

/**
 * mlxlink/mstlink `Vendor Serial Number` (Module Info, `-m`) and `Serial Number` (`--show_device`), mlxcables'
 * `Serial number`, as text (`key : value`) or `--json` (`"key" : "value"`). The whole value is the module's or the
 * board's serial: a cable serial that reads as hex (`C2604279049-2`) gets a serial token, not a MAC one, and one
 * with a space in it is replaced whole.
 */
const SERIAL_LINE = /^((?:\x1b\[[\d;]*m)*[^\S\n]*(?:vendor[^\S\n]+)?serial[^\S\n]+number[^\S\n]*:[^\S\n]*)([^\n]*?)[^\S\n]*$/gim;
const SERIAL_JSON = /("(?:vendor[ _])?serial[ _]number"\s*:\s*")([^"\n]*)"/gi;

function linkSerials(d: Buffer, t: TokenMap): Edit[] {
  const text = d.toString('latin1');
  const edits: Edit[] = [];
  for (const re of [SERIAL_LINE, SERIAL_JSON])
    for (const m of text.matchAll(re)) {
      const value = m[2]!.trim();
      if (!value || isPlaceholder(value) || /\x1b/.test(value)) continue;
      const at = m.index + m[1]!.length + m[2]!.indexOf(value);
      edits.push(...textEdit(d, at, at + value.length, redactIdentifier(t, value, 'serial', false)));
    }
  return edits;
}

/** MGIR (after the 16-byte fwctl header) holds the base MAC at 0x12; mst tools print versions, never addresses. */
export const redaction: ClassRedaction = {
  layouts: [
    { name: 'mlx5 MGIR', test: under(/^ioctl\/fwctl\/[^/]+\/access-reg-mgir\.bin$/), binary: true, learn: (d, t) => rawId(d, t, 'mac', 16 + 0x12, 6) },
    { name: 'mlx5 link and cable serials', test: under(/^cmd\/(?:mlxlink|mstlink|mlxcables)\//), binary: false, learn: linkSerials },
  ],
  plainBinary: [/^ioctl\/fwctl\/[^/]+\/(?:info|info-data|mnvda-[\w-]+)\.bin$/],
  noIps: [/^cmd\/mst\w*\//],
};
