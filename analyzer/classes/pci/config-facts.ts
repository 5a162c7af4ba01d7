import type { FactSink } from '../../db/rows.js';
import type { LoadContext } from '../../load/types.js';
import { capabilityFields, type PciConfig } from './pci-config.js';
import { recordConfigBytes } from './tables.js';

export interface PciLink {
  deviceKey: string;
  /** 'config' (from the PCIe capability) or 'sysfs' (current_link_*, max_link_*). */
  source: 'config' | 'sysfs';
  maxSpeedGts: number | null;
  maxWidth: number | null;
  speedGts: number | null;
  width: number | null;
  /** Default: the artifact being loaded. */
  artifact?: string;
}

/** A pci_links row. */
export function recordLink(sink: FactSink, l: PciLink): void {
  sink.row('pci_links', { device_key: l.deviceKey, source: l.source, max_speed_gts: l.maxSpeedGts, max_width: l.maxWidth, speed_gts: l.speedGts, width: l.width }, l.artifact);
}

/** Config space as read, its anomalies as issues, its Express link; its capabilities are read from the bytes (tables.ts). */
export function recordConfig(ctx: LoadContext, bdf: string, bytes: Uint8Array, config: PciConfig, artifact: string): void {
  for (const anomaly of config.anomalies) ctx.sink.issue('PCI-CONFIG', `${bdf}: ${anomaly}`, artifact);
  recordConfigBytes(ctx.sink, bdf, bytes, config, artifact);
  const link = capabilityFields(config, 'express')?.link;
  if (link) {
    recordLink(ctx.sink, {
      deviceKey: bdf, source: 'config', maxSpeedGts: link.cap.maxSpeedGts, maxWidth: link.cap.maxWidth, speedGts: link.sta.speedGts, width: link.sta.width, artifact,
    });
  }
}
