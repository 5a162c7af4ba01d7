/**
 * Reads manifest.json as it streams past without holding its artifact list: the elements of the top-level
 * `artifacts` array are cut out one at a time and handed on as text, and everything else (the head: tool,
 * host, options, sources, issues, dropped) is kept, with `"artifacts":[]` in place of the list, for
 * JSON.parse and the schema. A 200,000-artifact manifest (60 MB) costs the size of one record plus the head.
 * The grammar between the elements is checked here; the elements and the head are checked by JSON.parse.
 */
export class ManifestStreamError extends Error {
  constructor(
    message: string,
    /** The manifest was refused for its size, not its shape. */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export interface ManifestStreamLimits {
  /** Bytes of the manifest outside its artifact list. */
  maxHeadBytes: number;
  /** Bytes of one artifact record. */
  maxRecordBytes: number;
  /** Nesting of arrays and objects. */
  maxDepth: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const opens = (c: number): boolean => c === 0x7b || c === 0x5b;
const closes = (c: number): boolean => c === 0x7d || c === 0x5d;
const ARTIFACTS = Buffer.from('artifacts');

type Key = 'none' | 'expect-key' | 'in-key' | 'expect-colon' | 'expect-value';

export class ManifestStream {
  /** Artifact records handed on. */
  records = 0;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private elem: Buffer[] = [];
  private elemBytes = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private mode: 'head' | 'array' | 'element' = 'head';
  private key: Key = 'none';
  private keyBytes: number[] = [];
  private array: 'first' | 'after-element' | 'after-comma' = 'first';
  private elemKind: 'container' | 'string' | 'scalar' = 'container';
  private lists = 0;
  private started = false;

  constructor(
    private readonly limits: ManifestStreamLimits,
    private readonly onRecord: (text: string, index: number) => void,
  ) {}

  write(chunk: Buffer): void {
    let seg = 0;
    const toHead = (end: number): void => {
      if (end <= seg) return;
      this.headBytes += end - seg;
      if (this.headBytes > this.limits.maxHeadBytes) {
        throw new ManifestStreamError(`manifest.json holds more than ${this.limits.maxHeadBytes} bytes outside its artifact list, over the limit`, true);
      }
      this.head.push(chunk.subarray(seg, end));
    };
    const toElem = (end: number): void => {
      if (end <= seg) return;
      this.elemBytes += end - seg;
      if (this.elemBytes > this.limits.maxRecordBytes) {
        throw new ManifestStreamError(`manifest.json artifact record ${this.records} is larger than ${this.limits.maxRecordBytes} bytes, over the limit`, true);
      }
      this.elem.push(chunk.subarray(seg, end));
    };
    const deeper = (): void => {
      if (++this.depth > this.limits.maxDepth) throw new ManifestStreamError(`manifest.json nests deeper than ${this.limits.maxDepth} levels`);
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.mode === 'head') {
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === BACKSLASH) this.escape = true;
          else if (c === QUOTE) {
            this.inString = false;
            if (this.key === 'in-key') this.key = 'expect-colon';
          } else if (this.key === 'in-key' && this.keyBytes.length <= ARTIFACTS.length) this.keyBytes.push(c);
          continue;
        }
        if (isSpace(c)) continue;
        if (!this.started) {
          this.started = true;
          // Anything but an object is left whole to JSON.parse and the schema (it holds no list to stream).
          if (c !== 0x7b) this.key = 'none';
        }
        if (c === QUOTE) {
          this.inString = true;
          if (this.depth === 1 && this.key === 'expect-key') {
            this.key = 'in-key';
            this.keyBytes = [];
          } else if (this.depth === 1) this.key = 'none';
        } else if (opens(c)) {
          if (this.depth === 1 && this.key === 'expect-value' && c === 0x5b && ARTIFACTS.equals(Buffer.from(this.keyBytes))) {
            if (++this.lists > 1) throw new ManifestStreamError('manifest.json gives "artifacts" more than once');
            toHead(i + 1);
            deeper();
            this.mode = 'array';
            this.array = 'first';
            this.key = 'none';
            seg = i + 1;
            continue;
          }
          deeper();
          this.key = this.depth === 1 ? 'expect-key' : this.depth === 2 && this.key !== 'none' ? 'none' : this.key;
        } else if (closes(c)) {
          this.depth--;
          if (this.depth === 1) this.key = 'none';
        } else if (this.depth === 1) {
          if (c === 0x3a && this.key === 'expect-colon') this.key = 'expect-value';
          else if (c === 0x2c) this.key = 'expect-key';
          else this.key = 'none';
        }
        continue;
      }
      if (this.mode === 'array') {
        if (isSpace(c)) continue;
        if (c === 0x5d) {
          if (this.array === 'after-comma') throw new ManifestStreamError('manifest.json is not valid JSON: a comma before the end of its artifact list');
          this.depth--;
          this.mode = 'head';
          seg = i;
          continue;
        }
        if (c === 0x2c) {
          if (this.array !== 'after-element') throw new ManifestStreamError('manifest.json is not valid JSON: a comma without an artifact record before it');
          this.array = 'after-comma';
          continue;
        }
        if (this.array === 'after-element') throw new ManifestStreamError('manifest.json is not valid JSON: artifact records without a comma between them');
        this.mode = 'element';
        seg = i;
        this.elem = [];
        this.elemBytes = 0;
        if (opens(c)) {
          this.elemKind = 'container';
          deeper();
        } else if (c === QUOTE) {
          this.elemKind = 'string';
          this.inString = true;
        } else this.elemKind = 'scalar';
        continue;
      }
      // An element.
      let done = false;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          done = this.elemKind === 'string';
        }
      } else if (this.elemKind === 'scalar') {
        if (isSpace(c) || c === 0x2c || c === 0x5d) {
          toElem(i);
          this.emit();
          seg = i;
          i--;
          continue;
        }
      } else if (c === QUOTE) this.inString = true;
      else if (opens(c)) deeper();
      else if (closes(c)) done = --this.depth === 2;
      if (done) {
        toElem(i + 1);
        this.emit();
        seg = i + 1;
      }
    }
    if (this.mode === 'head') toHead(chunk.length);
    else if (this.mode === 'element') toElem(chunk.length);
  }

  private emit(): void {
    const text = Buffer.concat(this.elem, this.elemBytes).toString('utf8');
    this.elem = [];
    this.elemBytes = 0;
    this.mode = 'array';
    this.array = 'after-element';
    this.onRecord(text, this.records++);
  }

  /** The manifest without its artifact list (`"artifacts":[]` in its place), for JSON.parse. */
  end(): Buffer {
    if (this.mode !== 'head') throw new ManifestStreamError('manifest.json is not valid JSON: it ends inside its artifact list');
    return Buffer.concat(this.head, this.headBytes);
  }
}
