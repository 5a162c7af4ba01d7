import type { LoadContext } from '../../load/types.js';
import { capabilityFields, type PciConfig } from './pci-config.js';

/** A decoded config space as rows: its anomalies as issues, every capability, the Express link. */
export function recordConfig(ctx: LoadContext, bdf: string, config: PciConfig, artifact: string): void {
  for (const anomaly of config.anomalies) ctx.sink.issue('PCI-CONFIG', `${bdf}: ${anomaly}`, artifact);
  for (const c of config.capabilities) {
    ctx.sink.pciCapability({
      deviceKey: bdf, capId: c.id, extended: c.extended, offset: c.offset, version: c.version, name: c.name,
      fields: c.fields ? Object.fromEntries(Object.entries(c.fields)) : null, artifact,
    });
  }
  const link = capabilityFields(config, 'express')?.link;
  if (link) {
    ctx.sink.pciLink({
      deviceKey: bdf, source: 'config', maxSpeedGts: link.cap.maxSpeedGts, maxWidth: link.cap.maxWidth, speedGts: link.sta.speedGts, width: link.sta.width, artifact,
    });
  }
}
