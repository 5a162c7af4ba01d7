import type { CollectorClass } from '../../source.js';
import { source as netSource } from './net.js';
import { source as devlinkSource } from './devlink.js';

export const nic: CollectorClass = { name: 'nic', sources: [netSource, devlinkSource] };
