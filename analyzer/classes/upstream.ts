import { libataQuirks } from './ata/upstream/index.js';
import { usbStorageQuirks } from './usb/upstream/index.js';
import type { UpstreamSource } from '../rules/upstream/source.js';

/** Every rule file generated from an upstream table, one line per table. */
export const UPSTREAM_SOURCES: UpstreamSource[] = [libataQuirks as UpstreamSource, usbStorageQuirks as UpstreamSource];
