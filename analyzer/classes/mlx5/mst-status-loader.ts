import type { LoadContext } from '../../load/types.js';
import { MST_NAMESPACE } from './names.js';
import type { MstNode } from './mst-status.js';

/**
 * What an `mst status` listing shows of each PCI function its nodes reach (mlx.mst): the nodes, and `-v`'s device type,
 * RDMA device, network interface and NUMA node. A node the listing does not place at a function gives nothing.
 */
export function storeMstStatus(ctx: LoadContext, artifact: string, nodes: readonly MstNode[]): void {
  const byFunction = new Map<string, MstNode[]>();
  for (const n of nodes) if (n.bdf !== undefined) byFunction.set(n.bdf, [...(byFunction.get(n.bdf) ?? []), n]);
  for (const [bdf, at] of byFunction) {
    ctx.sink.device({ key: bdf, class: 'pci', pciAddress: bdf });
    const set = (key: string, value: string | number | undefined): void => {
      if (value !== undefined) ctx.sink.setting({ deviceKey: bdf, namespace: MST_NAMESPACE, key, value, mode: 'current', artifact });
    };
    set('nodes', [...new Set(at.map((n) => n.node))].join(' '));
    const first = <K extends 'deviceType' | 'rdma' | 'net' | 'numa'>(k: K): MstNode[K] => at.find((n) => n[k] !== undefined)?.[k];
    set('device_type', first('deviceType'));
    set('rdma', first('rdma'));
    set('net', first('net'));
    set('numa', first('numa'));
  }
}
