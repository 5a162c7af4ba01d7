import { namesDevice } from '../../parsers/masked-value.js';
import { ownDriveName, udevLink } from '../../parsers/drive-node.js';

/**
 * The key of the device a saved SCSI tool's output (sg_inq, sg_vpd, sdparm) is about: the node it was run on
 * (`scsi:sda`, `scsi:sg2`). Run on a udev link (`/dev/disk/by-id/wwn-0x5000…`), which names no node, it is keyed by the
 * unit serial number it prints, else by the logical unit's name (`scsi:sg_inq-Z840Y0FY`, `scsi:sg_vpd-naa.5000…`), and
 * declares its drive by what it gives of itself (`own`), so that it folds into the device of that serial a node or the
 * host names; printing neither, by the link, readable (`scsi:disk-by-id-wwn-0x5000…`), as smartctl's and hdparm's are.
 */
export function scsiNodeKey(tool: string, node: string, serial: string | undefined, luName: string | undefined): { key: string; own: boolean } {
  const id = udevLink(`/dev/${node}`) ? (namesDevice(serial) ? serial : luName) : undefined;
  if (id === undefined) return { key: `scsi:${node.replace(/\//g, '-')}`, own: false };
  return { key: `scsi:${ownDriveName(tool, id)}`, own: true };
}
