import { type ClassRedaction, type Edit, textEdit, under, wholeValue } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactIpv6 } from '../../../bundle/redact/text-scrub.js';
import { redactHexId } from '../../../bundle/redact/values.js';

/** ibv_devinfo's `node_guid: 0c42:a103:00b4:b8b4` and ibstat's `Node GUID: 0x0c42a10300b4b8b4` (and the system image and port GUIDs). */
const GUID_LINE = /^([^\S\n]*(?:node_guid|sys_image_guid|port_guid|Node GUID|System image GUID|Port GUID)[^\S\n]*:[^\S\n]*)((?:0x)?[0-9a-fA-F:]+)[^\S\n]*$/gm;

function verbsGuids(d: Buffer, t: TokenMap): Edit[] {
  const text = d.toString('latin1');
  return [...text.matchAll(GUID_LINE)].flatMap((m) => {
    const at = m.index + m[1]!.length;
    return textEdit(d, at, at + m[2]!.length, redactHexId(t, 'eui64', m[2]!));
  });
}

/** InfiniBand GUIDs are EUI-64s; GIDs are IPv6-shaped (a subnet prefix and the port GUID). */
export const redaction: ClassRedaction = {
  layouts: [
    { name: 'infiniband guid', test: under(/^sys\/.*\/(?:node_guid|sys_image_guid|port_guid)$/), binary: false, learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'eui64', v)) },
    { name: 'verbs tools guids', test: under(/^cmd\/(?:ibv_devinfo|ibstat)\/[^/]+\.out$/), binary: false, learn: verbsGuids },
    { name: 'infiniband gid', test: under(/^sys\/.*\/ports\/\d+\/gids\/\d+$/), binary: false, learn: (d, t) => wholeValue(d, (v) => redactIpv6(t, v)) },
  ],
  seedPerEntry: [['/sys/class/infiniband', ['node_guid', 'sys_image_guid']]],
};
