import { recordLineIssues, recordSettings } from '../../load/loader-util.js';
import type { ClassLoader } from '../../load/types.js';
import { generatedNqn } from './generated-nqn.js';
import { parseListSubsys } from './nvme-list-subsys.js';

/** `nvme list-subsys`, of every subsystem or of a node's (`-o json`, `-v`). */
const LISTS = /^cmd\/nvme\/list-subsys(?:_[^/]*)?\.out$/;
const BDF = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i;

/**
 * `nvme list-subsys` as a person saved it: each controller's subsystem (name, NQN, host NQN, I/O policy) and its
 * transport, address, state and ANA state (`nvme.subsystem`), as the kernel gave nvme-cli from sysfs. A controller no
 * other artifact described is made from it: its PCI function from a PCIe address, the vendor ids, serial and model its
 * generated NQN holds, and with -v (2.16 on) the subsystem's model, serial and firmware.
 */
export const nvmeListSubsysLoader: ClassLoader = {
  name: 'nvme-list-subsys',
  load(ctx) {
    const known = new Set(ctx.devices().map((d) => d.key));
    for (const name of ctx.names(LISTS)) {
      const list = ctx.parse(name, 'nvme-list-subsys', (d) => parseListSubsys(d.toString('utf8')));
      if (!list) continue;
      recordLineIssues(ctx, name, 'nvme-list-subsys', list.issues);
      for (const s of list.subsystems) {
        for (const c of s.controllers) {
          const key = `nvme:${c.name}`;
          if (!known.has(key)) {
            known.add(key);
            const pci = c.transport === 'pcie' && c.address && BDF.test(c.address) ? c.address.toLowerCase() : undefined;
            const made = generatedNqn(s.nqn);
            ctx.sink.device({
              key, class: 'nvme', pciAddress: pci, parentKey: pci, vendorId: made?.vid ?? null, subsystemVendorId: made?.ssvid ?? null,
              model: s.model ?? made?.model ?? null, serial: s.serial ?? made?.serial ?? null,
            });
            if (s.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: s.firmware, state: 'running', artifact: name });
          }
          recordSettings(ctx, key, 'nvme.subsystem', {
            subsystem: s.name, subsysnqn: s.nqn, hostnqn: s.hostnqn, iopolicy: s.iopolicy, transport: c.transport, address: c.address, state: c.state, ana_state: c.anaState,
          }, name);
        }
      }
    }
  },
};
