import { type ClassRedaction, paddedField, rawId, under } from '../../../bundle/redact/layout.js';

/** Identify Controller holds the serial (bytes 4-23) and the FRU GUID (112-127); the other logs hold no identifier. */
export const redaction: ClassRedaction = {
  layouts: [
    {
      name: 'nvme identify controller',
      test: under(/^ioctl\/nvme\/[^/]+\/id-ctrl\.bin$/),
      binary: true,
      learn: (d, t) => {
        const fguid = d.length >= 128 && d.subarray(112, 128).some((x) => x !== 0) ? rawId(d, t, 'uuid', 112, 16) : [];
        return [...paddedField(d, t, 4, 20, false), ...fguid];
      },
    },
  ],
  plainBinary: [/^ioctl\/nvme\/[^/]+\/(?:fw-log|smart-log|feature-[\w-]+)\.bin$/],
  noIps: [/^cmd\/nvme\//],
  // A fabrics controller's address attribute names its transport address (traddr=…), which may be an IP address.
  ips: [/^sys\/class\/nvme(?:-fabrics)?\/[^/]+\/address$/],
  seedPerEntry: [['/sys/class/nvme', ['serial', 'model', 'firmware_rev']]],
};
