import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { FakeHostPart, PciAddOn } from '../helpers/fake-host/part.js';
import { firmwareRows } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

const COLUMNS = [['default', 'Default'], ['current', 'Current'], ['next_boot', 'Next Boot']] as const;
const CELL = 20;

export interface NvParam {
  name: string;
  /** Per column: the number and, for enums and booleans, its name (printed `NAME(n)`). */
  values: Partial<Record<'default' | 'current' | 'next_boot', { number: number | string; label?: string }>>;
  readOnly?: boolean;
}

/**
 * `mstconfig -d <bdf> -e query` as mstflint 4.x prints it: the device header, then one line per parameter with a
 * 20-character cell per column, `*` before a parameter whose next-boot value differs from the default or current one.
 */
export function mstconfigQuery(o: { bdf: string; deviceType?: string; name?: string; description?: string; params: readonly NvParam[] }): string {
  const columns = COLUMNS.filter(([c]) => o.params.some((p) => p.values[c] !== undefined));
  const cell = (v: NvParam['values'][keyof NvParam['values']]): string => (v === undefined ? '' : v.label === undefined ? String(v.number) : `${v.label}(${v.number})`);
  const lines = [
    '',
    'Device #1:',
    '----------',
    '',
    `Device type:        ${(o.deviceType ?? 'ConnectX6DX').padEnd(CELL)}`,
    `Name:               ${(o.name ?? 'MCX623106AN-CDA_Ax').padEnd(CELL)}`,
    `Description:        ${o.description ?? 'NVIDIA ConnectX-6 Dx EN adapter card; 100GbE; Dual-port QSFP56; PCIe 4.0/3.0 x16;'}`,
    `Device:             ${o.bdf.padEnd(CELL)}`,
    '',
    `${'Configurations:'.padEnd(52)}${columns.map(([, title]) => title.padEnd(CELL)).join('').trimEnd()}`,
  ];
  for (const p of o.params) {
    const v = p.values;
    const next = cell(v.next_boot);
    const changed = v.next_boot !== undefined && ((v.default !== undefined && cell(v.default) !== next) || (v.current !== undefined && cell(v.current) !== next));
    const marker = `${changed ? '*' : ' '}${p.readOnly ? 'RO' : '  '}`.padEnd(8);
    lines.push(`${marker}${p.name.padEnd(44)}${columns.map(([c]) => cell(v[c]).padEnd(CELL)).join('')}`);
  }
  lines.push("The '*' shows parameters with next value different from default/current value.", '', "The 'RO' shows parameters which are for read only and cannot be changed", '');
  return lines.join('\n');
}

/** `mstflint -d <bdf> query` (FS4 image): firmware version, PSID and the fields around them. */
export function mstflintQuery(o: { fwVersion: string; runningVersion?: string; psid?: string; releaseDate?: string }): string {
  return [
    'Image type:            FS4',
    `FW Version:            ${o.fwVersion}`,
    ...(o.runningVersion ? [`FW Version(Running):    ${o.runningVersion}`] : []),
    `FW Release Date:       ${o.releaseDate ?? '15.11.2023'}`,
    `Product Version:       ${o.fwVersion}`,
    'Description:           UID                GuidsNumber',
    'Base GUID:             b8cef603000a1b2c        8',
    'Base MAC:              b8cef60a1b2c            8',
    'Image VSD:             N/A',
    'Device VSD:            N/A',
    `PSID:                  ${o.psid ?? 'MT_0000000359'}`,
    'Security Attributes:   N/A',
    '',
  ].join('\n');
}

const NV = new Set(['mlxconfig', 'mlxconfig.label']);
const MODES = new Set(['default', 'current', 'next_boot']);

