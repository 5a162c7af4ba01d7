import { describe, expect, it } from 'vitest';
import type { ExpressFields } from '../../analyzer/classes/pci/pci-config.js';
import { parseLspciText } from '../../analyzer/classes/pci/lspci-text.js';
import { parsePciConfig } from '../../analyzer/classes/pci/pci-config.js';
import { parseLinkSpeed, parseLinkWidth } from '../../analyzer/classes/pci/pci-sysfs.js';
import type { LabRun } from '../lab/lab-machine.js';
import type { LabMachinePart } from '../lab/harness/machine-part.js';
import { lspciVsConfig } from './lspci-vs-config.js';

/** No device of its own (it reads every function of the guest): coldplug of the PCI bus, and lspci as reference. */
export const pciLabPart: LabMachinePart = {
  devices: [],
  buses: ['pci'],
  tools: [{
    runs: [
      { output: 'lspci-xxxx', argv: ['lspci', '-D', '-xxxx'] },
      { output: 'lspci-vvv', argv: ['lspci', '-D', '-vvv'] },
    ],
  }],
};

const BDF_LINE = /^([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) /;

/** `lspci -D …` output split into one block of lines per function, keyed by domain:bus:dev.fn. */
export function lspciBlocks(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const bdf = BDF_LINE.exec(line)?.[1];
    if (bdf) blocks.set(bdf, (current = []));
    else if (current && line.trim() !== '') current.push(line);
  }
  return blocks;
}

/** The config space bytes `lspci -xxxx` printed for one function ("00: 86 80 …" rows of 16). */
export function lspciConfigBytes(lines: string[]): Buffer {
  const bytes: number[] = [];
  for (const line of lines) {
    const m = /^([0-9a-f]{2,3}): ((?:[0-9a-f]{2} ?){1,16})$/.exec(line.trim());
    if (!m) throw new Error(`not an lspci -x row: ${JSON.stringify(line)}`);
    if (parseInt(m[1]!, 16) !== bytes.length) throw new Error(`lspci -x row at ${m[1]} follows ${bytes.length} bytes`);
    bytes.push(...m[2]!.trim().split(' ').map((h) => parseInt(h, 16)));
  }
  return Buffer.from(bytes);
}

export interface LspciLink {
  speedGts: number;
  width: number;
}

/** LnkCap / LnkSta of one `lspci -vvv` block: "Speed 8GT/s, Width x4" (newer lspci may add "(ok)"/"(downgraded)"). */
export function lspciLink(lines: string[], register: 'LnkCap' | 'LnkSta'): LspciLink | undefined {
  const line = lines.find((l) => l.trim().startsWith(`${register}:`));
  if (!line) return undefined;
  const m = /Speed ([\d.]+)GT\/s[^,]*, Width x(\d+)/.exec(line);
  if (!m) throw new Error(`cannot read speed and width from ${JSON.stringify(line.trim())}`);
  return { speedGts: Number(m[1]), width: Number(m[2]) };
}

