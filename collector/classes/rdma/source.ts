import type { Source, SourceContext } from '../../source.js';
import { presentNames } from '../../sysfs-names.js';
import { replaySavedOutputs } from '../../replay-saved.js';
import { savedIbstatArgv, savedIbvDevinfoArgv } from './saved.js';

const INFINIBAND = '/sys/class/infiniband';

export const RDMA_DEVICE_ATTRIBUTES = ['fw_ver', 'board_id', 'hca_type', 'hw_rev', 'node_guid', 'sys_image_guid', 'node_type', 'node_desc'] as const;
export const RDMA_PORT_ATTRIBUTES = ['state', 'phys_state', 'rate', 'link_layer', 'lid', 'sm_lid', 'lid_mask_count', 'sm_sl', 'cap_mask'] as const;

function collectRdmaDevice(ctx: SourceContext, name: string): void {
  const dir = `${INFINIBAND}/${name}`;
  ctx.device('rdma', name);
  ctx.collectLink(dir, { directory: true });
  const present = new Set(ctx.listDir(dir) ?? []);
  ctx.collectAttributes(dir, RDMA_DEVICE_ATTRIBUTES.filter((n) => present.has(n)));
  if (present.has('device')) ctx.collectLink(`${dir}/device`);
  if (!present.has('ports')) return;
  for (const port of ctx.listDir(`${dir}/ports`) ?? []) {
    const pdir = `${dir}/ports/${port}`;
    ctx.collectAttributes(pdir, presentNames(ctx, pdir, RDMA_PORT_ATTRIBUTES));
  }
}

export const source: Source = {
  name: 'rdma',
  description: 'RDMA devices: firmware version, board id, GUIDs, parent PCI function, port state, rate and link layer; saved ibv_devinfo and ibstat outputs',
  collect(ctx) {
    let saved = 0;
    if (ctx.replay) {
      saved += replaySavedOutputs(ctx, { tool: 'ibv_devinfo', argvOf: savedIbvDevinfoArgv, unknownWhy: 'saved ibv_devinfo output: an option other than -v, -d or -i (-l lists names only), not read' });
      saved += replaySavedOutputs(ctx, { tool: 'ibstat', argvOf: savedIbstatArgv, unknownWhy: 'saved ibstat output: an option (-l, -s, -p list names, the short form or GUIDs only), not read' });
    }
    if (!ctx.isDir(INFINIBAND) && saved > 0) return;
    if (!ctx.isDir(INFINIBAND)) ctx.skip('no /sys/class/infiniband on this host');
    const devices = ctx.listDir(INFINIBAND) ?? [];
    if (devices.length === 0) ctx.skip('no RDMA devices on this host');
    for (const name of devices) collectRdmaDevice(ctx, name);
  },
};
