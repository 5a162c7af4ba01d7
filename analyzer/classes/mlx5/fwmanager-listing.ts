import { ParseError } from '../../parsers/errors.js';
import { type LineIssue } from '../../parsers/text-input.js';
import { mstText } from './mst-text.js';

/**
 * `mlxup -l` / `mlxfwmanager -l -i <file> | -D <dir>` (`--list-content`, mstflint's mlxfwupdate display_file_listing):
 * the firmware images a file, a folder or mlxup itself carries, one board (part number, PSID) a row, its firmware version
 * and tag, and its other images (PXE, UEFI…) on the rows below. What the tool could burn, not what any device runs.
 */
export interface ListedImage {
  partNumber: string;
  psid: string;
  /** The images' versions by type, as printed (`FW` → `14.32.1010`). */
  versions: Record<string, string>;
  description: string;
}

export interface FwImageListing {
  images: ListedImage[];
  errors: string[];
  issues: LineIssue[];
}

/** The listing's heading (PN, PSID, Version, Tag, Description, each padded) over a rule of 110 dashes. */
const HEADING = /^PN\s+PSID\s+Version\s+Tag\s+Description$/;
const RULE = /^-{20,}$/;
/** A board's row: part number (N/A when the image names none), PSID, `FW <version>`, the selector tag (`--` for none), description. */
const BOARD = /^(\S+)\s+(\S+)\s+(FW|Running FW)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/;
/** Another image of the board above: its type and version (`PXE 3.6.0502`, `UEFI Virtio net 21.2.10`). */
const IMAGE = /^([A-Z][A-Za-z0-9 ]*?)\s+(\d[\w.-]*)$/;
/** What the tool says around the rows: the file a listing is of (with --archive-names), no image found. */
const TOOL_LINE = /^(?:Supported Boards in File: .*|No image files found)$/;

export const isFwImageListing = (text: string): boolean => mstText(text).lines.some((l) => HEADING.test(l.text.trim()));

export function parseFwImageListing(text: string): FwImageListing {
  const images: ListedImage[] = [];
  const errors: string[] = [];
  const issues: LineIssue[] = [];
  let headed = false;
  for (const l of mstText(text).lines) {
    const s = l.text.trim();
    if (s === '' || RULE.test(s) || TOOL_LINE.test(s)) continue;
    if (HEADING.test(s)) {
      headed = true;
      continue;
    }
    if (/^-E-/.test(s)) {
      errors.push(s.replace(/^-E-\s*/, ''));
      continue;
    }
    const board = headed ? BOARD.exec(s) : null;
    if (board && /^\S/.test(l.text)) {
      images.push({ partNumber: board[1]!, psid: board[2]!, versions: { [board[3]!]: board[4]! }, description: (board[6] ?? '').trim() });
      continue;
    }
    const image = headed && images.length && /^\s/.test(l.text) ? IMAGE.exec(s) : null;
    if (image) {
      images.at(-1)!.versions[image[1]!] = image[2]!;
      continue;
    }
    issues.push({ line: l.no, text: l.text, message: 'not a line of a firmware image listing' });
  }
  if (!headed && errors.length === 0) throw new ParseError('fwmanager-listing', 'no PN / PSID / Version / Tag / Description heading in the output');
  return { images, errors, issues };
}
