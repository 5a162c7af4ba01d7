import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { FakeHostPart, PciAddOn } from '../../fake-host/part.js';
import { firmwareRows } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';

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
    // A value as wide as its cell still gets one space after it.
    lines.push(`${marker}${p.name.padEnd(44)}${columns.map(([c]) => `${cell(v[c]).padEnd(CELL - 1)} `).join('')}`);
  }
  lines.push("The '*' shows parameters with next value different from default/current value.", '', "The 'RO' shows parameters which are for read only and cannot be changed", '');
  return lines.join('\n');
}

/** `mstflint -d <bdf> query` (FS4 image): firmware version, PSID and the fields around them. */
export function mstflintQuery(o: { fwVersion: string; runningVersion?: string; psid?: string; releaseDate?: string; roms?: readonly string[] }): string {
  return [
    'Image type:            FS4',
    `FW Version:            ${o.fwVersion}`,
    ...(o.runningVersion ? [`FW Version(Running):    ${o.runningVersion}`] : []),
    `FW Release Date:       ${o.releaseDate ?? '15.11.2023'}`,
    `Product Version:       ${o.fwVersion}`,
    ...(o.roms ?? []).map((r, i) => `${i === 0 ? 'Rom Info:' : ''}`.padEnd(23) + r),
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

type Cell = number | string | [string, number];
/** The ConnectX-6 Dx's NV configuration in the shared fake host (function 0): name, default, current, next boot, read-only. */
const CX6DX_NV: readonly [string, Cell, Cell, Cell, boolean?][] = [
  ['MEMIC_BAR_SIZE', 0, 0, 0],
  ['MEMIC_SIZE_LIMIT', ['_256KB', 1], ['_256KB', 1], ['_256KB', 1]],
  ['HOST_CHAINING_MODE', ['DISABLED', 0], ['DISABLED', 0], ['DISABLED', 0]],
  ['HOST_CHAINING_DESCRIPTORS', 'Array[0..7]', 'Array[0..7]', 'Array[0..7]'],
  ['FLEX_PARSER_PROFILE_ENABLE', 0, 0, 0],
  ['PF_BAR2_SIZE', 0, 0, 0],
  ['PF_NUM_OF_VF_VALID', ['False', 0], ['False', 0], ['False', 0]],
  ['NON_PREFETCHABLE_PF_BAR', ['False', 0], ['False', 0], ['False', 0]],
  ['VF_VPD_ENABLE', ['False', 0], ['False', 0], ['False', 0]],
  ['PF_NUM_PF_MSIX_VALID', ['False', 0], ['False', 0], ['False', 0]],
  ['STRICT_VF_MSIX_NUM', ['False', 0], ['False', 0], ['False', 0]],
  ['VF_NODNIC_ENABLE', ['False', 0], ['False', 0], ['False', 0]],
  ['NUM_OF_VFS', 8, 8, 200],
  ['NUM_OF_PF', 2, 2, 2],
  ['PF_BAR2_ENABLE', ['False', 0], ['False', 0], ['False', 0]],
  ['FPP_EN', ['True', 1], ['True', 1], ['True', 1]],
  ['SRIOV_EN', ['False', 0], ['True', 1], ['True', 1]],
  ['PF_LOG_BAR_SIZE', 5, 5, 5],
  ['VF_LOG_BAR_SIZE', 1, 1, 1],
  ['NUM_PF_MSIX', 63, 63, 63],
  ['NUM_VF_MSIX', 11, 11, 11],
  ['INT_LOG_MAX_PAYLOAD_SIZE', ['AUTOMATIC', 0], ['AUTOMATIC', 0], ['AUTOMATIC', 0]],
  ['PCIE_CREDIT_TOKEN_TIMEOUT', 0, 0, 0],
  ['ADVANCED_PCI_SETTINGS', ['False', 0], ['False', 0], ['False', 0]],
  ['SAFE_MODE_THRESHOLD', 10, 10, 10],
  ['SAFE_MODE_ENABLE', ['True', 1], ['True', 1], ['True', 1]],
  ['CQE_COMPRESSION', ['BALANCED', 0], ['BALANCED', 0], ['BALANCED', 0]],
  ['IP_OVER_VXLAN_EN', ['False', 0], ['False', 0], ['False', 0]],
  ['PCI_ATOMIC_MODE', ['PCI_ATOMIC_DISABLED_EXT_ATOMIC_ENABLED', 0], ['PCI_ATOMIC_DISABLED_EXT_ATOMIC_ENABLED', 0], ['PCI_ATOMIC_DISABLED_EXT_ATOMIC_ENABLED', 0]],
  ['LRO_LOG_TIMEOUT0', 6, 6, 6],
  ['ROCE_CC_PRIO_MASK_P1', 255, 255, 255],
  ['LINK_TYPE_P1', ['ETH', 2], ['ETH', 2], ['ETH', 2]],
  ['LINK_TYPE_P2', ['ETH', 2], ['ETH', 2], ['ETH', 2]],
  ['KEEP_ETH_LINK_UP_P1', ['True', 1], ['True', 1], ['True', 1]],
  ['KEEP_ETH_LINK_UP_P2', ['True', 1], ['True', 1], ['True', 1]],
  ['PHY_FEC_OVERRIDE_P1', ['DEVICE_DEFAULT', 0], ['DEVICE_DEFAULT', 0], ['DEVICE_DEFAULT', 0]],
  ['PHY_FEC_OVERRIDE_P2', ['DEVICE_DEFAULT', 0], ['DEVICE_DEFAULT', 0], ['DEVICE_DEFAULT', 0]],
  ['PF_TOTAL_SF', 0, 0, 0, true],
  ['EXP_ROM_UEFI_x86_ENABLE', ['False', 0], ['False', 0], ['False', 0]],
  ['EXP_ROM_PXE_ENABLE', ['True', 1], ['False', 0], ['False', 0]],
  ['ADVANCED_POWER_SETTINGS', ['False', 0], ['False', 0], ['False', 0]],
];

const nvValue = (c: Cell): { number: number | string; label?: string } => (Array.isArray(c) ? { label: c[0], number: c[1] } : { number: c });

/**
 * The shared fake host's ConnectX-6 Dx as the mst tools show it: `mstconfig -e query` per function (function 0 with
 * SR-IOV on and 200 VFs pending, function 1 without), `mstflint query` (22.39.1002, PSID MT_0000000359), and the
 * fwctl devices fwctl0/fwctl1 in sysfs (their ioctl answers come from the fake fwctl device, test/mlx5/fwctl-fake.ts).
 */
export function fakehostMlx5(tree: FakeTree): void {
  for (const fn of [0, 1]) {
    const bdf = `0000:3b:00.${fn}`;
    const params: NvParam[] = CX6DX_NV.map(([name, d, c, n, readOnly]) => {
      const [dd, cc, nn] = fn === 1 && name === 'NUM_OF_VFS' ? [d, c, c] : fn === 1 && name === 'SRIOV_EN' ? [d, d, d] : [d, c, n];
      return { name, values: { default: nvValue(dd), current: nvValue(cc), next_boot: nvValue(nn) }, ...(readOnly ? { readOnly } : {}) };
    });
    tree.command('mstconfig', ['-d', bdf, '-e', 'query'], mstconfigQuery({ bdf, params }));
    tree.command('mstflint', ['-d', bdf, 'query'], mstflintQuery({ fwVersion: '22.39.1002', roms: ['type=UEFI version=14.32.17 cpu=AMD64,AARCH64', 'type=PXE version=3.7.300 cpu=AMD64'] }));
    const dir = `sys/devices/pci0000:3a/0000:3a:00.0/${bdf}/fwctl/fwctl${fn}`;
    tree.attrs(dir, { dev: `236:${fn}`, uevent: `MAJOR=236\nMINOR=${fn}\nDEVNAME=fwctl/fwctl${fn}` });
    tree.linkTo(`${dir}/device`, `sys/devices/pci0000:3a/0000:3a:00.0/${bdf}`);
    tree.linkTo(`sys/class/fwctl/fwctl${fn}`, dir);
  }
}
