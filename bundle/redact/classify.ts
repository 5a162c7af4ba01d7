import type { ArtifactOrigin } from '../format.js';
import { GENERIC_LAYOUTS, GENERIC_NO_IPS, GENERIC_SEED_FILES } from './generic-layouts.js';
import type { ClassRedaction, Layout } from './layout.js';

export type ArtifactClass = 'text' | 'binary' | 'unknown-binary' | 'public';

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
const STATUS_ENTRY = /^(?:(?:cmd|ioctl)\/.+|.+\/\.listing)\.status$/;
const STATUS_TEXT = /^-?\d{1,10}\n?$/;

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

/** What redaction knows of artifacts: the generic layouts plus what every registered class declares. */
export class RedactionCatalog {
  private readonly layouts: readonly Layout[];
  private readonly plainBinary: readonly RegExp[];
  private readonly publicNames: readonly RegExp[];
  private readonly noIps: readonly RegExp[];
  private readonly ips: readonly RegExp[];
  readonly seedFiles: readonly string[];
  readonly seedPerEntry: readonly (readonly [dir: string, files: readonly string[]])[];

  constructor(classes: readonly ClassRedaction[]) {
    this.layouts = [...classes.flatMap((c) => c.layouts ?? []), ...GENERIC_LAYOUTS];
    this.plainBinary = classes.flatMap((c) => c.plainBinary ?? []);
    this.publicNames = classes.flatMap((c) => c.public ?? []);
    this.noIps = [...GENERIC_NO_IPS, ...classes.flatMap((c) => c.noIps ?? [])];
    this.ips = classes.flatMap((c) => c.ips ?? []);
    this.seedFiles = [...GENERIC_SEED_FILES, ...classes.flatMap((c) => c.seedFiles ?? [])];
    this.seedPerEntry = classes.flatMap((c) => c.seedPerEntry ?? []);
  }

  layoutOf(name: string): Layout | undefined {
    return this.layouts.find((l) => l.test(name));
  }

  classify(name: string, origin: ArtifactOrigin | undefined, data: Uint8Array): ArtifactClass {
    if (this.publicNames.some((re) => re.test(name))) return 'public';
    if (STATUS_ENTRY.test(name) && data.length <= 12 && STATUS_TEXT.test(Buffer.from(data).toString('latin1'))) return 'public';
    const byName = this.classifyByName(name, origin);
    if (byName !== 'by-content') return byName;
    return isText(data) ? 'text' : 'unknown-binary';
  }

  /** The class an artifact's name and origin decide; 'by-content' when it is text only if its bytes are. */
  classifyByName(name: string, origin: ArtifactOrigin | undefined): ArtifactClass | 'by-content' {
    if (this.publicNames.some((re) => re.test(name))) return 'public';
    const layout = this.layoutOf(name);
    if (layout) return layout.binary ? 'binary' : 'by-content';
    if (this.plainBinary.some((re) => re.test(name))) return 'binary';
    if (origin?.kind === 'ioctl' || name.startsWith('ioctl/')) return 'unknown-binary';
    return 'by-content';
  }

  searchIps(name: string): boolean {
    return this.ips.some((re) => re.test(name)) || !this.noIps.some((re) => re.test(name));
  }
}
