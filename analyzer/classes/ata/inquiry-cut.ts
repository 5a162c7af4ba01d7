import { CUT_MARK } from './upstream/libata-rules.js';

/** The SCSI INQUIRY product's length: libata puts the ATA model's first 16 characters there. */
const INQUIRY_PRODUCT_LEN = 16;

/**
 * An ATA drive's model as the SCSI layer gives it (sysfs `device/model`, lsblk without udev): the INQUIRY product, so one
 * of 16 characters may be the start of a longer model (`INTEL SSDSC2BX40` of an INTEL SSDSC2BX400G4). Such a model is
 * stored ending in `…`, and a quirk entry is matched on it only where every entry that could take a model starting so
 * agrees (rules/ata/libata-quirks.yaml, analyzer/classes/ata/upstream/cut-model.ts).
 * A shorter one is taken as whole: sysfs pads every product to 16, so one cut at a space (`Samsung SSD 860` of a Samsung
 * SSD 860 EVO) cannot be told from a whole short model; a pattern ending in `*` matches both alike.
 */
export function inquiryAtaModel(model: string): { model: string; cut: boolean } {
  return model.length === INQUIRY_PRODUCT_LEN ? { model: `${model}${CUT_MARK}`, cut: true } : { model, cut: false };
}

/** What the PARTIAL-MODEL issue says after the drives' names. */
export const CUT_MODEL_WHY = `16 characters, the SCSI INQUIRY product libata makes of an ATA model's start: the model may go on, so it is stored ending in "${CUT_MARK}" and a libata quirk is matched on it only where every quirk entry that could take a model starting so gives the same flags (smartctl -i or hdparm -I give the whole model)`;
/** What the PARTIAL-FIRMWARE issue says. */
export const SCSI_REV_WHY = 'the SCSI INQUIRY revision libata makes of an ATA drive\'s firmware, its last 4 of 8 characters (the first 4 when those are blank): stored as the running firmware as printed, it may be only the end of it';
