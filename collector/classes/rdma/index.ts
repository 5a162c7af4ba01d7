import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const rdma: CollectorClass = { name: 'rdma', sources: [source] };
