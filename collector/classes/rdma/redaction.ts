import { type ClassRedaction, under, wholeValue } from '../../../bundle/redact/layout.js';
import { redactIpv6 } from '../../../bundle/redact/text-scrub.js';
import { redactHexId } from '../../../bundle/redact/values.js';

/** InfiniBand GUIDs are EUI-64s; GIDs are IPv6-shaped (a subnet prefix and the port GUID). */
export const redaction: ClassRedaction = {
  layouts: [
    { name: 'infiniband guid', test: under(/^sys\/.*\/(?:node_guid|sys_image_guid|port_guid)$/), binary: false, learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'eui64', v)) },
    { name: 'infiniband gid', test: under(/^sys\/.*\/ports\/\d+\/gids\/\d+$/), binary: false, learn: (d, t) => wholeValue(d, (v) => redactIpv6(t, v)) },
  ],
  seedPerEntry: [['/sys/class/infiniband', ['node_guid', 'sys_image_guid']]],
};
