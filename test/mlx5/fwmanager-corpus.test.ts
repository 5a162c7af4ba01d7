/**
 * Public mlxfwmanager / mlxup / mstfwmanager query outputs (test/mlx5/fixtures/real/fwmanager): each parsed and checked
 * against the truth its provenance states, then replayed as a user would (saved into an otherwise empty captured tree
 * under its provenance's name, `collect --root`, analyze) and its rows checked.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { parseFwManagerQuery, type FwManagerDevice } from '../../analyzer/classes/mlx5/fwmanager-query.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';
import { replayedFromSaved } from '../helpers/replayed-from.js';
import { tempDir } from '../helpers/tmp.js';

const DIR = new URL('./fixtures/real/fwmanager/', import.meta.url).pathname;
const MSTFLINT = new URL('./fixtures/real/mstflint/', import.meta.url).pathname;

interface DeviceTruth {
  device: string;
  /** `Device #N` as printed, when not the entry's place in the output (a paste cut above it). */
  index?: number;
  device_type: string;
  part_number: string;
  description: string;
  psid?: string;
  pci_device_name: string;
  base_guid?: string;
  base_mac?: string;
  port1_guid?: string;
  port2_guid?: string;
  port1_mac?: string;
  port2_mac?: string;
  components: Record<string, { current?: string; available?: string }>;
  status: string;
  /** What an update run printed after the query: `done` (the flash now holds the Available image), `failed`, `unfinished`. */
  update?: 'done' | 'failed' | 'unfinished';
}
interface Provenance {
  tool: 'fwmanager';
  saved_as: string;
  source: Record<string, string>;
  truth: {
    devices: DeviceTruth[];
    unknown_lines: number[];
    installer_lines?: number[];
    /** Cards the MLNX_OFED installer had no image for (`… not distributed inside Mellanox driver: 31:00.0 (PSID: …)`), with no query of them. */
    without_image?: { device: string; address: string; psid: string; line: number }[];
  };
  expected_findings: string[];
}

const samples = readdirSync(DIR)
  .filter((f) => /\.(txt|xml)$/.test(f))
  .sort()
  .map((f) => ({ id: f, text: readFileSync(join(DIR, f)), prov: parseYaml(readFileSync(join(DIR, f.replace(/\.(txt|xml)$/, '.provenance.yaml')), 'utf8')) as Provenance }));

/** What a person reads off one device of a query, in the truth's terms. */
function read(d: FwManagerDevice): Omit<DeviceTruth, 'device' | 'index'> {
  const out: Omit<DeviceTruth, 'device' | 'index'> = {
    device_type: d.deviceType!, part_number: d.partNumber!, description: d.description!, psid: d.psid!, pci_device_name: d.pciDeviceName!,
    components: Object.fromEntries(d.components.map((c) => [c.name, { ...(c.current ? { current: c.current } : {}), ...(c.available ? { available: c.available } : {}) }])),
    status: d.status!,
  };
  if (d.baseGuid) out.base_guid = d.baseGuid;
  if (d.baseMac) out.base_mac = d.baseMac;
  if (d.update) out.update = d.update;
  for (const p of [1, 2]) {
    if (d.portGuids[p]) out[`port${p}_guid` as 'port1_guid'] = d.portGuids[p];
    if (d.portMacs[p]) out[`port${p}_mac` as 'port1_mac'] = d.portMacs[p];
  }
  return out;
}

/** The sample's output in the bundle: read from the file saved, or from its part below a command typed in it (`mlxfwmanager.txt:1`). */
const reached = (manifest: { artifacts: { name: string; replayedFrom?: string }[] }, saved: string) =>
  manifest.artifacts.find((a) => replayedFromSaved(a, saved) && a.name.endsWith('.out'));

