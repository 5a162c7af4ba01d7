import { type ClassRedaction, under, wholeValue } from '../../../bundle/redact/layout.js';
import { redactHexId } from '../../../bundle/redact/values.js';

/** A Thunderbolt router's unique_id (a UUID); USB serial strings are sysfs `serial` files, which every class's layouts cover. */
export const redaction: ClassRedaction = {
  layouts: [
    {
      name: 'thunderbolt unique id',
      test: under(/^sys\/bus\/thunderbolt\/devices\/[^/]+\/unique_id$/),
      binary: false,
      learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'uuid', v)),
    },
  ],
};
