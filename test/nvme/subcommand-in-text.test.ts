import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { savedNvmeCommand, savedNvmeList } from '../../collector/classes/nvme/saved.js';

const REAL = new URL('./fixtures/real/', import.meta.url).pathname;

/** Every real nvme-cli output of the corpus (smartctl's excepted), with the name its provenance saves it under. */
const samples = readdirSync(REAL, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'smartctl')
  .flatMap((d) =>
    readdirSync(`${REAL}${d.name}`)
      .filter((f) => f.endsWith('.provenance.yaml'))
      .map((f) => {
        const stem = f.slice(0, -'.provenance.yaml'.length);
        const data = readdirSync(`${REAL}${d.name}`).find((g) => g.startsWith(`${stem}.`) && g !== f)!;
        const p = parseYaml(readFileSync(`${REAL}${d.name}/${f}`, 'utf8')) as { saved_as?: string };
        return { name: `${d.name}/${stem}`, savedAs: p.saved_as, text: readFileSync(`${REAL}${d.name}/${data}`, 'utf8') };
      }),
  )
  .filter((s): s is { name: string; savedAs: string; text: string } => s.savedAs !== undefined && /^cmd\/nvme\//.test(s.savedAs));

/** The subcommand a saved output stands for, `list` included. */
const subcommand = (name: string, text: string): string | undefined => savedNvmeList(name, text)?.[1] ?? savedNvmeCommand(name, text)?.argv[1];

describe('an nvme-cli output saved under a name that says no subcommand (nvme.txt, cmd/nvme/output.out)', () => {
  it('stands for the subcommand its provenance names, or for none when nothing in it names its node; never for another', () => {
    expect(samples.length).toBeGreaterThan(60);
    let reached = 0;
    for (const s of samples) {
      const named = subcommand(s.savedAs, s.text);
      expect(named, s.name).toBeDefined();
      for (const n of ['cmd/nvme/nvme.txt', 'cmd/nvme/output.out']) {
        const read = subcommand(n, s.text);
        if (read !== undefined) expect(read, `${s.name} as ${n}`).toBe(named);
        if (read !== undefined && n === 'cmd/nvme/nvme.txt') reached++;
      }
    }
    // Those left are fw-log, smart-log and id-ns outputs whose text names no node (the device cannot be told), and a paste
    // holding two subcommands' headings.
    expect(reached).toBeGreaterThanOrEqual(59);
  });

  it('reads the subcommand from the fields a paste without nvme-cli\'s heading shows, or from the one command typed', () => {
    expect(savedNvmeCommand('cmd/nvme/nvme.txt', 'vid       : 0x144d\nssvid     : 0x144d\nsn        : S4X\nmn        : SAMSUNG\nfr        : 1B2QEXM7\n')?.argv).toEqual(['nvme', 'id-ctrl']);
    expect(savedNvmeCommand('cmd/nvme/nvme.txt', '{\n  "vid" : 5559,\n  "sn" : "X",\n  "mn" : "WDC"\n}\n')?.argv).toEqual(['nvme', 'id-ctrl']);
    expect(savedNvmeCommand('cmd/nvme/nvme0.txt', 'afi  : 0x1\nfrs1 : 0x3130313030305054 (EDA7602Q)\n')?.argv).toEqual(['nvme', 'fw-log', '/dev/nvme0']);
    expect(savedNvmeCommand('cmd/nvme/nvme.txt', '# nvme smart-log /dev/nvme1\ncritical_warning : 0\ntemperature : 35 C\n')?.argv).toEqual(['nvme', 'smart-log', '/dev/nvme1']);
    expect(savedNvmeList('cmd/nvme/nvme.txt', 'Node             SN                   Model\n---------------- -------------------- ----\n/dev/nvme0n1     S4X                  Samsung\n')).toEqual(['nvme', 'list']);
    // Two outputs' fields in one paste, and no fields at all, say no subcommand.
    expect(savedNvmeCommand('cmd/nvme/nvme0.txt', 'afi : 0x1\nfrs1 : 0x31\ncritical_warning : 0\ntemperature : 35 C\n')).toBeUndefined();
    expect(savedNvmeCommand('cmd/nvme/nvme0.txt', 'nothing nvme-cli printed\n')).toBeUndefined();
  });
});
