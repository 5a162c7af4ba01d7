import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import { familiesOfMajor, fwMajor } from '../../analyzer/classes/mlx5/families.js';

/**
 * Counts the real public outputs under test/<class>/fixtures/real* by the kinds issue 11 asks the corpus to cover,
 * reading each kind off the sample's provenance (its tool, form, saved name and truth), never off its file name.
 */

const TEST = new URL('..', import.meta.url).pathname;
const OUTPUT = /\.(txt|json|xml|hex)$/;

export interface CountedSample {
  /** Path under test/. */
  file: string;
  kinds: string[];
}

type Provenance = Record<string, unknown> & { truth?: Record<string, unknown> };

const DRIVERS = ['mlx5_core', 'ice', 'i40e', 'bnxt_en', 'nfp', 'ionic', 'qed', 'mlxsw', 'ixgbe', 'netdevsim'];
/** Firmware majors a person reads off a flint query, grouped as the issue names the families. */
const FLINT_FAMILIES: [string, number[]][] = [
  ['ConnectX-3 (FS2)', [2]],
  ['ConnectX-4', [12, 14]],
  ['ConnectX-5', [16]],
  ['ConnectX-6', [20, 22, 26]],
  ['ConnectX-7', [28]],
  ['ConnectX-8', [40]],
  ['BlueField', [18, 24, 32]],
];
const MSTCONFIG_LAYOUTS = ['1 column (q: Next Boot)', '2 columns (set preview: Next Boot, New)', '3 columns (-e q: Default, Current, Next Boot)', '4 columns (-e set preview: Default, Current, Next Boot, New)'];

/** Every kind the issue lists, in its order. */
export const REQUIRED_KINDS: string[] = [
  ...DRIVERS.flatMap((d) => [`devlink dev info, text — ${d}`, `devlink dev info, JSON — ${d}`]),
  'devlink dev param show',
  'devlink health show',
  ...FLINT_FAMILIES.map(([f]) => `flint/mstflint query — ${f}`),
  ...MSTCONFIG_LAYOUTS.map((l) => `mstconfig/mlxconfig — ${l}`),
  'ethtool -i',
  'nvme id-ctrl, text',
  'nvme id-ctrl -H',
  'nvme id-ctrl -o json',
  'nvme fw-log, text',
  'nvme fw-log -o json',
  'smartctl -x/-a — SATA',
  'smartctl -x/-a — NVMe',
];

const DEVLINK_JSON_SEARCH =
  'searched: the iproute2 history (two commit messages carry -jp outputs: bnxt_en and nfp, both in the corpus), the netdev and intel-wired-lan archives and GitHub issues/code indexed by the project search tools (strings `devlink -jp dev info`, `devlink -j -p dev info` (found the ionic one), `devlink -j dev info`, `devlink dev info --json`, `dev info -j`, `-jp dev info`, `"fw.mgmt":`, `"fw.psid":`, `"fw.psid": "MT_`, `"fw.undi":`, `"fw.app":`, `"fw.bundle_id":`, `"fw.version":`, `"board.id":`, `"asic.id":`, `"versions":{"fixed"`, `"running":{"fw`, `{"info":{"pci/0000:`, `"info": {"pci/`, `"driver": "mlx5_core",`, `"driver": "ice",`, `"driver": "mlxsw_spectrum`, `"driver": "qed"`, `"netdevsim/netdevsim`); the kernel selftests and tools query devlink JSON but publish no output; Go/Python projects that parse devlink JSON (cluster monitors, GPU-cluster preflights, Mellanox/nic-configuration-operator, the SR-IOV and PTP operators, vishvananda/netlink) test on hand-written placeholders (`"fw.psid":"PSID1"`, `"fw.mgmt":"M1"`) or on Go maps, which are not devlink output, so none was taken'

