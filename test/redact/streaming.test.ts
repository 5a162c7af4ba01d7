/** Redacting piece by piece (artifacts too large to hold) gives exactly what redacting the whole gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineChunks } from '../../bundle/redact/line-chunks.js';
import { LiteralScrubber } from '../../bundle/redact/literal.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { TokenMap } from '../../bundle/redact/tokens.js';
import { REDACTION } from '../../collector/classes/index.js';

function tokens(): TokenMap {
  const t = new TokenMap();
  t.token('hostname', 'web07');
  t.token('serial', 'S4EWNX0R123456');
  t.token('mac', 'a4bf01234567');
  t.token('eui64', '5000c500a1b2c3d4');
  t.keep('PowerEdge web07 Gen');
  return t;
}

/** Splits bytes at the given cut points. */
function split(data: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const c of at) {
    out.push(data.subarray(from, c));
    from = c;
  }
  out.push(data.subarray(from));
  return out;
}

const piece = fc.constantFrom('PowerEdge web07 Gen', 'PowerEdge ', 'web07', 'WEB07', 'xweb07', 'web07x', 'S4EWNX0R123456', 'a4:bf:01:23:45:67', 'A4BF01234567', '5000c500a1b2c3d4', ' ', '\n', 'q', '\0', '\xff');
const text = fc.array(piece, { maxLength: 60 }).map((a) => Buffer.from(a.join(''), 'latin1'));
const bytes = fc.oneof(text, fc.uint8Array({ maxLength: 400 }).map((u) => Buffer.from(u)));

describe('streaming redaction', () => {
  it('the overlapping literal search equals the whole-buffer search, however the bytes are cut', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 12 }), (data, cuts) => {
        const s = new LiteralScrubber(tokens());
        const whole = s.scrub(data);
        const st = s.stream();
        const parts = split(data, cuts).map((p) => st.push(p));
        parts.push(st.end());
        expect(Buffer.concat(parts).toString('latin1')).toBe(whole.toString('latin1'));
      }),
      { numRuns: 500 },
    );
  });

  it('a secret crossing a piece boundary in a large kernel log is still replaced', () => {
    const r = new Redactor({ catalog: REDACTION, tokens: tokens() });
    const out: Buffer[] = [];
    const sink = r.redactStream('dev/kmsg', 'text', (b) => out.push(b))!;
    const line = Buffer.from('6,1,0,-;mpt3sas_cm0: host web07 adapter a4:bf:01:23:45:67 serial S4EWNX0R123456\n');
    const all = Buffer.concat(Array.from({ length: 40_000 }, () => line));
    for (const p of split(all, [1_048_570, 1_048_590, 2_000_001, 2_500_000])) sink.write(p);
    sink.end();
    const got = Buffer.concat(out).toString();
    expect(got.length).toBe(all.length);
    expect(got).not.toMatch(/web07|a4:bf|S4EWNX0R123456/i);
  });

  it('line chunks end at newlines, cut over-long lines, and lose or add no byte', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('\n'), fc.string({ maxLength: 300 })), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (parts, cuts) => {
        const data = Buffer.from(parts.join(''));
        const c = new LineChunks(64, 128);
        const out: Buffer[] = [];
        for (const p of split(data, cuts)) out.push(...c.push(p));
        const before = out.length;
        out.push(...c.end());
        expect(Buffer.concat(out).equals(data)).toBe(true);
        for (const o of out.slice(0, before)) expect(o[o.length - 1] === 0x0a || o.length <= 128).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