export function pciScenario(lab: () => LabRun): void {
  describe('PCI: every function of the guest against lspci', () => {
    const collected = (): Map<string, Buffer> => {
      const b = lab().bundle();
      return new Map(b.names(/^sys\/bus\/pci\/devices\/[^/]+\/config$/).map((n) => [n.split('/')[4]!.replace(/%3a/gi, ':'), b.get(n)]));
    };
    const express = (config: Buffer): ExpressFields | undefined =>
      parsePciConfig(config).capabilities.find((c): c is typeof c & { fields: ExpressFields } => c.fields?.kind === 'express')?.fields;

    it('config space bytes of every function equal `lspci -xxxx`', () => {
      const ours = collected();
      const reference = new Map([...lspciBlocks(lab().tool('lspci-xxxx').toString('utf8'))].map(([bdf, lines]) => [bdf, lspciConfigBytes(lines)]));
      expect([...ours.keys()].sort()).toEqual([...reference.keys()].sort());
      const differing = [...reference].filter(([bdf, bytes]) => !ours.get(bdf)?.equals(bytes)).map(([bdf]) => bdf);
      expect(differing).toEqual([]);
      // Root ports and endpoints behind them have a 4096-byte extended config space: all of it was read.
      expect([...ours.values()].filter((c) => c.length === 4096).length).toBeGreaterThanOrEqual(4);
    });

    it('PCIe link capability and status decoded from config space agree with `lspci -vvv`', () => {
      const ours = collected();
      const blocks = lspciBlocks(lab().tool('lspci-vvv').toString('utf8'));
      const compared: string[] = [];
      for (const [bdf, lines] of blocks) {
        const config = ours.get(bdf);
        if (!config) throw new Error(`lspci lists ${bdf}, the bundle has no config space for it`);
        const link = express(config)?.link;
        const cap = lspciLink(lines, 'LnkCap');
        const sta = lspciLink(lines, 'LnkSta');
        expect({ bdf, cap: link ? { speedGts: link.cap.maxSpeedGts, width: link.cap.maxWidth } : undefined }).toEqual({ bdf, cap });
        expect({ bdf, sta: link ? { speedGts: link.sta.speedGts, width: link.sta.width } : undefined }).toEqual({ bdf, sta });
        if (link) compared.push(bdf);
      }
      // Two root ports (8 GT/s x4 and 2.5 GT/s x1 as the lab configures them) and the NVMe and e1000e endpoints.
      expect(compared.length).toBeGreaterThanOrEqual(4);
    });

    it('the kernel\'s sysfs link attributes in the bundle agree with `lspci -vvv` LnkCap and LnkSta', () => {
      const b = lab().bundle();
      const blocks = lspciBlocks(lab().tool('lspci-vvv').toString('utf8'));
      const attr = (bdf: string, name: string): string | undefined => b.entries.get(`sys/bus/pci/devices/${bdf}/${name}`)?.toString('utf8');
      let compared = 0;
      for (const [bdf, lines] of blocks) {
        const cap = lspciLink(lines, 'LnkCap');
        const sta = lspciLink(lines, 'LnkSta');
        const speed = attr(bdf, 'current_link_speed');
        if (!cap || !sta) continue;
        if (speed === undefined) throw new Error(`lspci shows a link for ${bdf}; the bundle has no current_link_speed for it`);
        expect({
          bdf,
          cap: { speedGts: parseLinkSpeed(attr(bdf, 'max_link_speed') ?? ''), width: parseLinkWidth(attr(bdf, 'max_link_width') ?? '') },
          sta: { speedGts: parseLinkSpeed(speed), width: parseLinkWidth(attr(bdf, 'current_link_width') ?? '') },
        }).toEqual({ bdf, cap, sta });
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(4);
    });

    it('every fact fwsnap reads from the guest\'s `lspci -D -vvv` text equals the one it decodes from the collected config space', () => {
      const b = lab().bundle();
      const ours = collected();
      const parsed = parseLspciText(lab().tool('lspci-vvv').toString('utf8'));
      expect(parsed.issues).toEqual([]);
      expect(parsed.functions.map((f) => f.bdf).sort()).toEqual([...ours.keys()].sort());
      const driver = (bdf: string): string | null => b.entries.get(`sys/bus/pci/devices/${bdf}/driver`)?.toString('utf8').trim().split('/').pop() ?? null;
      const differences = parsed.functions.flatMap((fn) => lspciVsConfig(fn, parsePciConfig(ours.get(fn.bdf)!), driver(fn.bdf)));
      expect(differences.filter((d) => !d.explained)).toEqual([]);
      // Root ports and endpoints: their Express registers were compared field by field, not only listed.
      const withLink = parsed.functions.filter((f) => f.capabilities?.some((c) => c.fields?.kind === 'express' && c.fields.link?.sta));
      expect(withLink.length).toBeGreaterThanOrEqual(4);
    });

    it('the root port configured as 8 GT/s x4 reads back so', () => {
      const caps = [...collected().values()].map((c) => express(c)?.link?.cap).filter((c) => c !== undefined);
      expect(caps.some((c) => c.maxSpeedGts === 8 && c.maxWidth === 4)).toBe(true);
    });
  });
}
