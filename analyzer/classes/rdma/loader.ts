import { instances, lastBdf } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';

const DEVICE = /^sys\/class\/infiniband\/([^/]+)\//;
/** Attributes of the device directory kept as settings (fw_ver goes to the firmware table). */
export const RDMA_SETTINGS = ['board_id', 'hca_type', 'hw_rev', 'node_guid', 'sys_image_guid', 'node_type', 'node_desc'] as const;

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

/** RDMA devices (sys/class/infiniband): running firmware (fw_ver), identity and GUIDs, and each port's state. */
export const rdmaLoader: ClassLoader = {
  name: 'rdma',
  load(ctx) {
    for (const name of instances(ctx, DEVICE)) loadDevice(ctx, name);
  },
};