async function replay(files: Record<string, Buffer | string>, links: Record<string, string> = {}) {
  const dir = tempDir();
  for (const [name, data] of Object.entries(files)) {
    const file = join(dir, 'tree', name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  writeTree(join(dir, 'tree'), Object.fromEntries(Object.entries(links).map(([k, v]) => [k, { link: v }])));
  const bundle = join(dir, 'pasted.tar.gz');
  const { manifest } = await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
  const result = await analyze({ bundles: [bundle], minSeverity: 'info' });
  const rows = (sql: string, ...args: unknown[]): Record<string, unknown>[] => result.db.prepare(sql).all(...args) as Record<string, unknown>[];
  return { manifest, rows, ...result };
}

const romOf = (name: string): string => `rom.${name.toLowerCase().replace(/\s+/g, '_')}`;

describe('public firmware manager queries, parsed', () => {
  it('the corpus holds at least 12 samples of the three tools, each with where it was published', () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
    for (const s of samples) expect(s.prov.source.kind, s.id).toMatch(/^(repository|issue|pull-request|mailing-list|indexed-file|web-page)$/);
    const tools = new Set(samples.map((s) => s.prov.saved_as.split('/')[1]));
    expect([...tools].sort()).toEqual(['mlxfwmanager', 'mlxup', 'mstfwmanager']);
  });

  it.each(samples)('$id', ({ text, prov }) => {
    const q = parseFwManagerQuery(text.toString('utf8'));
    expect(q.devices.map(read)).toEqual(prov.truth.devices.map(({ device: _device, index: _index, ...rest }) => rest));
    expect(q.devices.map((d) => d.index)).toEqual(prov.truth.devices.map((d, i) => d.index ?? i + 1));
    // Each sample is one run of the tool.
    expect(q.devices.map((d) => d.run)).toEqual(prov.truth.devices.map(() => 1));
    expect(q.issues.map((i) => i.line)).toEqual(prov.truth.unknown_lines);
    // An installer's own lines around the query (MLNX_OFED / MLNX_EN) are its words, read once, not unread lines.
    expect(q.installerLines).toEqual(prov.truth.installer_lines ?? []);
    expect(q.installerWithoutImage ?? []).toEqual((prov.truth.without_image ?? []).map(({ device: _device, ...w }) => w));
  });

  it('the XML form of a query reads as its text form does', () => {
    const xml = parseFwManagerQuery(readFileSync(join(DIR, 'cx6lx-mlxup-query-format-xml.xml'), 'utf8'));
    const textForm = parseFwManagerQuery(readFileSync(join(DIR, 'cx6lx-mlxup-query-rhel.txt'), 'utf8'));
    expect(xml.format).toBe('xml');
    expect(xml.devices.map(read)).toEqual(textForm.devices.map(read));
  });

  it('an output naming no device is an error, a line it does not know is an issue with its line number', () => {
    expect(() => parseFwManagerQuery('Querying Mellanox devices firmware ...\n\n-E- No devices found\n')).toThrow(/no device/);
    const q = parseFwManagerQuery('Device #1:\n----------\n  PSID:             MT_0000000011\n  Versions:         Current        Available\n     FW             16.28.4000     N/A\n     something odd here\n  Status:           Up to date\n');
    expect(q.devices[0]!.components).toEqual([{ name: 'FW', current: '16.28.4000' }]);
    expect(q.issues).toEqual([{ line: 6, text: '     something odd here', message: 'not a row of the Versions table' }]);
  });

  // A person's sentence ending in a colon matches the field pattern (`Key:` with no value); the tool's field names are
  // capitalised words, so it is no field and opens no entry (an empty first entry made the real query the second run).
  it("a writer's sentence ending in a colon above the query is no entry, and its line is the writer's", async () => {
    const text = readFileSync(join(DIR, 'cx4-two-devices-dev-mst-no-uefi.txt'), 'utf8');
    const withProse = `Here is what the cards report after the update:\n${text}`;
    const q = parseFwManagerQuery(withProse);
    expect(q.devices.map((d) => [d.index, d.run, d.psid])).toEqual(parseFwManagerQuery(text).devices.map((d) => [d.index, d.run, d.psid]));
    expect(q.devices).toHaveLength(2);
    expect(q.issues.map((i) => i.line)).toEqual([1]);
    const { rows } = await replay({ 'cmd/mlxfwmanager/--query.out': withProse });
    expect(rows(`SELECT code FROM collection_issues WHERE code = 'UNKNOWN-LINE'`)).toEqual([]);
  }, 60_000);

  // The form mlxfwmanager prints when the flash holds another image than the one running (MlnxDev: `FW (Running)` is
  // added only when the two differ), and a ROM whose type is several words (public samples show both:
  // bf2-fw-running-row-no-status-dpu-guide, bf2-dell-mlxfwmanager-online-virtio-roms).
  const RUNNING = 'Device #1:\n  PSID:             MT_0000000359\n  PCI Device Name:  0000:3b:00.0\n  Versions:         Current        Available\n     FW             22.41.1000     ---\n     FW (Running)   22.39.1002     N/A\n     PXE            N/A            3.7.0400\n     UEFI Virtio net 21.4.0010     N/A\n  Status:           Update required\n';
  it('a running version that differs from the flash is read from its own row; placeholders are no version', () => {
    const q = parseFwManagerQuery(RUNNING);
    expect(q.devices[0]!.components).toEqual([
      { name: 'FW', current: '22.41.1000' }, { name: 'FW (Running)', current: '22.39.1002' }, { name: 'PXE', available: '3.7.0400' }, { name: 'UEFI Virtio net', current: '21.4.0010' },
    ]);
  });
  it('stores the flash image as stored and the FW (Running) row as running; a ROM named in words is rom.<words>', async () => {
    const { rows } = await replay({ 'cmd/mlxfwmanager/--query.out': RUNNING });
    expect(rows(`SELECT component, version, state FROM firmware WHERE device_key = '0000:3b:00.0' AND component != 'psid' ORDER BY component, state`)).toEqual([
      { component: 'firmware', version: '22.39.1002', state: 'running' },
      { component: 'firmware', version: '22.41.1000', state: 'stored' },
      { component: 'rom.uefi_virtio_net', version: '21.4.0010', state: 'stored' },
    ]);
    // A placeholder is never a version: the PXE row has only the image's, the firmware none of the image's.
    expect(rows(`SELECT key, value FROM settings WHERE namespace = 'mlx.update_image'`)).toEqual([{ key: 'rom.pxe', value: '3.7.0400' }]);
  }, 60_000);
});

describe('public firmware manager queries, replayed with collect --root', () => {
  // The same sample saved under another name is found by the same lookup: a text named for its tool alone, with the
  // command typed in it, is read as that command's part (`mlxfwmanager.txt:1`), which an exact name lookup missed.
  it('a sample saved under its tool\'s name alone, the command typed in it, is found and read the same', async () => {
    const s = samples.find((x) => x.id === 'cx3-mlxfwmanager-query-bracket-prompt.txt')!;
    for (const saved of [s.prov.saved_as, 'mlxfwmanager.txt']) {
      const { manifest, rows } = await replay({ [saved]: s.text });
      expect(reached(manifest, saved), `${saved} reached the bundle`).toBeDefined();
      expect(rows(`SELECT DISTINCT device_key FROM firmware ORDER BY device_key`).map((r) => r.device_key), saved).toEqual([...new Set(s.prov.truth.devices.map((d) => d.device))].sort());
    }
  }, 60_000);

  it.each(samples)('$id', async ({ id, text, prov }) => {
    const { manifest, rows, report } = await replay({ [prov.saved_as]: text });
    expect(reached(manifest, prov.saved_as), `${id}: reached the bundle`).toBeDefined();
    expect(rows(`SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL`)).toEqual([]);
    // One device per entry of the output: nothing doubled, nothing lost.
    const withoutImage = prov.truth.without_image ?? [];
    expect(rows(`SELECT DISTINCT device_key FROM firmware ORDER BY device_key`).map((r) => r.device_key)).toEqual([...new Set([...prov.truth.devices, ...withoutImage].map((d) => d.device))].sort());
    // A card the installer had no image for: the PSID its query read, no firmware version, and an issue saying it was not updated.
    for (const w of withoutImage) {
      expect(rows(`SELECT component, state, version FROM firmware WHERE device_key = ?`, w.device)).toEqual([{ component: 'psid', state: 'fixed', version: w.psid }]);
      expect(rows(`SELECT message FROM collection_issues WHERE code = 'NO-IMAGE' AND message LIKE ?`, `%:${w.line}: %`)).toEqual([
        { message: expect.stringContaining(`no firmware image for ${w.device} (PSID ${w.psid}`) },
      ]);
    }
    for (const t of prov.truth.devices) {
      const fw = (component: string, state: string): unknown[] => rows(`SELECT version FROM firmware WHERE device_key = ? AND component = ? AND state = ?`, t.device, component, state).map((r) => r.version);
      // After an update the run reports done, the flash holds the image's versions; the old firmware runs until a reset. A
      // ROM the image did not hold stays on a ConnectX-3 (FS2: the card's own is burned with the image) and is on no later
      // card's flash any more (FS3/FS4 images are written with their own ROMs only: mstflint fs2_ops/fs4_ops, flint --use_dev_rom).
      const fs2 = /^2\./.test(t.components.FW?.current ?? '');
      const notInImage = (n: string, c: { current?: string; available?: string }): boolean => t.update === 'done' && !/^FW/.test(n) && !c.available && !!c.current;
      const flashed = (c: { current?: string; available?: string } | undefined): string | undefined =>
        t.update === 'done' ? c?.available ?? (fs2 ? c?.current : undefined) : c?.current;
      const flash = t.update === 'done' ? t.components.FW?.available ?? t.components.FW?.current : t.components.FW?.current;
      const running = t.components['FW (Running)']?.current ?? t.components.FW?.current;
      expect(fw('firmware', 'stored')).toEqual(flash ? [flash] : []);
      expect(fw('firmware', 'running')).toEqual(running ? [running] : []);
      expect(fw('psid', 'fixed')).toEqual(t.psid !== undefined ? [t.psid] : []);
      const roms = Object.entries(t.components).filter(([n, c]) => !/^FW/.test(n) && flashed(c)).map(([n, c]) => [romOf(n), flashed(c)]);
      expect(rows(`SELECT component, version FROM firmware WHERE device_key = ? AND component LIKE 'rom.%' ORDER BY component`, t.device).map((r) => [r.component, r.version])).toEqual(roms.sort());
      // An Available version is the update image's, never a state of the device's firmware.
      expect(rows(`SELECT state FROM firmware WHERE device_key = ? AND state NOT IN ('stored', 'running', 'fixed')`, t.device)).toEqual([]);
      const available = Object.entries(t.components).filter(([n, c]) => n !== 'FW (Running)' && (c.available || notInImage(n, c)))
        .map(([n, c]) => [n === 'FW' ? 'firmware' : romOf(n), c.available ?? 'none']);
      expect(rows(`SELECT key, value FROM settings WHERE device_key = ? AND namespace = 'mlx.update_image' ORDER BY key`, t.device).map((r) => [r.key, r.value])).toEqual(available.sort());
      const facts = Object.fromEntries(rows(`SELECT key, value FROM settings WHERE device_key = ? AND namespace = 'mlx.device'`, t.device).map((r) => [r.key, String(r.value)]));
      const { device: _d, index: _i, components: _c, psid: _p, status, update: _u, ...identity } = t;
      expect(facts).toEqual({ ...identity, update_status: status });
    }
    const alarms = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.rule);
    expect(alarms.filter((r) => !prov.expected_findings.includes(r))).toEqual([]);
    // "Update required" is the tool's verdict against one image: no finding of its own.
    expect(report.findings.filter((f) => /update required/i.test(f.message))).toEqual([]);
  }, 60_000);
});

