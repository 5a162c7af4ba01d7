import { instances, lastBdf, recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { parseVerbsText, type VerbsDevice } from './verbs-text.js';

const DEVICE = /^sys\/class\/infiniband\/([^/]+)\//;
/** Attributes of the device directory kept as settings (fw_ver goes to the firmware table). */
export const RDMA_SETTINGS = ['board_id', 'hca_type', 'hw_rev', 'node_guid', 'sys_image_guid', 'node_type', 'node_desc'] as const;
/** What ibv_devinfo adds that sysfs keeps elsewhere (the PCI ids under the device link). */
const VERBS_SETTINGS = [...RDMA_SETTINGS, 'vendor_id', 'vendor_part_id'] as const;
/** Saved outputs of the verbs tools, replayed from a captured tree. */
const SAVED = [/^cmd\/ibv_devinfo\/[^/]+\.out$/, /^cmd\/ibstat\/[^/]+\.out$/];

function loadPorts(ctx: LoadContext, key: string, dir: string): void {
  const prefix = `${dir}/ports/`;
  for (const name of ctx.under(prefix)) {
    const [port, attribute, ...deeper] = name.slice(prefix.length).split('/');
    if (!port || !attribute || deeper.length) continue;
    const v = ctx.text(name)?.trim();
    if (v) ctx.sink.setting({ deviceKey: key, namespace: 'rdma.port', key: `${port}.${attribute}`, value: v, mode: 'current', artifact: name });
  }
}

function loadDevice(ctx: LoadContext, name: string): void {
  const dir = `sys/class/infiniband/${name}`;
  const value = (a: string): string | undefined => ctx.text(`${dir}/${a}`)?.trim() || undefined;
  const key = `rdma:${name}`;
  const bdf = lastBdf(ctx.text(`${dir}/device`));
  ctx.sink.device({ key, class: 'rdma', pciAddress: bdf, parentKey: bdf, model: value('hca_type') ?? null });
  const fw = value('fw_ver');
  if (fw) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: fw, state: 'running', artifact: `${dir}/fw_ver` });
  for (const a of RDMA_SETTINGS) {
    const v = value(a);
    if (v !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'rdma', key: a, value: v, mode: 'current', artifact: `${dir}/${a}` });
  }
  loadPorts(ctx, key, dir);
}

/** A device as a saved ibv_devinfo or ibstat prints it: the same rows its sysfs directory gives, without the PCI function. */
function loadVerbsDevice(ctx: LoadContext, d: VerbsDevice, artifact: string): void {
  const key = `rdma:${d.name}`;
  ctx.sink.device({ key, class: 'rdma', pciAddress: null, parentKey: null, model: d.attributes.hca_type ?? null });
  if (d.fwVer) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: d.fwVer, state: 'running', artifact });
  for (const a of VERBS_SETTINGS) {
    const v = d.attributes[a];
    if (v !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'rdma', key: a, value: v, mode: 'current', artifact });
  }
  for (const [port, attributes] of Object.entries(d.ports))
    for (const [a, v] of Object.entries(attributes)) ctx.sink.setting({ deviceKey: key, namespace: 'rdma.port', key: `${port}.${a}`, value: v, mode: 'current', artifact });
}

/** Saved ibv_devinfo and ibstat outputs: each device the host's sysfs (or an earlier output) did not give. */
function loadSaved(ctx: LoadContext, seen: Set<string>): void {
  const names = ctx.names().filter((n) => SAVED.some((re) => re.test(n))).sort();
  for (const artifact of names) {
    const parser = artifact.startsWith('cmd/ibstat/') ? 'ibstat' : 'ibv_devinfo';
    const parsed = ctx.parse(artifact, parser, (d) => parseVerbsText(d.toString('utf8')));
    if (!parsed) continue;
    recordLineIssues(ctx, artifact, parser, parsed.issues);
    for (const d of parsed.devices) {
      if (seen.has(d.name)) continue;
      seen.add(d.name);
      loadVerbsDevice(ctx, d, artifact);
    }
  }
}

/** RDMA devices (sys/class/infiniband, else saved ibv_devinfo / ibstat): running firmware (fw_ver), identity and GUIDs, and each port's state. */
export const rdmaLoader: ClassLoader = {
  name: 'rdma',
  load(ctx) {
    const seen = new Set<string>();
    for (const name of instances(ctx, DEVICE)) {
      seen.add(name);
      loadDevice(ctx, name);
    }
    loadSaved(ctx, seen);
  },
};