/** Required kinds no public sample was found for, with where it was looked for. A kind that gains a sample must leave this list. */
export const KNOWN_GAPS: Record<string, string> = {
  ...Object.fromEntries(DRIVERS.filter((d) => !['bnxt_en', 'nfp', 'ionic'].includes(d)).map((d) => [`devlink dev info, JSON — ${d}`, DEVLINK_JSON_SEARCH])),
  'devlink dev info, JSON — netdevsim':
    `${DEVLINK_JSON_SEARCH}. A lab-made sample is not possible either: the QEMU lab boots Debian's own kernel (linux-image-amd64, 6.1; /boot/config-6.1.0-*-amd64 has "# CONFIG_NETDEVSIM is not set"), which is built with CONFIG_NETDEVSIM unset, so the guest has no netdevsim module to run devlink against; building the module from kernel source for the lab was left out (a build recipe for kernel code in the project, compiler and headers in CI)`,
  'flint/mstflint query — ConnectX-8':
    'searched: Mellanox/mstflint issues and pull requests (the ConnectX-8 ones show no query output), Mellanox/nic-configuration-operator (tests use placeholders; pull request 461 logs a ConnectX-8 C8180 at 40.50.0426, PSID MT_0000001172, as the operator read it from devlink, not a flint query), NVIDIA forum and docs pages, GitHub code for `FW Version:            40.`, `FW Version: 40.`, `Product Version:       40.`, `Image type:            FS5`, `mt4131_pciconf`, `ConnectX8` (build logs name 40.x versions and PSIDs but paste no query)',
  'mstconfig/mlxconfig — 4 columns (-e set preview: Default, Current, Next Boot, New)':
    'searched: GitHub code, issues and docs pages for `Current         Next Boot       New`, `Default         Next Boot       New`, `Next Boot            New`, `Current              Next Boot`, `Next Boot       New` (ten set previews, every one two columns), `mlxconfig -e -d` (scripts that grep the -e query), `mlxconfig -e set`; mstflint mlxcfg_ui.cpp (printConfHeader) prints four columns only for set with -e, and no published output of it was found; the parser reads the form (test/mlx5/mstconfig.test.ts)',
};

function provenanceOf(output: string): Provenance | undefined {
  const p = output.replace(OUTPUT, '.provenance.yaml');
  return existsSync(p) ? (parse(readFileSync(p, 'utf8')) as Provenance) : undefined;
}

const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

function devlinkKinds(dir: string, p: Provenance): string[] {
  if (dir === 'devlink-param') return ['devlink dev param show'];
  if (dir === 'devlink-health') return ['devlink health show'];
  if (dir === 'ethtool-i') return ['ethtool -i'];
  const form = p.form === 'json' ? 'JSON' : 'text';
  const devices = (p.truth?.devices ?? []) as { key?: string; driver?: string }[];
  // The driver line, else the handle (`auxiliary/mlxsw_core.lc.0`); `mlx5_core.eth` and `mlxsw_core` are mlx5_core's and mlxsw's.
  const family = (d: { key?: string; driver?: string }): string => {
    const name = d.driver ?? d.key?.replace(/^devlink:[^/]+\//, '') ?? 'driver not shown';
    return DRIVERS.find((x) => name === x || name.startsWith(`${x}.`) || name.startsWith(`${x}_`)) ?? name;
  };
  return [...new Set(devices.map(family))].map((d) => `devlink dev info, ${form} — ${d}`);
}

function flintKind(p: Provenance): string {
  const t = p.truth ?? {};
  const major = fwMajor(asString(t.fw_version) || asString(t.fw_running));
  const family = FLINT_FAMILIES.find(([, majors]) => major !== undefined && majors.includes(major));
  if (family) return `flint/mstflint query — ${family[0]}`;
  return `flint/mstflint query — firmware ${major ?? 'unknown'}.x (${major === undefined ? 'no version' : familiesOfMajor(major).join('/') || 'no ConnectX or BlueField family'})`;
}

function mstconfigKind(p: Provenance): string {
  const cols = new Set<string>();
  for (const d of (p.truth?.devices ?? []) as { params?: Record<string, Record<string, string>> }[]) {
    for (const v of Object.values(d.params ?? {})) for (const c of Object.keys(v)) cols.add(c);
  }
  if (cols.size === 0) return 'mstconfig/mlxconfig — no parameter shown (header or error only)';
  const n = cols.size;
  const layout = MSTCONFIG_LAYOUTS[n - 1];
  return `mstconfig/mlxconfig — ${layout ?? `${n} columns`}`;
}

function nvmeKind(p: Provenance, klass: string): string {
  const json = p.format === 'json';
  if (p.tool === 'smartctl') return `smartctl -x/-a — ${klass === 'ata' ? 'SATA' : 'NVMe'}${json ? ' (JSON)' : ''}`;
  const saved = asString(p.saved_as);
  if (saved.includes('fw-log')) return json ? 'nvme fw-log -o json' : 'nvme fw-log, text';
  if (json) return 'nvme id-ctrl -o json';
  return /\s-H\b/.test(asString(p.command)) ? 'nvme id-ctrl -H' : 'nvme id-ctrl, text';
}

function kindsOf(klass: string, dir: string, p: Provenance | undefined): string[] {
  if (!p) return [`other — ${klass} (provenance in the folder's PROVENANCE.md)`];
  if (klass === 'nic') return devlinkKinds(dir, p);
  if (klass === 'mlx5') return [p.tool === 'mstflint' ? flintKind(p) : mstconfigKind(p)];
  if (klass === 'nvme' || klass === 'ata') {
    const k = nvmeKind(p, klass);
    // smartctl's JSON form counts for the smartctl kind too.
    return k.endsWith(' (JSON)') ? [k.slice(0, -' (JSON)'.length), k] : [k];
  }
  // The tool, else the first word of the command (`sudo lspci -vvv`).
  const tool = asString(p.tool) || asString(p.command).replace(/^(sudo\s+)?/, '').split(/\s/)[0];
  return [tool ? `other — ${klass}: ${tool}` : `other — ${klass}`];
}

/** Every real output with the kinds it counts for. */
export function countedSamples(): CountedSample[] {
  const out: CountedSample[] = [];
  for (const klass of readdirSync(TEST).sort()) {
    const fixtures = join(TEST, klass, 'fixtures');
    if (!existsSync(fixtures)) continue;
    for (const real of readdirSync(fixtures).filter((d) => d.startsWith('real')).sort()) {
      const walk = (dir: string): void => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const path = join(dir, e.name);
          if (e.isDirectory()) walk(path);
          else if (OUTPUT.test(e.name)) out.push({ file: relative(TEST, path), kinds: kindsOf(klass, basename(dir), provenanceOf(path)) });
        }
      };
      walk(join(fixtures, real));
    }
  }
  return out;
}

