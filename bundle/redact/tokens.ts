/**
 * The token map: every secret seen in a bundle gets one stable token of the same shape. Keys are
 * normalised (hex ids as lowercase hex without separators, hostnames lowercase, serials as found), so
 * every spelling of one secret maps to the same token.
 */
export const REDACTION_POLICY = 'fwsnap-redact/1';

export type SecretKind = 'mac' | 'eui64' | 'uuid' | 'serial' | 'hostname' | 'ipv4' | 'ipv6';
export const SECRET_KINDS: readonly SecretKind[] = ['mac', 'eui64', 'uuid', 'serial', 'hostname', 'ipv4', 'ipv6'];

/** Hex ids: their byte length. */
export const HEX_KIND_BYTES = { mac: 6, eui64: 8, uuid: 16 } as const;
export type HexKind = keyof typeof HEX_KIND_BYTES;

export interface TokenMapJson {
  policy: string;
  tokens: Record<SecretKind, Record<string, string>>;
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** `prefix` + counter zero-padded to exactly `len` characters; base-36 digits when the prefix does not fit. */
export function fixedLengthToken(prefix: string, n: number, len: number): string {
  const digits = String(n);
  if (prefix.length + digits.length <= len) return prefix + digits.padStart(len - prefix.length, '0');
  return n.toString(36).toUpperCase().padStart(len, '0').slice(-len);
}

const DOC_V4 = ['192.0.2.', '198.51.100.', '203.0.113.'];

function ipv4Token(n: number): string {
  const block = Math.floor((n - 1) / 254);
  if (block < DOC_V4.length) return DOC_V4[block] + String(((n - 1) % 254) + 1);
  const m = n - 1 - DOC_V4.length * 254;
  return `198.18.${Math.floor(m / 254) % 256}.${(m % 254) + 1}`;
}

export class TokenMap {
  private readonly maps = new Map<SecretKind, Map<string, string>>(SECRET_KINDS.map((k) => [k, new Map()]));
  private readonly issued = new Map<SecretKind, Set<string>>(SECRET_KINDS.map((k) => [k, new Set()]));
  /** Bumped whenever a new secret is added (the literal matcher rebuilds lazily). */
  generation = 0;
  /** Every (kind, normalised key, token) in the order issued: matchers add what is new since they last looked. */
  readonly log: [SecretKind, string, string][] = [];
  /** Public strings rules compare (model names, firmware versions), lowercase: a secret inside one is left alone. */
  readonly kept = new Set<string>();

  /** Registers a model name or version to keep whole. */
  keep(value: string): void {
    const v = value.trim().toLowerCase();
    if (v.length < 3 || v.length > 256 || this.kept.has(v)) return;
    this.kept.add(v);
    this.generation++;
  }

  static fromJson(j: TokenMapJson): TokenMap {
    const t = new TokenMap();
    for (const kind of SECRET_KINDS) {
      for (const [k, v] of Object.entries(j.tokens?.[kind] ?? {})) {
        if (typeof v !== 'string') continue;
        t.maps.get(kind)!.set(k, v);
        t.issued.get(kind)!.add(t.normTokenKey(kind, v));
        t.log.push([kind, k, v]);
      }
    }
    t.generation++;
    return t;
  }

  toJson(): TokenMapJson {
    const tokens = {} as Record<SecretKind, Record<string, string>>;
    for (const kind of SECRET_KINDS) tokens[kind] = Object.fromEntries(this.maps.get(kind)!);
    return { policy: REDACTION_POLICY, tokens };
  }

  /** (kind, normalised key, token) for every secret. */
  *entries(): Generator<[SecretKind, string, string]> {
    for (const kind of SECRET_KINDS) for (const [k, v] of this.maps.get(kind)!) yield [kind, k, v];
  }

  get size(): number {
    let n = 0;
    for (const m of this.maps.values()) n += m.size;
    return n;
  }

  has(kind: SecretKind, key: string): boolean {
    return this.maps.get(kind)!.has(key);
  }

  /** True when `key` is itself a token this map issued (so a second pass leaves it alone). */
  isToken(kind: SecretKind, key: string): boolean {
    return this.issued.get(kind)!.has(key);
  }

  private normTokenKey(kind: SecretKind, token: string): string {
    return kind === 'hostname' ? token.toLowerCase() : token;
  }

  /** The token for a normalised key, issuing a new one on first sight. */
  token(kind: SecretKind, key: string): string {
    const map = this.maps.get(kind)!;
    const known = map.get(key);
    if (known !== undefined) return known;
    const issued = this.issued.get(kind)!;
    let n = map.size + 1;
    let tok = this.make(kind, key, n);
    while (issued.has(this.normTokenKey(kind, tok)) || map.has(tok)) tok = this.make(kind, key, ++n);
    map.set(key, tok);
    issued.add(this.normTokenKey(kind, tok));
    this.log.push([kind, key, tok]);
    this.generation++;
    return tok;
  }

  private make(kind: SecretKind, key: string, n: number): string {
    switch (kind) {
      case 'mac':
        return '020000' + hex(n, 6);
      case 'eui64':
        return '0200000000' + hex(n, 6);
      case 'uuid':
        return '00000000000040008000' + hex(n, 12);
      case 'serial': {
        const t = fixedLengthToken('SN', n, key.length);
        return /[a-z]/.test(key) && !/[A-Z]/.test(key) ? t.toLowerCase() : t;
      }
      case 'hostname':
        return fixedLengthToken(key.length >= 6 ? 'host' : 'h', n, key.length);
      case 'ipv4':
        return ipv4Token(n);
      case 'ipv6':
        return `2001:db8::${hex(n, 1)}`;
    }
  }
}
