import { type ClassRedaction, rawId, under } from '../../../bundle/redact/layout.js';

/** MGIR (after the 16-byte fwctl header) holds the base MAC at 0x12; mst tools print versions, never addresses. */
export const redaction: ClassRedaction = {
  layouts: [{ name: 'mlx5 MGIR', test: under(/^ioctl\/fwctl\/[^/]+\/access-reg-mgir\.bin$/), binary: true, learn: (d, t) => rawId(d, t, 'mac', 16 + 0x12, 6) }],
  plainBinary: [/^ioctl\/fwctl\/[^/]+\/(?:info|info-data|mnvda-[\w-]+)\.bin$/],
  noIps: [/^cmd\/mst\w*\//],
};
