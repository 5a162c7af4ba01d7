/**
 * The supportconfig caps (a topic read up to 16 MiB, 10,000 entries mapped) bound memory; this checks time: a
 * synthetic supportconfig of each shape a hostile or huge report may take (many small entries, one entry of many
 * lines, one line of megabytes, a module-parameter list, frames with no body) is mapped in time linear in its size
 * (four times the bytes take under seven times as long on a busy machine; the square would be sixteen), and past the caps in time that stops growing.
 */
import { describe, expect, it } from 'vitest';
import { mapSupportconfig, SUPPORTCONFIG_CAPS } from '../../collector/import/supportconfig.js';

const CMD = '#==[ Command ]======================================#';
const CONF = '#==[ Configuration File ]===========================#';

/** A topic of about `bytes` bytes of one shape. */
const SHAPES: Record<string, (bytes: number) => string> = {
  'many entries': (bytes) => repeatTo(bytes, (i) => `${CMD}\n# /usr/sbin/ethtool -i eth${i % 64}\ndriver: ixgbe\nfirmware-version: 0x8000${i}\n\n${CONF}\n# /etc/modprobe.d/m${i}.conf\noptions ixgbe allow_unsupported_sfp=1\n\n\n`),
  'one entry of many lines': (bytes) => `${CMD}\n# /sbin/lspci -vvv\n${repeatTo(bytes, (i) => `\tCapabilities: [${i}] Vendor Specific Information: Len=14 <?>\n`)}\n`,
  'one line of megabytes': (bytes) => `${CMD}\n# /usr/sbin/ethtool -i eth0\n${'x'.repeat(bytes)}\n\n`,
  'module parameters': (bytes) => `${CMD}\n# /bin/grep . /sys/module/*/parameters/*\n${repeatTo(bytes, (i) => `/sys/module/m${i}/parameters/p${i % 7}=${i}\n`)}\n`,
  'frames with no body': (bytes) => repeatTo(bytes, () => `${CMD}\n`),
};

function repeatTo(bytes: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const p = piece(i);
    parts.push(p);
    n += p.length;
  }
  return parts.join('');
}

/** The least of three runs' milliseconds, mapping `text` as network.txt. */
function timeOf(text: string, caps: typeof SUPPORTCONFIG_CAPS): number {
  const b = Buffer.from(text);
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    mapSupportconfig(['network.txt'], (_p, max) => ({ data: b.subarray(0, max), size: b.length }), caps);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const UNCAPPED = { topicBytes: 1 << 30, entries: Number.MAX_SAFE_INTEGER };

describe('supportconfig import time', () => {
  // Before, one line of 32 MiB took 9 times as long as one of 8 MiB (the output was split into lines and encoded again).
  it.each(Object.keys(SHAPES))('%s: four times the bytes take under seven times as long (no caps)', (shape) => {
    const gen = SHAPES[shape]!;
    timeOf(gen(1 << 20), UNCAPPED);
    const small = timeOf(gen(4 << 20), UNCAPPED);
    const large = timeOf(gen(16 << 20), UNCAPPED);
    expect(large / Math.max(small, 10), `${small.toFixed(0)} ms for 4 MiB, ${large.toFixed(0)} ms for 16 MiB`).toBeLessThan(7);
  }, 120_000);

  it('past the caps, a topic four times larger takes no longer to map', () => {
    const gen = SHAPES['many entries']!;
    const caps = { topicBytes: 4 << 20, entries: 5_000 };
    const at = timeOf(gen(8 << 20), caps);
    const past = timeOf(gen(32 << 20), caps);
    expect(past / Math.max(at, 5), `${at.toFixed(0)} ms at 8 MiB, ${past.toFixed(0)} ms at 32 MiB`).toBeLessThan(2);
  }, 120_000);
});