/** The NV parameters of a description: mlxconfig/<KEY> numbers with their mlxconfig.label/<KEY> names, per mode. */
function nvParams(d: RuleTestDevice): NvParam[] {
  const params = new Map<string, NvParam>();
  for (const s of d.settings ?? []) {
    if (s.namespace !== 'mlxconfig') continue;
    const p = params.get(s.key) ?? { name: s.key, values: {} };
    const mode = (s.mode ?? 'current') as keyof NvParam['values'];
    const label = d.settings?.find((l) => l.namespace === 'mlxconfig.label' && l.key === s.key && (l.mode ?? 'current') === mode)?.value;
    p.values[mode] = { number: s.value as number, ...(label === undefined || label === null ? {} : { label: String(label) }) };
    params.set(s.key, p);
  }
  return [...params.values()];
}

/**
 * What mlx5 adds to a ConnectX PCI function: the NV configuration as `mstconfig -e query` prints it (mlxconfig and
 * mlxconfig.label settings) and the firmware version and PSID as `mstflint query` prints them, under the names the
 * mst source stores them (cmd/mstconfig/-d_<bdf>_-e_query.out, cmd/mstflint/-d_<bdf>_query.out).
 */
export const mlx5PciAddOn: PciAddOn = {
  ownsSetting: (namespace) => NV.has(namespace),
  ownsFirmware: (component) => component === 'firmware' || component === 'psid',
  vendor: 0x15b3,
  unsupported(d) {
    if (d.vendor_id !== undefined && d.vendor_id !== 0x15b3) return 'mstconfig and mstflint run on NVIDIA/Mellanox (15b3) functions only';
    for (const s of d.settings ?? []) {
      if (!NV.has(s.namespace)) continue;
      if (!MODES.has(s.mode ?? 'current')) return `mlxconfig mode ${s.mode} is not a column of mstconfig -e query`;
      if (s.namespace === 'mlxconfig' && typeof s.value !== 'number') return `mlxconfig/${s.key} = ${String(s.value)}: mstconfig prints numbers (and names)`;
      if (s.namespace === 'mlxconfig.label' && !d.settings?.some((n) => n.namespace === 'mlxconfig' && n.key === s.key && (n.mode ?? 'current') === (s.mode ?? 'current'))) return `mlxconfig.label/${s.key} without its number`;
    }
    const params = nvParams(d);
    const columns = new Set(params.flatMap((p) => Object.keys(p.values)));
    const cut = params.find((p) => Object.keys(p.values).length !== columns.size);
    if (cut) return `mstconfig -e query prints every column for every parameter; ${cut.name} has ${Object.keys(cut.values).join(', ')} of ${[...columns].join(', ')}`;
    const fw = firmwareRows(d);
    if (fw.some((f) => f.component === 'firmware' && !['running', 'stored'].includes(f.state ?? 'running'))) return 'mstflint query shows the stored and the running firmware only';
    if (fw.some((f) => f.component === 'psid') && !fw.some((f) => f.component === 'firmware')) return 'mstflint query prints a PSID with a firmware version';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, bdf: string): void {
    const params = nvParams(d);
    if (params.length) tree.command('mstconfig', ['-d', bdf, '-e', 'query'], mstconfigQuery({ bdf, params }));
    const fw = firmwareRows(d);
    const running = fw.find((f) => f.component === 'firmware' && (f.state ?? 'running') === 'running')?.version;
    const stored = fw.find((f) => f.component === 'firmware' && f.state === 'stored')?.version;
    const psid = fw.find((f) => f.component === 'psid')?.version;
    if (running ?? stored) tree.command('mstflint', ['-d', bdf, 'query'], mstflintQuery({ fwVersion: (stored ?? running)!, runningVersion: stored && running !== stored ? running : undefined, psid }));
  },
};

/** mlx5 has no devices of its own in rule tests: its rows belong to PCI functions (see mlx5PciAddOn). */
export const mlx5FakeHost: FakeHostPart = {
  classes: [],
  pciAddOn: mlx5PciAddOn,
  unsupported: () => 'mlx5 rows are written on PCI functions',
  render: () => {
    throw new Error('mlx5 renders through its PCI add-on');
  },
};
