import { placeholderRevision } from '../core/inquiry-model.js';
import { CUT_MARK } from './upstream/libata-rules.js';

/** The SCSI INQUIRY product's length: libata puts the ATA model's first 16 characters there. */
const INQUIRY_PRODUCT_LEN = 16;

/**
 * An ATA drive's model as the SCSI layer gives it (sysfs `device/model`, lsscsi, lsblk without udev): the INQUIRY product,
 * the model's first 16 characters with the trailing spaces dropped. One of 16 characters may be the start of a longer
 * model (`INTEL SSDSC2BX40` of an INTEL SSDSC2BX400G4); so may one of 15, whose 16th character was a space
 * (`Samsung SSD 840` of a Samsung SSD 840 EVO 250GB). Such a model is stored as the 16 characters (a 15-character one
 * with its space) ending in `…`, and a quirk entry is matched on it only where every entry that could take a model
 * starting so gives the rule's flag (rules/ata/libata-quirks.yaml, analyzer/classes/ata/upstream/cut-model.ts).
 * A shorter one is taken as whole: a model going on after two spaces is not seen.
 */
export function inquiryAtaModel(model: string): { model: string; cut: boolean } {
  if (model.length === INQUIRY_PRODUCT_LEN) return { model: `${model}${CUT_MARK}`, cut: true };
  if (model.length === INQUIRY_PRODUCT_LEN - 1) return { model: `${model} ${CUT_MARK}`, cut: true };
  return { model, cut: false };
}

/** What the PARTIAL-MODEL issue says after the drives' names. */
export const CUT_MODEL_WHY = `16 characters (15 when the 16th was a space), the SCSI INQUIRY product libata makes of an ATA model's start: the model may go on, so it is stored as those 16 characters ending in "${CUT_MARK}" and a libata quirk is matched on it only where every quirk entry that could take a model starting so gives that quirk (smartctl -i or hdparm -I give the whole model)`;
/**
 * An ATA drive's firmware as the SCSI layer gives it (sysfs `device/rev`, lsscsi, lsblk without udev): the INQUIRY
 * revision libata makes of the 8-character IDENTIFY firmware, its last 4 characters (the first 4 when those are
 * blank: then it is the whole firmware, which the output cannot tell). Stored with `…` before it (`…1630` of a
 * VA111630): a firmware condition of a rule decides such a version only where the versions it lists would end
 * otherwise (analyzer/rules/compile.ts), so a quirk entry keyed on firmware fails no drive known only by these characters.
 */
export function inquiryAtaFirmware(rev: string): string {
  return placeholderRevision(rev) ? rev.trim() : `${CUT_MARK}${rev}`;
}

/** What the PARTIAL-FIRMWARE issue says. */
export const SCSI_REV_WHY = `the SCSI INQUIRY revision libata makes of an ATA drive's firmware, its last 4 of 8 characters (the first 4 when those are blank): it may be only the end of the firmware, so it is stored as the running firmware with "${CUT_MARK}" before it, and a libata quirk keyed on firmware is decided on it only where no firmware the quirk lists would end so (it does not apply), else not (smartctl -i or hdparm -I give the whole firmware)`;
