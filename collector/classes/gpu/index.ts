import type { CollectorClass } from '../../source.js';
import { amdgpu } from './amdgpu.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const gpu: CollectorClass = { name: 'gpu', sources: [source, amdgpu], redaction };
