import { type ClassRedaction, under } from '../../../bundle/redact/layout.js';
import { redactIdentifier } from '../../../bundle/redact/values.js';

/**
 * Memory-device serials in `cxl list` JSON, printed in decimal (sysfs `serial` files, in hex, are covered by the
 * generic device-serial layout): each is learnt in both spellings, so the decimal and the hex form get one token.
 */
export const redaction: ClassRedaction = {
  /** The mailbox answers: command sizes, slot numbers and firmware revisions; no serial (that is Identify's). */
  plainBinary: [/^ioctl\/cxl\/mem\d+\/(?:query-commands|get-fw-info)\.bin$/],
  layouts: [
    {
      name: 'cxl list serials',
      test: under(/^cmd\/cxl\/[^/]+\.out$/),
      binary: false,
      learn: (d, t) => {
        for (const m of d.toString('utf8').matchAll(/"serial"\s*:\s*"?(\d+)"?/g)) {
          const n = BigInt(m[1]!);
          if (n === 0n) continue;
          redactIdentifier(t, m[1]!, 'serial', false);
          redactIdentifier(t, `0x${n.toString(16)}`, 'serial', false);
        }
        return [];
      },
    },
  ],
};
