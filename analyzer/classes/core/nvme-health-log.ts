/**
 * The NVMe SMART / Health Information log (Log Identifier 02h) as one set of facts, whichever tool printed it: nvme-cli's
 * `smart-log` (read by the nvme class) and smartctl's NVMe health section (read by the ata class's smartctl loader) store
 * the same keys of the `nvme.smart` namespace, so the rules judge a drive alike whichever output a host kept.
 */

/** Critical Warning bits 0–5, named as `nvme.smart` critical_warnings lists them. */
export const CRITICAL_WARNING_BITS = [
  'spare-below-threshold', 'temperature', 'reliability-degraded', 'read-only', 'volatile-backup-failed', 'pmr-read-only',
] as const;

/** The names of the bits set in a Critical Warning byte. */
export function criticalWarningBits(byte: number): string[] {
  return CRITICAL_WARNING_BITS.filter((_, i) => (byte >> i) & 1);
}