describe('the same card in a flint query and a firmware manager query is one device', () => {
  it('found by its base MAC when the firmware manager names it by its mst device; flint says what is on the card', async () => {
    const flint = readFileSync(join(MSTFLINT, 'cx7-fs4-mt4129-tools-container.txt'));
    const mlxup = readFileSync(join(DIR, 'cx7-mlxup-two-devices-update-required.txt'));
    const { rows } = await replay({ 'cmd/flint/-d_0000:81:00.0_q.out': flint, 'cmd/mlxup/--query.out': mlxup });
    expect(rows(`SELECT DISTINCT device_key FROM firmware ORDER BY device_key`).map((r) => r.device_key)).toEqual(['0000:81:00.0', 'mst:mt4129_pciconf1']);
    // Each tool's rows, with its artifact: both show 28.42.1000 running. The mlxup run then burned 28.43.1014 (`Done`),
    // which flint, run before it, did not see: the two differ on the flash, an issue names both, flint's row stays the fact.
    expect(rows(`SELECT state, version, artifact FROM firmware WHERE device_key = '0000:81:00.0' AND component = 'firmware' ORDER BY state, artifact`)).toEqual([
      { state: 'running', version: '28.42.1000', artifact: 'cmd/flint/-d_0000:81:00.0_q.out' },
      { state: 'running', version: '28.42.1000', artifact: 'cmd/mlxup/--query.out' },
      { state: 'stored', version: '28.42.1000', artifact: 'cmd/flint/-d_0000:81:00.0_q.out' },
    ]);
    expect(rows(`SELECT message FROM collection_issues WHERE code = 'TOOLS-DIFFER'`).map((r) => r.message)).toEqual([
      expect.stringMatching(/^0000:81:00\.0: cmd\/flint\/-d_0000:81:00\.0_q\.out shows stored firmware 28\.42\.1000, cmd\/mlxup\/--query\.out \(device #\d\) shows 28\.43\.1014$/),
    ]);
    // The image held no PXE or UEFI (Available N/A): after the update the card's flash holds none.
    expect(rows(`SELECT key, value FROM settings WHERE device_key = '0000:81:00.0' AND namespace = 'mlx.update_image' ORDER BY key`)).toEqual([
      { key: 'firmware', value: '28.43.1014' }, { key: 'rom.pxe', value: 'none' }, { key: 'rom.uefi', value: 'none' },
    ]);
    expect(rows(`SELECT value FROM settings WHERE device_key = '0000:81:00.0' AND key = 'pci_device_name'`)).toEqual([{ value: '/dev/mst/mt4129_pciconf0' }]);
  }, 60_000);

  it('found through the RDMA devices in sysfs: the node GUID of function 0 is the base GUID, board_id the PSID', async () => {
    // Two cards of one model (one PSID), named by their mst devices; the tree's sysfs says which PCI function each is.
    const mlxfw = readFileSync(join(DIR, 'cx5-two-devices-indented-cray-docs.txt'));
    const ib = (n: number, bdf: string, guid: string): Record<string, string> => {
      const dir = `sys/devices/pci0000:00/0000:00:02.0/${bdf}/infiniband/mlx5_${n}`;
      return { [`${dir}/board_id`]: 'MT_0000000011\n', [`${dir}/node_guid`]: `${guid}\n`, [`${dir}/fw_ver`]: '16.28.4000\n' };
    };
    const files = { 'cmd/mlxfwmanager/mlxfwmanager.out': mlxfw, ...ib(0, '0000:3b:00.0', '506b:4b03:0028:505c'), ...ib(1, '0000:af:00.0', '9803:9b03:001e:da3c') };
    const links = {
      'sys/class/infiniband/mlx5_0': '../../devices/pci0000:00/0000:00:02.0/0000:3b:00.0/infiniband/mlx5_0',
      'sys/class/infiniband/mlx5_1': '../../devices/pci0000:00/0000:00:02.0/0000:af:00.0/infiniband/mlx5_1',
      'sys/devices/pci0000:00/0000:00:02.0/0000:3b:00.0/infiniband/mlx5_0/device': '../../../0000:3b:00.0',
      'sys/devices/pci0000:00/0000:00:02.0/0000:af:00.0/infiniband/mlx5_1/device': '../../../0000:af:00.0',
    };
    const { rows } = await replay(files, links);
    expect(rows(`SELECT device_key, value FROM settings WHERE key = 'pci_device_name' ORDER BY device_key`)).toEqual([
      { device_key: '0000:3b:00.0', value: '/dev/mst/mt4119_pciconf1' },
      { device_key: '0000:af:00.0', value: '/dev/mst/mt4119_pciconf0' },
    ]);
    expect(rows(`SELECT count(*) AS n FROM devices WHERE device_key LIKE 'mst:%'`)).toEqual([{ n: 0 }]);
  }, 60_000);

  it('found by its PSID when neither names an address the other does and no other device has that PSID', async () => {
    const flint = readFileSync(join(MSTFLINT, 'cx6lx-fs4-secure-fw-domain2.txt'));
    // The published query with its addresses taken out and the card named by its mst device, as mlxup on another host prints it.
    const mlxup = readFileSync(join(DIR, 'cx6lx-mlxup-query-rhel.txt'), 'utf8').replace(/^\s*Base (GUID|MAC):.*\n/gm, '').replace('0002:01:00.0', '/dev/mst/mt4127_pciconf0');
    const { rows } = await replay({ 'cmd/mstflint/-d_0002:01:00.0_q.out': flint, 'cmd/mlxup/--query.out': mlxup });
    expect(rows(`SELECT DISTINCT device_key FROM devices WHERE class = 'pci'`)).toEqual([{ device_key: '0002:01:00.0' }]);
    expect(rows(`SELECT value FROM settings WHERE device_key = '0002:01:00.0' AND key = 'update_status'`)).toEqual([{ value: 'Update required' }]);
  }, 60_000);

  it('a file under a firmware manager\'s folder whose name is another run\'s (a semaphore clear) is named, not silently left out; an update run\'s is read', async () => {
    const { manifest } = await replay({
      'cmd/mlxup/mlxup_--clear-semaphore.out': readFileSync(join(DIR, 'cx6lx-mlxup-query-rhel.txt')),
      'cmd/mlxfwmanager/mlxfwmanager_-u_-i_fw.bin.out': readFileSync(join(DIR, 'cx6lx-mlxup-query-rhel.txt')),
    });
    expect(manifest.issues).toContainEqual(expect.objectContaining({ target: 'cmd/mlxup/mlxup_--clear-semaphore.out', code: 'UNKNOWN_NAME' }));
    // A saved update run is text: reading it runs nothing, and it prints the query first.
    expect(manifest.artifacts.filter((a) => a.name.startsWith('cmd/') && a.name.endsWith('.out')).map((a) => a.replayedFrom)).toEqual(['cmd/mlxfwmanager/mlxfwmanager_-u_-i_fw.bin.out']);
  }, 60_000);

  it('a file under a firmware manager\'s folder named in a person\'s own words is the tool\'s query', async () => {
    const { manifest } = await replay({ 'cmd/mlxup/firmware-notes.out': readFileSync(join(DIR, 'cx6lx-mlxup-query-rhel.txt')) });
    expect(manifest.artifacts.filter((a) => a.name.startsWith('cmd/')).map((a) => [a.name, a.replayedFrom])).toContainEqual(['cmd/mlxup/_.out', 'cmd/mlxup/firmware-notes.out']);
  }, 60_000);

  it('found by its PCI address when both name it so', async () => {
    const flint = readFileSync(join(MSTFLINT, 'cx6lx-fs4-secure-fw-domain2.txt'));
    const mlxup = readFileSync(join(DIR, 'cx6lx-mlxup-query-format-xml.xml'));
    const { rows } = await replay({ 'cmd/mstflint/-d_0002:01:00.0_q.out': flint, 'cmd/mlxup/--query_--query-format_XML.out': mlxup });
    expect(rows(`SELECT DISTINCT device_key FROM devices WHERE class = 'pci'`)).toEqual([{ device_key: '0002:01:00.0' }]);
    expect(rows(`SELECT artifact, count(*) AS n FROM firmware WHERE device_key = '0002:01:00.0' AND component = 'firmware' GROUP BY artifact ORDER BY artifact`)).toEqual([
      { artifact: 'cmd/mlxup/--query_--query-format_XML.out', n: 2 },
      { artifact: 'cmd/mstflint/-d_0002:01:00.0_q.out', n: 2 },
    ]);
  }, 60_000);
});

describe('a query pasted as it travels in tickets reads as published', () => {
  const s = samples.find((x) => x.id === 'cx7-mlxup-two-devices-update-required.txt')!;
  const text = s.text.toString('utf8');
  const forms: [string, (t: string) => string][] = [
    ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
    ['ANSI colours', (t) => t.replace(/^(\s*)([A-Z][A-Za-z ]*:)/gm, '$1\x1b[1;32m$2\x1b[0m')],
    ['JSON log line', (t) => `2026-01-01T00:00:00Z\tINFO\tRunCommand()\t${JSON.stringify({ output: t })}\n`],
    ['Markdown fence with prose', (t) => `Here is what mlxup says:\n\n\`\`\`\n${t}\`\`\`\n\nAny idea?\n`],
    ['mail quote', (t) => t.split('\n').map((l) => `> ${l}`).join('\n')],
  ];
  // Line numbers move where prose is added around the output; what is read does not.
  const readOff = (t: string): unknown => parseFwManagerQuery(t).devices.map(({ line: _line, ...d }) => d);
  it.each(forms)('%s', (_form, f) => {
    expect(readOff(f(text))).toEqual(readOff(text));
  });
  it('the XML form under its command line, or HTML-escaped by a web page, reads as published', () => {
    const xml = readFileSync(join(DIR, 'cx6lx-mlxup-query-format-xml.xml'), 'utf8');
    const escaped = xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    for (const form of [`[root@host ~]# mlxup --query --query-format XML\n${xml}`, escaped]) {
      expect(readOff(form)).toEqual(readOff(xml));
      expect(parseFwManagerQuery(form).issues).toEqual([]);
    }
  });
  it('replayed in its mail-quoted form, the rows are those of the published form', async () => {
    const q = (t: string): string => t.split('\n').map((l) => `> ${l}`).join('\n');
    const sql = `SELECT device_key, component, version, state FROM firmware ORDER BY device_key, component, state`;
    const a = await replay({ [s.prov.saved_as]: text });
    const b = await replay({ [s.prov.saved_as]: q(text) });
    expect(b.rows(sql)).toEqual(a.rows(sql));
    expect(b.rows(sql).length).toBeGreaterThan(0);
  }, 60_000);
});
