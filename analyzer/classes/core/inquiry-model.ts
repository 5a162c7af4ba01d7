import { namesNothing } from '../../version/sentinels.js';
/**
 * The model a person reads off a SCSI INQUIRY's vendor (8 bytes) and product (16 bytes) fields, as smartctl prints
 * them (each trimmed, joined by a space).
 *
 * A SAT layer that follows SAT puts `ATA` in the vendor field and the ATA model's first 16 characters in the product
 * field. Some put the ATA model's first 24 characters across both fields instead, the vendor field holding no vendor
 * (vendor `MG08ACP1`, product `6TE           SM` for an ATA model `MG08ACP16TE           SM`). Such a vendor field
 * is full (8 characters, no space) and holds a model's upper-case letters and digits, which no T10 vendor id of 8
 * characters with a digit does (`3PARdata` is mixed case); the product field then goes on with the same word. The
 * model is then the two fields read as one, trailing spaces dropped: the IDENTIFY model's first 24 characters as the
 * drive holds them and libata's ata_id_c_string() would read them, a part after a run of spaces (an OEM tag, `SM`) kept
 * as a product field's tail is (`ST973401LC    FN`).
 */
export function inquiryModel(vendor: string | undefined, product: string | undefined): string | undefined {
  return spreadAtaModel(vendor, product) ?? ([vendor?.trim(), product?.trim()].filter(Boolean).join(' ') || undefined);
}

/**
 * The model of a drive behind a SAT layer that follows SAT (vendor `ATA`): the product field, the ATA model's first 16
 * characters, as sysfs, lsscsi, sdparm and sg_inq give it; undefined for another vendor.
 */
export function satProduct(vendor: string | undefined, product: string | undefined): string | undefined {
  return vendor?.trim() === 'ATA' && product?.trim() ? product.trim() : undefined;
}

/** The ATA model spread over the vendor and product fields, when it is (undefined when the vendor field holds a vendor). */
export function spreadAtaModel(vendor: string | undefined, product: string | undefined): string | undefined {
  const v = vendor?.trim() ?? '';
  const p = product?.trim() ?? '';
  return /^(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{8}$/.test(v) && /^[A-Z0-9]/.test(p) ? `${v}${p}` : undefined;
}

/** The mark before a firmware revision known only by its last characters (analyzer/rules/compile.ts decides no rule on it alone). */
export const FIRMWARE_CUT_MARK = '…';

/**
 * The running firmware a SCSI INQUIRY revision stands for. Behind a SAT layer (vendor `ATA`) it is 4 of the drive's
 * 8-character ATA firmware: libata's ata_scsiop_inq_std gives IDENTIFY words 25–26, the last 4 (words 23–24, the first 4,
 * when those are blank), an adapter's or a bridge's SAT layer may give the first 4. Stored with `…` before it (`…1630` of a
 * VA111630) whichever output printed it (sysfs rev, lsscsi, sdparm, sg_inq), as the ata loaders store sysfs's. Any other
 * vendor's revision is whole.
 */
export function inquiryFirmware(vendor: string | undefined, revision: string): string {
  if (placeholderRevision(revision)) return revision.trim();
  return vendor?.trim() === 'ATA' && !revision.startsWith(FIRMWARE_CUT_MARK) ? `${FIRMWARE_CUT_MARK}${revision}` : revision;
}

/**
 * An INQUIRY revision that names no firmware: libata's `n/a` for a blank IDENTIFY firmware (ata_scsiop_inq_std), a blank
 * or all-space one, another placeholder or a person's mask (analyzer/version/sentinels.ts). It is no part of a firmware,
 * so it is stored as printed, not marked cut: a placeholder version, reported once as unreadable and judged by no rule.
 * All zeros is not one: `0000` may be the end of a real firmware (a Fujitsu MHT2080B's, sg_inq in the real corpus).
 */
export function placeholderRevision(revision: string): boolean {
  return namesNothing(revision);
}
