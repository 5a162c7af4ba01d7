import type { ArtifactOrigin } from '../format.js';
import { ATA_LAYOUT } from './layouts-ata.js';
import { BINARY_LAYOUTS, PLAIN_BINARY } from './layouts-binary.js';
import { TEXT_LAYOUTS } from './layouts-text.js';
import type { Layout } from './layout.js';

export type ArtifactClass = 'text' | 'binary' | 'unknown-binary' | 'public';

const LAYOUTS: Layout[] = [ATA_LAYOUT, ...BINARY_LAYOUTS, ...TEXT_LAYOUTS];

/** Artifacts with nothing host-specific in them, passed through untouched. */
const PUBLIC = [/^etc\/os-release$/, /^usr\/lib\/os-release$/];

/** Where dotted version numbers abound and IP addresses do not appear: no IPv4/IPv6 pattern search there. */
const NO_IPS = [/^sys\/(?!class\/nvme(?:-fabrics)?\/[^/]+\/address$)/, /^cmd\/(?:devlink|mst\w*|ethtool|lspci|nvme)\//, /^proc\/(?:cpuinfo|modules|sys\/kernel\/(?:osrelease|version))$/];

export function layoutOf(name: string): Layout | undefined {
  return LAYOUTS.find((l) => l.test(name));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isText(data: Uint8Array): boolean {
  if (data.includes(0)) return false;
  try {
    utf8.decode(data);
    return true;
  } catch {
    return false;
  }
}

/** A `.status` entry beside a command's output or an ioctl's answer: a decimal number and nothing else. */
const STATUS_ENTRY = /^(?:cmd|ioctl)\/.+\.status$/;
const STATUS_TEXT = /^-?\d{1,10}\n?$/;

export function classify(name: string, origin: ArtifactOrigin | undefined, data: Uint8Array): ArtifactClass {
  if (PUBLIC.some((re) => re.test(name))) return 'public';
  if (STATUS_ENTRY.test(name) && data.length <= 12 && STATUS_TEXT.test(Buffer.from(data).toString('latin1'))) return 'public';
  const byName = classifyByName(name, origin);
  if (byName !== 'by-content') return byName;
  return isText(data) ? 'text' : 'unknown-binary';
}

/** The class an artifact's name and origin decide; 'by-content' when it is text only if its bytes are. */
export function classifyByName(name: string, origin: ArtifactOrigin | undefined): ArtifactClass | 'by-content' {
  if (PUBLIC.some((re) => re.test(name))) return 'public';
  const layout = layoutOf(name);
  if (layout) return layout.binary ? 'binary' : 'by-content';
  if (PLAIN_BINARY.some((re) => re.test(name))) return 'binary';
  if (origin?.kind === 'ioctl' || name.startsWith('ioctl/')) return 'unknown-binary';
  return 'by-content';
}

/** isText for bytes arriving in pieces. */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  text = true;
  push(piece: Uint8Array): void {
    if (!this.text) return;
    if (piece.includes(0)) this.text = false;
    else
      try {
        this.decoder.decode(piece, { stream: true });
      } catch {
        this.text = false;
      }
  }
  end(): boolean {
    if (this.text)
      try {
        this.decoder.decode();
      } catch {
        this.text = false;
      }
    return this.text;
  }
}

export function searchIps(name: string): boolean {
  return !NO_IPS.some((re) => re.test(name));
}