/** Samples per kind: the required kinds first in the issue's order, then every other kind found. */
export function kindCounts(samples: CountedSample[]): Map<string, number> {
  const counts = new Map<string, number>(REQUIRED_KINDS.map((k) => [k, 0]));
  for (const s of samples) for (const k of s.kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** The classes whose corpora issue 11 lists; the other classes' real outputs are counted in the total only. */
export const ISSUE_CLASSES = ['nic', 'mlx5', 'nvme', 'ata'];

/**
 * docs/real-corpus.md, generated from the corpora of the issue-11 classes (so a sample added to another class's
 * corpus leaves it unchanged).
 */
export function renderCoverage(samples: CountedSample[]): string {
  const mine = samples.filter((s) => ISSUE_CLASSES.includes(s.file.split('/')[0]!));
  const counts = kindCounts(mine);
  const required = new Set(REQUIRED_KINDS);
  const row = (k: string): string => `| ${k} | ${counts.get(k)} |`;
  const others = [...counts.keys()].filter((k) => !required.has(k)).sort();
  return [
    '# The real-output corpus',
    '',
    '<!-- Generated by test/real-corpus/coverage.test.ts from the provenance files; regenerate with FWSNAP_WRITE_CORPUS_TABLE=1. -->',
    '',
    `${mine.length} public outputs nobody on the project wrote are the corpora of ${ISSUE_CLASSES.map((c) => `test/${c}`).join(', ')}`,
    '(`fixtures/real/`), each with its provenance: where it was published and the truth a person reads off it.',
    "Each class's `real-corpus.test.ts` replays every sample with `collect --root` and asserts that truth. The other",
    "classes keep real outputs of their own tools the same way (lspci, nvidia-smi, dmidecode, lsscsi, cxl list, kernel",
    'logs); test/real-corpus/coverage.test.ts counts all of them and asks for at least 120. A sample can count for more',
    'than one kind (a devlink output of two drivers; smartctl JSON).',
    '',
    '## The kinds issue 11 asks for',
    '',
    '| kind | samples |',
    '|---|---|',
    ...REQUIRED_KINDS.map(row),
    '',
    '## Kinds with no public sample found',
    '',
    ...Object.entries(KNOWN_GAPS).map(([k, where]) => `- **${k}** — ${where}.`),
    '',
    '## Other forms in these corpora',
    '',
    '| kind | samples |',
    '|---|---|',
    ...others.map(row),
    '',
  ].join('\n');
}
