/**
 * Differential test on the machine that runs the tests: lspci's own text for every PCI function, read by
 * parseLspciText, against the function's config space decoded by parsePciConfig (and its driver link).
 * Needs pciutils (installed by .ci/run); run as root, lspci and sysfs show the whole config space.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLspciText } from '../../analyzer/classes/pci/lspci-text.js';
import { parsePciConfig } from '../../analyzer/classes/pci/pci-config.js';
import { lspciVsConfig, type Difference } from './lspci-vs-config.js';

const DEVICES = '/sys/bus/pci/devices';
const functions = existsSync(DEVICES) ? readdirSync(DEVICES).sort() : [];

function driverOf(bdf: string): string | null {
  try {
    return readlinkSync(`${DEVICES}/${bdf}/driver`).split('/').pop() ?? null;
  } catch {
    return null;
  }
}

describe.each([['-D', '-nnvvv'], ['-D', '-vv', '-k'], ['-nnv']])('lspci %s %s on this machine against its config space', (...args) => {
  const text = execFileSync('lspci', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  const parsed = parseLspciText(text);

  it('reads every line and every function', () => {
    expect(parsed.issues).toEqual([]);
    // A host without PCI (some containers) has none on either side.
    expect(parsed.functions.map((f) => f.bdf).sort()).toEqual(functions);
  });

  it('gives the same facts as config space, or a difference lspci is known to make', () => {
    const all: Difference[] = [];
    for (const fn of parsed.functions) {
      const config = parsePciConfig(readFileSync(`${DEVICES}/${fn.bdf}/config`));
      all.push(...lspciVsConfig(fn, config, driverOf(fn.bdf)));
    }
    expect(all.filter((d) => !d.explained)).toEqual([]);
  });

  it('shows ids, class and capabilities where the options print them', () => {
    const withIds = parsed.functions.filter((f) => f.vendorId !== null);
    expect(withIds.length).toBe(args.some((a) => a.includes('nn')) ? parsed.functions.length : 0);
    const root = process.getuid?.() === 0;
    if (root) expect(parsed.functions.some((f) => (f.capabilities?.length ?? 0) > 0)).toBe(true);
  });
});
