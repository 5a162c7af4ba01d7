import type { UnnamedOutput } from '../../source.js';

/** sg_inq's standard INQUIRY (`standard INQUIRY:` and its identification fields) or a VPD page's heading; no node in it. */
export function sgInqUnnamed(lines: readonly string[]): UnnamedOutput | undefined {
  const t = lines.map((l) => l.trim());
  const standard = t.some((l) => l === 'standard INQUIRY:') && t.some((l) => /^(?:Vendor|Product) identification:/.test(l));
  const vpd = t.some((l) => /^VPD INQUIRY: /.test(l));
  return standard || vpd ? { what: "sg_inq's INQUIRY", typed: 'sg_inq /dev/sda', named: 'sg_inq sda.txt' } : undefined;
}

/** An lsscsi device line: `[H:C:T:L]`, then the peripheral type (`disk`, `cd/dvd`, `enclosu`, `(0x1f)`). */
const LSSCSI_DEVICE = /^\[\d+:\d+:\d+:\d+\]\s+\S/;
/** `lsscsi -t`'s transport in place of vendor and product (`sata:`, `sas:0x5000…`, `usb: 1-1:1.0`). */
const LSSCSI_TRANSPORT = /^\[[\d:]+\]\s+\S+\s+(?:sata|sas|usb|fc|iscsi|spi|ata|pcie|sbp|srp|fcoe|ide):/;
/** `lsscsi -g`: the sg node after the block node. */
const LSSCSI_SG = /\s(?:\/dev\/\S+|-)\s+\/dev\/sg\d+$/;
/** A person's elision or a fence around the output. */
const LSSCSI_AROUND = /^(?:\[\s*\.\.\.\s*\]|\.{3,}|\(\s*\.\.\.\s*\)|`{3}.*)$/;

/**
 * lsscsi's listing by its device lines: at least one, and half the lines at the left margin device lines (a person's
 * words around it are tolerated, another output beside it is not lsscsi's); `-t` when its lines print the transport,
 * `-g` when they end with the sg node.
 */
export function lsscsiShape(lines: readonly string[]): string[] | undefined {
  const filled = lines.map((l) => l.trim()).filter((l) => l !== '' && !LSSCSI_AROUND.test(l));
  const devices = filled.filter((l) => LSSCSI_DEVICE.test(l));
  if (devices.length === 0 || devices.length * 2 < filled.length) return undefined;
  const letters = `${devices.some((l) => LSSCSI_SG.test(l)) ? 'g' : ''}${devices.some((l) => LSSCSI_TRANSPORT.test(l)) ? 't' : ''}`;
  return letters ? ['lsscsi', `-${letters}`] : ['lsscsi'];
}
